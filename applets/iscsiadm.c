/* SPDX-License-Identifier: MIT */
/* iscsiadm.c - placeholder entry until the option parser lands. */
#include "applets/applets.h"
#include "core/errors.h"

#include <stdio.h>

int iscsiadm_main(int argc, char **argv)
{
	fprintf(stderr, "Try `iscsiadm --help' for more information.\n");
	return ISCSI_ERR_INVAL;
}
