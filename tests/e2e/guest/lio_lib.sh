# SPDX-License-Identifier: MIT
# lio_lib.sh - guest helpers that configure the kernel's own iSCSI target
# (LIO) through configfs, listening on the guest's 127.0.0.1:3260 only.
# Each target gets its own 1 MiB RAM disk (rd_mcp) as LUN 0 and one ACL
# for $E2E_INITIATOR, optionally with CHAP (one-way or mutual). Names and
# secrets are written without a newline: LIO keeps whatever it is given.
# Needs configfs, target_core_mod and iscsi_target_mod loaded.

LIO_CFS=/sys/kernel/config/target
LIO_NP=127.0.0.1:3260
LIO_N=0

# lio_init - mount configfs and register the iSCSI fabric.
lio_init() {
	grep -q ' /sys/kernel/config ' /proc/mounts ||
		mount -t configfs configfs /sys/kernel/config || return 1
	[ -d "$LIO_CFS/iscsi" ] || mkdir "$LIO_CFS/iscsi"
}

# lio_target IQN [USER SECRET [TUSER TSECRET]] - a target whose ACL
# demands CHAP when USER is given (mutual with TUSER), then enabled.
lio_target() {
	local iqn=$1 rd tpg acl
	LIO_N=$((LIO_N + 1))
	rd=$LIO_CFS/core/rd_mcp_0/disk$LIO_N
	tpg=$LIO_CFS/iscsi/$iqn/tpgt_1
	acl=$tpg/acls/$E2E_INITIATOR
	mkdir -p "$rd" &&
		echo rd_pages=256 >"$rd/control" &&
		echo 1 >"$rd/enable" &&
		mkdir -p "$tpg/lun/lun_0" &&
		ln -s "$rd" "$tpg/lun/lun_0/disk" &&
		mkdir "$tpg/np/$LIO_NP" &&
		echo 0 >"$tpg/attrib/generate_node_acls" &&
		mkdir -p "$acl/lun_0" &&
		ln -s "$tpg/lun/lun_0" "$acl/lun_0/lun" || return 1
	if [ -n "${2:-}" ]; then
		printf %s "$2" >"$acl/auth/userid" &&
			printf %s "$3" >"$acl/auth/password" &&
			echo 1 >"$tpg/attrib/authentication" || return 1
	else
		echo 0 >"$tpg/attrib/authentication" || return 1
	fi
	if [ -n "${4:-}" ]; then
		printf %s "$4" >"$acl/auth/userid_mutual" &&
			printf %s "$5" >"$acl/auth/password_mutual" || return 1
	fi
	echo 1 >"$tpg/enable"
}
