# TEMPORARY: links the system mbedcrypto until the pinned minimal build
# from toolchain/ lands.
add_library(mbedcrypto_min INTERFACE)
target_link_libraries(mbedcrypto_min INTERFACE mbedcrypto)
