# install-files.cmake - the install steps that depend on the prefix and
# DESTDIR of the install itself (run by cmake_install.cmake, see
# install.cmake). Without ISCSIBOX_SETUP: the applet links, the systemd
# units and the initramfs-tools files with the real sbin path in them.
# With ISCSIBOX_SETUP: iscsid.conf if missing, initiatorname.iscsi once.
set(_root "$ENV{DESTDIR}")
if(IS_ABSOLUTE "${ISCSIBOX_SBINDIR}")
	set(_sbin "${ISCSIBOX_SBINDIR}")
else()
	set(_sbin "${CMAKE_INSTALL_PREFIX}/${ISCSIBOX_SBINDIR}")
endif()
# CMAKE_INSTALL_PREFIX is the path on the target system: DESTDIR is
# added by file(INSTALL) itself, and here by hand for links and writes.

if(NOT ISCSIBOX_SETUP)
	foreach(_applet IN LISTS ISCSIBOX_LINKS)
		set(_l "${_root}${_sbin}/${_applet}")
		file(REMOVE "${_l}")
		file(CREATE_LINK iscsibox "${_l}" SYMBOLIC)
		message(STATUS "Installing: ${_l} -> iscsibox")
	endforeach()
	set(ISCSIBOX_SBIN "${_sbin}")
	set(_gen "${ISCSIBOX_GEN}")
	configure_file("${ISCSIBOX_IN}/systemd/iscsid.service.in"
		"${_gen}/iscsid.service" @ONLY)
	configure_file("${ISCSIBOX_IN}/systemd/iscsi.service.in"
		"${_gen}/iscsi.service" @ONLY)
	configure_file("${ISCSIBOX_IN}/initramfs-tools/hooks/iscsibox.in"
		"${_gen}/hooks/iscsibox" @ONLY)
	file(INSTALL "${ISCSIBOX_IN}/systemd/iscsid.socket"
		"${_gen}/iscsid.service" "${_gen}/iscsi.service"
		DESTINATION "${ISCSIBOX_UNITDIR}")
	file(INSTALL "${_gen}/hooks/iscsibox"
		DESTINATION "${ISCSIBOX_ITDIR}/hooks"
		FILE_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE
		GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
	file(INSTALL "${ISCSIBOX_IN}/initramfs-tools/scripts/local-top/iscsibox"
		DESTINATION "${ISCSIBOX_ITDIR}/scripts/local-top"
		FILE_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE
		GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
	return()
endif()

set(_etc "${_root}/etc/iscsi")
if(NOT EXISTS "${_etc}/iscsid.conf")
	# file(INSTALL) adds DESTDIR itself
	file(INSTALL "${ISCSIBOX_IN}/etc/iscsid.conf" DESTINATION /etc/iscsi)
else()
	message(STATUS "Keeping: ${_etc}/iscsid.conf")
endif()
if(EXISTS "${_etc}/initiatorname.iscsi")
	message(STATUS "Keeping: ${_etc}/initiatorname.iscsi")
	return()
endif()
execute_process(COMMAND "${_root}${_sbin}/iscsibox" iscsi-iname -g
	-p "${ISCSIBOX_INAME_PREFIX}" OUTPUT_VARIABLE _name RESULT_VARIABLE _rc)
if(NOT _rc EQUAL 0)
	message(FATAL_ERROR "iscsi-iname failed (${_rc})")
endif()
file(READ "${ISCSIBOX_IN}/etc/initiatorname.head" _head)
file(WRITE "${_etc}/initiatorname.iscsi" "${_head}${_name}")
message(STATUS "Generated: ${_etc}/initiatorname.iscsi")
