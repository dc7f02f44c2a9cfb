/* SPDX-License-Identifier: MIT */
/* applets.h - entry points of the applets listed in applets.def. */
#ifndef ISCSIBOX_APPLETS_H
#define ISCSIBOX_APPLETS_H

#define APPLET(name, fn) int fn(int argc, char **argv);
#include "applets/applets.def"
#undef APPLET

#endif
