# SPDX-License-Identifier: MIT
# mbedtls.cmake - builds `mbedcrypto_min`: the few mbedtls 2.28.3 crypto
# modules iscsibox uses (toolchain/mbedtls_config.h), compiled from the
# source toolchain/setup.sh fetched from Debian's archive, with the same
# compiler and flags as the rest of the build (musl, sanitizers, fuzzing).
# Users get the include path and MBEDTLS_CONFIG_FILE through the target's
# usage requirements, so mbedcrypto and its callers agree on struct layouts.

set(ISCSIBOX_MBEDTLS_VERSION 2.28.3)
set(ISCSIBOX_MBEDTLS_DIR
	"${ISCSIBOX_DEPS_DIR}/mbedtls-${ISCSIBOX_MBEDTLS_VERSION}"
	CACHE PATH "Unpacked mbedtls ${ISCSIBOX_MBEDTLS_VERSION} source")

if(NOT EXISTS "${ISCSIBOX_MBEDTLS_DIR}/library/md.c")
	message(FATAL_ERROR
		"mbedtls ${ISCSIBOX_MBEDTLS_VERSION} source not found in "
		"${ISCSIBOX_MBEDTLS_DIR}: run toolchain/setup.sh (as root) "
		"first, or point ISCSIBOX_MBEDTLS_DIR at an unpacked copy.")
endif()

# One module per enabled feature of mbedtls_config.h, nothing else.
set(_mbedtls_modules
	constant_time	# mbedtls_ct_memcmp() for CHAP responses
	md		# MBEDTLS_MD_C (incl. HMAC and the md_info tables)
	md5		# CHAP_A=5
	platform_util	# mbedtls_platform_zeroize()
	sha1		# CHAP_A=6
	sha256		# CHAP_A=7
)
list(TRANSFORM _mbedtls_modules PREPEND "${ISCSIBOX_MBEDTLS_DIR}/library/")
list(TRANSFORM _mbedtls_modules APPEND ".c")

set(ISCSIBOX_MBEDTLS_CONFIG "${CMAKE_CURRENT_LIST_DIR}/mbedtls_config.h")

add_library(mbedcrypto_min STATIC ${_mbedtls_modules})
target_include_directories(mbedcrypto_min SYSTEM PUBLIC
	"${ISCSIBOX_MBEDTLS_DIR}/include")
target_compile_definitions(mbedcrypto_min PUBLIC
	"MBEDTLS_CONFIG_FILE=\"${ISCSIBOX_MBEDTLS_CONFIG}\"")
# Third-party code: our -Wshadow/-Wmissing-prototypes are not its style.
target_compile_options(mbedcrypto_min PRIVATE -w)
