#!/bin/bash
# SPDX-License-Identifier: MIT
# fake-ibft.sh - /sys/firmware/ibft trees as the kernel's iscsi_ibft
# module shows them (every attribute "value\n" except subnet-mask, which
# the kernel prints without a newline; empty fields have no file; NIC
# "device" a link to the PCI function, whose net/IF names the netdev),
# for running Debian's open-iscsi and ours on the same firmware data.
# Usage:
#   fake-ibft.sh run SCENARIO ETCDIR CMD [ARGS...]
#       CMD as "fake-sysfs.sh run none ETCDIR" runs it (private mount
#       namespace, /sys with the tcp transport, /etc/iscsi = ETCDIR) with
#       the SCENARIO tree added.  Run it in the test's own network
#       namespace.
#   fake-ibft.sh list
LIB=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

fi_w() {
	mkdir -p "$(dirname "$1")"
	printf '%s\n' "$2" >"$1"
}

# fi_ini R NAME
fi_ini() {
	local d=$1/firmware/ibft/initiator
	fi_w "$d/index" 0
	fi_w "$d/flags" 3
	[ -z "$2" ] || fi_w "$d/initiator-name" "$2"
	fi_w "$1/firmware/ibft/acpi_header/signature" iBFT
	fi_w "$1/firmware/ibft/acpi_header/oem_id" ISCBOX
	fi_w "$1/firmware/ibft/acpi_header/oem_table_id" FWTEST01
}

# fi_nic R N FLAGS IP PREFIX MASK ORIGIN GW DNS1 DNS2 DHCP VLAN MAC [PCI IF]
# ("-" = field not shown by the kernel)
fi_nic() {
	local r=$1 d=$1/firmware/ibft/ethernet$2 f v i=0
	set -- "$@"
	fi_w "$d/index" "$2"
	for f in flags ip-addr prefix-len subnet-mask origin gateway \
		primary-dns secondary-dns dhcp vlan mac; do
		v=${*:3+i:1}
		i=$((i + 1))
		[ "$v" = - ] && continue
		if [ "$f" = subnet-mask ]; then
			printf '%s' "$v" >"$d/$f"
		else
			fi_w "$d/$f" "$v"
		fi
	done
	if [ -n "${14:-}" ]; then
		mkdir -p "$r/devices/pci0000:00/${14}"
		[ -z "${15:-}" ] || mkdir -p "$r/devices/pci0000:00/${14}/net/${15}"
		ln -s "../../../devices/pci0000:00/${14}" "$d/device"
	fi
}

# fi_tgt R N FLAGS IP PORT LUN CHAPTYPE NIC NAME [USER SECRET [RUSER RSECRET]]
fi_tgt() {
	local d=$1/firmware/ibft/target$2
	fi_w "$d/index" "$2"
	fi_w "$d/flags" "$3"
	fi_w "$d/ip-addr" "$4"
	fi_w "$d/port" "$5"
	fi_w "$d/lun" "$6"
	fi_w "$d/chap-type" "$7"
	fi_w "$d/nic-assoc" "$8"
	[ -z "$9" ] || fi_w "$d/target-name" "$9"
	if [ -n "${10:-}" ]; then
		fi_w "$d/chap-name" "${10}"
		fi_w "$d/chap-secret" "${11}"
	fi
	if [ -n "${12:-}" ]; then
		fi_w "$d/rev-chap-name" "${12}"
		fi_w "$d/rev-chap-name-secret" "${13}"
	fi
}

# Mutual CHAP, static, the NIC found through its PCI device.
fi_scenario_mutual() {
	fi_ini "$1" iqn.2011-03.example.fw:host-a
	fi_nic "$1" 0 3 10.44.0.21 22 255.255.252.0 1 10.44.0.1 10.44.1.53 \
		10.44.2.53 - 0 52:54:00:aa:01:07 0000:00:04.0 ens4
	fi_tgt "$1" 0 3 10.44.3.9 3260 00000000 2 0 \
		iqn.2011-03.example.san:a-root mutual-out Ou7-sec-1234 \
		mutual-in In9-sec-5678
}

