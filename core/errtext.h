/* SPDX-License-Identifier: MIT */
/* errtext.h - errno values as text, worded as glibc's errtext() words
 * them (see errtext.c): use this, never errtext(). */
#ifndef ISCSIBOX_ERRTEXT_H
#define ISCSIBOX_ERRTEXT_H

/* The text of errno value e; "Unknown error" outside Linux's range. */
const char *errtext(int e);

#endif
