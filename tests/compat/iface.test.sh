#!/bin/bash
# SPDX-License-Identifier: MIT
# iface.test.sh - iface mode and the checks iscsiadm makes before it looks
# up any record, side by side with Debian's open-iscsi 2.1.8 (exit code,
# stdout, stderr, then the whole /etc/iscsi tree after every case; the
# state carries over).  Facts these cases hold us to, measured with
# Debian's iscsiadm:
# - the built-in ifaces (default, iser) refuse -o new/update/delete; an
#   update is refused with two lines yet exits 0;
# - stored ifaces are listed sorted by name (C order: "B" before "aa"),
#   then default and iser; "-P 1" draws from the node records and prints
#   nothing at all (exit 0, even for an unknown -I) when there are none;
# - "-I" longer than 64 characters (or empty) is refused while the
#   command line is read, on stdout, in every mode, and nothing is made;
#   a well-formed but unknown -I in node mode creates ifaces/ (exit 3);
# - node mode: -L (else -U) first, with the value of the last -L/-U
#   ("Invalid loginall option X." / "Invalid logoutall option X." and
#   the --help hint; -U has no "onboot"), then the iface, then -o new,
#   -R/-s, then "Both login and logout passed in" / "Login/logout and op
#   passed in" (7) - all before any record is read;
# - "-C ping": iface and -a required, then -b/-c/-i checked, the iface
#   read ("Could not read iface X (6)."), and each attempt fails on a
#   software transport ("Ping N failed: unknown error", exit 1).
# Not compared: updating or deleting iser (Debian first tries to load
# ib_iser), host names given to -a (musl and glibc word getaddrinfo's
# errors differently), -L/-U that would log in (tests/e2e).

HERE=$(cd "$(dirname "$0")" && pwd)
LIB="$HERE/../lib"
. "$LIB/common.sh"
. "$LIB/debian-iscsiadm.sh"
iscsi_compare_begin "$@"
iscsi_compare_etcs

T1=iqn.2024-01.org.iscsibox.iface:one
LONG=$(printf 'x%.0s' $(seq 65))
MAX=$(printf 'y%.0s' $(seq 64))

# --- nothing stored -----------------------------------------------------------
c iface-list-empty -m iface
c iface-P1-empty -m iface -P 1
c iface-P1-unknown-empty -m iface -I nosuch -P 1
bad iface-show-unknown -m iface -I nosuch
bad iface-long-name -m iface -I "$LONG"
bad iface-empty-name -m iface -I ""
bad node-long-iface -m node -I "$LONG"
bad disc-long-iface -m discovery -t st -p 127.0.0.1 -I "$LONG"
bad node-unknown-iface -m node -I nosuch
# --- built-ins are special ------------------------------------------------------
bad iface-new-default -m iface -I default -o new
bad iface-new-iser -m iface -I iser -o new
c iface-update-default -m iface -I default -o update \
	-n iface.ipaddress -v 10.1.1.1
bad iface-delete-default -m iface -I default -o delete
bad iface-delete-iser -m iface -I iser -o delete
c iface-show-default -m iface -I default
c iface-show-iser -m iface -I iser
# --- stored ifaces: order, several -I, updates -----------------------------------
c iface-new-zz -m iface -I zz -o new
c iface-new-B -m iface -I B -o new
c iface-new-aa -m iface -I aa -o new
c iface-new-max -m iface -I "$MAX" -o new
c iface-list -m iface
c iface-list-P0 -m iface -P 0
c iface-two -m iface -I aa -I zz
c iface-two-new -m iface -I mm -I zz -o new
c iface-update -m iface -I aa -o update -n iface.initiatorname \
	-v iqn.2024-01.org.iscsibox.iface:ini
c iface-update-net -m iface -I aa -o update -n iface.net_ifacename -v lo
bad iface-update-bogus -m iface -I aa -o update -n iface.bogus -v 1
bad iface-update-no-value -m iface -I aa -o update
bad iface-update-unknown -m iface -I nosuch -o update -n iface.mtu -v 1
c iface-show -m iface -I aa
c iface-list-after -m iface
bad iface-new-none -m iface -o new
bad iface-delete-none -m iface -o delete
bad iface-delete-unknown -m iface -I nosuch -o delete
# --- the -P 1 tree once nodes exist -----------------------------------------------
c node-new-aa -m node -o new -T "$T1" -p 127.0.0.1:3260,1 -I aa
c node-new-default -m node -o new -T "$T1" -p 127.0.0.2:3260,1
c iface-P1 -m iface -P 1
c iface-P1-aa -m iface -I aa -P 1
c iface-P1-zz -m iface -I zz -P 1
bad iface-P1-unknown -m iface -I nosuch -P 1
c iface-delete-zz -m iface -I zz -o delete
c iface-delete-mm -m iface -I mm -o delete
# --- node mode: checks before any lookup -------------------------------------------
bad node-login-logout -m node -l -u
bad node-login-logout-target -m node -l -u -T "$T1" -p 127.0.0.1
bad node-login-logout-iface -m node -l -u -I nosuch
bad node-rescan-iface -m node -R -I nosuch
bad node-two-ifaces -m node -I nosuch -I zz -T "$T1"
bad node-login-op -m node -l -o update -n node.startup -v manual
bad node-logout-op -m node -u -o delete
bad node-login-show -m node -l -o show
bad node-login-logout-stats -m node -l -u -s
bad node-loginall-bogus -m node -L bogus
bad node-loginall-bogus-l -m node -L bogus -l -u
bad node-logoutall-bogus -m node -U bogus
bad node-logoutall-onboot -m node -U onboot
bad node-loginall-then-bogus-U -m node -L all -U bogus
bad node-logoutall-manual -m node -U manual -T "$T1"
bad node-logoutall-all -m node -U all
bad session-logoutall -m session -U bogus
c node-login-new -m node -l -o new -T "$T1" -p 127.0.0.3:3260,1
c node-after -m node
# --- ping ---------------------------------------------------------------------
bad ping-no-iface -m iface -C ping -a 127.0.0.1
bad ping-no-ip -m iface -I aa -C ping
bad ping-count-0 -m iface -I aa -C ping -a 127.0.0.1 -c 0
bad ping-size -m iface -I aa -C ping -a 127.0.0.1 -b -1
bad ping-interval -m iface -I aa -C ping -a 127.0.0.1 -i -2
bad ping-unknown-iface -m iface -I nosuch -C ping -a 127.0.0.1
bad ping-software -m iface -I aa -C ping -a 127.0.0.1
bad ping-software-2 -m iface -I default -C ping -a 127.0.0.1 -c 2
c iface-other-submode -m iface -I aa -C bogus

t_log "$CASES cases, $BAD of them bad input"
t_done