# DHCP origin, a VLAN, LUN 2, no PCI device (no netdev printed).
fi_scenario_dhcp() {
	fi_ini "$1" iqn.2011-03.example.fw:host-b
	fi_nic "$1" 0 3 192.168.121.40 24 255.255.255.0 3 192.168.121.1 \
		192.168.121.1 - 192.168.121.1 17 52:54:00:bb:02:08
	fi_tgt "$1" 0 3 192.168.121.5 3260 02000000 1 0 \
		iqn.2011-03.example.san:b-boot chapuser-b Bsecret-99887
}

# Two NICs, two targets, only the second pair boot-selected.
fi_scenario_two() {
	fi_ini "$1" iqn.2011-03.example.fw:host-c
	fi_nic "$1" 0 1 172.30.0.7 16 255.255.0.0 1 - - - - 0 \
		52:54:00:cc:03:01 0000:00:03.0 eth0
	fi_nic "$1" 1 3 10.8.8.7 24 255.255.255.0 1 10.8.8.1 - - - 0 \
		52:54:00:cc:03:02 0000:00:05.0 eth1
	fi_tgt "$1" 0 1 172.30.0.200 3262 100000000 0 0 \
		iqn.2011-03.example.san:c-data
	fi_tgt "$1" 1 3 10.9.0.4 3260 00000000 0 1 \
		iqn.2011-03.example.san:c-root
}

# IPv6 NIC and target (the kernel's uncompressed %pI6).
fi_scenario_v6() {
	fi_ini "$1" iqn.2011-03.example.fw:host-d
	fi_nic "$1" 0 3 fd00:0044:0000:0000:0000:0000:0000:0021 64 \
		255.255.255.255 1 fd00:0044:0000:0000:0000:0000:0000:0001 - - \
		- 0 52:54:00:dd:04:09 0000:00:04.0 ens4
	fi_tgt "$1" 0 3 fd00:0044:0000:0000:0000:0000:0000:0c01 3260 \
		00000000 0 0 iqn.2011-03.example.san:d-v6
}

# fi_one R HOST FLAGS NIC-ASSOC - one NIC, one target, both with FLAGS.
fi_one() {
	fi_ini "$1" "iqn.2011-03.example.fw:host-$2"
	fi_nic "$1" 0 "$3" 10.2.2.2 24 255.255.255.0 1 - - - - 0 \
		52:54:00:ff:06:0b
	fi_tgt "$1" 0 "$3" 10.2.2.3 3260 00000000 0 "$4" \
		"iqn.2011-03.example.san:$2"
}

# A target pointing at a NIC index that does not exist.
fi_scenario_badassoc() { fi_one "$1" e-lost 3 4; }

# Valid blocks only (flags 1): listed, but no boot entry.
fi_scenario_noboot() { fi_one "$1" f-nb 1 0; }

# What the kernel leaves of a table whose structures it skipped.
fi_scenario_initonly() {
	fi_ini "$1" iqn.2011-03.example.fw:host-g
}

# No firmware table at all.
fi_scenario_none() {
	mkdir -p "$1/firmware"
}

fi_main() {
	case ${1:-} in
	list)
		declare -F | sed -n 's/^declare -f fi_scenario_//p'
		;;
	run)
		# fake-sysfs.sh makes the namespace, /sys (tcp transport
		# only), /etc/iscsi and /run/lock; we add the firmware.
		[ $# -ge 4 ] || { echo "usage: $0 run SCEN ETC CMD..." >&2; exit 2; }
		exec bash "$LIB/fake-sysfs.sh" run none "$3" \
			bash "${BASH_SOURCE[0]}" --inside "$2" "${@:4}"
		;;
	--inside)
		"fi_scenario_$2" /sys || exit 125
		shift 2
		exec "$@"
		;;
	*)
		echo "usage: $0 run|list ..." >&2
		exit 2
		;;
	esac
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
	fi_main "$@"
fi
