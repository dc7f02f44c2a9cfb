/* SPDX-License-Identifier: MIT */
/* iscsiadm_fw.c - "iscsiadm -m fw" and "-m discovery -t fw": the boot
 * firmware's targets.  Parsing the iBFT is still to come (firmware/);
 * without a table this answers as open-iscsi 2.1.8 does: err 21 when
 * the kernel shows no iBFT, err 22 when there is no /sys/firmware. */
#include "applets/iscsiadm.h"
#include "core/errors.h"
#include "core/log.h"
#include "transport/sysfs.h"

#include <unistd.h>

int adm_fw(const struct adm_opts *o)
{
	int err;

	if (access(SYSFS_ROOT "/firmware/ibft/initiator", F_OK) == 0) {
		log_err("booting from firmware tables is not supported by "
			"this build yet");
		return ISCSI_ERR_OP_NOT_SUPP;
	}
	err = access(SYSFS_ROOT "/firmware", F_OK) == 0 ?
		      ISCSI_ERR_NO_OBJS_FOUND : ISCSI_ERR_SYSFS_LOOKUP;
	log_err("Could not get list of targets from firmware. (err %d)", err);
	return err;
}
