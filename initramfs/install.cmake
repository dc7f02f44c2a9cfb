# install.cmake - `cmake --install` makes iscsibox the system's iSCSI
# initiator (included from the top CMakeLists.txt; package.cmake packs
# the same rules):
#   PREFIX/sbin/iscsibox and a link for each applet of the build
#   (ISCSIBOX_APPLETS: iscsi-iname iscsiadm iscsid iscsistart); systemd units iscsid.socket, iscsid.service, iscsi.service;
#   the initramfs-tools hook and local-top script "iscsibox" (component
#   Runtime, see install-files.cmake);
#   /etc/iscsi/{nodes,send_targets,ifaces};
#   /etc/iscsi/iscsid.conf when there is none yet, and
#   /etc/iscsi/initiatorname.iscsi generated on the first install only
#   (component Setup: a plain install; the package does both itself).
# /etc and the unit and hook directories are the absolute paths the tools
# and generators look in, whatever the prefix; DESTDIR applies to all.
# Nothing here runs systemctl or update-initramfs.
include(GNUInstallDirs)

set(ISCSIBOX_UNITDIR "/lib/systemd/system" CACHE PATH
	"Where the systemd units go")
set(ISCSIBOX_INITRAMFS_TOOLS_DIR "/usr/share/initramfs-tools" CACHE PATH
	"initramfs-tools' hook and script directory")
set(ISCSIBOX_INAME_PREFIX "iqn.2016-04.com.open-iscsi" CACHE STRING
	"Prefix of the initiator name a first install generates")

install(TARGETS iscsibox RUNTIME DESTINATION ${CMAKE_INSTALL_SBINDIR}
	COMPONENT Runtime)
# Paths known only at install time (--prefix, DESTDIR) are resolved by
# install-files.cmake, which reads these.
install(CODE "
	set(ISCSIBOX_IN \"${CMAKE_SOURCE_DIR}/initramfs\")
	set(ISCSIBOX_GEN \"${CMAKE_BINARY_DIR}/iscsibox-install\")
	set(ISCSIBOX_SBINDIR \"${CMAKE_INSTALL_SBINDIR}\")
	set(ISCSIBOX_UNITDIR \"${ISCSIBOX_UNITDIR}\")
	set(ISCSIBOX_ITDIR \"${ISCSIBOX_INITRAMFS_TOOLS_DIR}\")
	set(ISCSIBOX_INAME_PREFIX \"${ISCSIBOX_INAME_PREFIX}\")
	set(ISCSIBOX_LINKS \"${ISCSIBOX_APPLETS}\")"
	COMPONENT Runtime)
install(SCRIPT ${CMAKE_SOURCE_DIR}/initramfs/install-files.cmake
	COMPONENT Runtime)
foreach(_d nodes send_targets ifaces)
	install(DIRECTORY DESTINATION /etc/iscsi/${_d} COMPONENT Runtime)
endforeach()

# The package's conffile; a plain install uses Setup instead.
install(FILES ${CMAKE_SOURCE_DIR}/initramfs/etc/iscsid.conf
	DESTINATION /etc/iscsi COMPONENT Conffiles EXCLUDE_FROM_ALL)
install(CODE "set(ISCSIBOX_SETUP 1)" COMPONENT Setup)
install(SCRIPT ${CMAKE_SOURCE_DIR}/initramfs/install-files.cmake
	COMPONENT Setup)
