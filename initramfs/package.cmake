# package.cmake - a Debian package from the install rules (install.cmake):
#   cmake --preset static && cmake --build --preset static
#   (cd build/static && cpack)      -> build/static/iscsibox_VERSION_ARCH.deb
# It Provides, Conflicts with and Replaces open-iscsi, so
# "dpkg -i iscsibox_*.deb" swaps it in for Debian's open-iscsi (which is
# removed, its /etc/iscsi kept). iscsid.conf is a conffile; the postinst
# generates /etc/iscsi/initiatorname.iscsi when there is none (with
# Debian's prefix, as open-iscsi's postinst does), enables the units and
# rebuilds the initramfs.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME iscsibox)
set(CPACK_PACKAGE_VERSION ${ISCSIBOX_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
	"iSCSI initiator tools (open-iscsi ${ISCSIBOX_COMPAT_VERSION} compatible) in one static binary")
set(CPACK_PACKAGE_DESCRIPTION "iscsiadm, iscsid, iscsistart and iscsi-iname \
as one statically linked program, with systemd units and an initramfs-tools \
hook for root on iSCSI. A drop-in replacement for open-iscsi.")
set(CPACK_PACKAGE_CONTACT "iscsibox maintainers <iscsibox@localhost>")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
# Stage through DESTDIR: /etc and the unit directory are absolute.
set(CPACK_SET_DESTDIR ON)
set(CPACK_INSTALL_PREFIX /usr)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_GROUPING ALL_COMPONENTS_IN_ONE)
set(CPACK_COMPONENTS_ALL Runtime Conffiles)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION admin)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_PROVIDES open-iscsi)
set(CPACK_DEBIAN_PACKAGE_CONFLICTS open-iscsi)
set(CPACK_DEBIAN_PACKAGE_REPLACES open-iscsi)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
	${CMAKE_SOURCE_DIR}/initramfs/deb/conffiles
	${CMAKE_SOURCE_DIR}/initramfs/deb/postinst
	${CMAKE_SOURCE_DIR}/initramfs/deb/prerm
	${CMAKE_SOURCE_DIR}/initramfs/deb/postrm)
include(CPack)
