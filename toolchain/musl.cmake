# SPDX-License-Identifier: MIT
# musl.cmake - CMake toolchain file: Debian's musl-gcc, fully static
# executables (ET_EXEC, no interpreter), nothing found outside musl.
#
# Debian's musl-gcc specs pass -nostdinc, so the kernel's uapi headers
# (<linux/netlink.h>, ...) are invisible, and -I/usr/include would drag in
# glibc's headers.  We generate a directory holding only links to the
# kernel header directories and add it with -idirafter, i.e. after musl's
# own include directory.  -static-pie is avoided on purpose: the specs add
# -dynamic-linker, which would make a dynamic PIE needing ld-musl.

set(ISCSIBOX_MUSL_TRIPLE x86_64-linux-musl)
set(ISCSIBOX_MUSL_LIBDIR /usr/lib/${ISCSIBOX_MUSL_TRIPLE})
set(ISCSIBOX_MUSL_INCDIR /usr/include/${ISCSIBOX_MUSL_TRIPLE})
set(ISCSIBOX_KERNEL_INCDIR /usr/include)
set(ISCSIBOX_KERNEL_ARCH_INCDIR /usr/include/x86_64-linux-gnu)

find_program(ISCSIBOX_MUSL_GCC musl-gcc)
if(NOT ISCSIBOX_MUSL_GCC OR NOT EXISTS "${ISCSIBOX_MUSL_LIBDIR}/libc.a")
	message(FATAL_ERROR "musl-gcc or ${ISCSIBOX_MUSL_LIBDIR}/libc.a "
		"missing: run toolchain/setup.sh (musl-tools, musl-dev)")
endif()
if(NOT EXISTS "${ISCSIBOX_KERNEL_INCDIR}/linux/netlink.h")
	message(FATAL_ERROR "kernel headers missing: run toolchain/setup.sh "
		"(package linux-libc-dev)")
endif()
set(CMAKE_C_COMPILER "${ISCSIBOX_MUSL_GCC}")
set(ISCSIBOX_LIBC_MUSL ON)	# musl-only choices (ISCSIBOX_SMALL_PRINTF)

# Same generated directory for the main configure and its try_compile runs.
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES ISCSIBOX_DEPS_DIR)
if(NOT ISCSIBOX_DEPS_DIR)
	if(NOT "$ENV{ISCSIBOX_DEPS_DIR}" STREQUAL "")
		set(ISCSIBOX_DEPS_DIR "$ENV{ISCSIBOX_DEPS_DIR}")
	else()
		get_filename_component(ISCSIBOX_DEPS_DIR
			"${CMAKE_CURRENT_LIST_DIR}/../.deps" ABSOLUTE)
	endif()
endif()

# musl-root/        find root: lib -> musl's libdir, include -> its headers
# musl-root/kernel/ links to the kernel uapi header directories only
set(_root "${ISCSIBOX_DEPS_DIR}/musl-root")
set(_links
	"lib=${ISCSIBOX_MUSL_LIBDIR}"
	"include=${ISCSIBOX_MUSL_INCDIR}"
	"kernel/asm=${ISCSIBOX_KERNEL_ARCH_INCDIR}/asm")
# The uapi directories linux-libc-dev installs (scsi/ there is glibc's and
# musl has its own copy, so it is deliberately not linked).
foreach(_d linux asm-generic drm misc mtd rdma sound video xen)
	if(IS_DIRECTORY "${ISCSIBOX_KERNEL_INCDIR}/${_d}")
		list(APPEND _links
			"kernel/${_d}=${ISCSIBOX_KERNEL_INCDIR}/${_d}")
	endif()
endforeach()
file(MAKE_DIRECTORY "${_root}/kernel")
foreach(_l ${_links})
	string(REPLACE "=" ";" _l "${_l}")
	list(GET _l 0 _name)
	list(GET _l 1 _target)
	if(NOT IS_SYMLINK "${_root}/${_name}")
		file(CREATE_LINK "${_target}" "${_root}/${_name}" SYMBOLIC)
	endif()
endforeach()

set(CMAKE_C_FLAGS_INIT "-idirafter ${_root}/kernel")
set(CMAKE_EXE_LINKER_FLAGS_INIT "-static")

# find_library/find_path/find_package look under musl-root only; programs
# (tools run at build time) come from the host.
set(CMAKE_FIND_ROOT_PATH "${_root}")
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
