# SPDX-License-Identifier: MIT
# size.cmake - tracks the size of the static iscsibox binary.
#
# Included from CMakeLists.txt: with ISCSIBOX_SIZE_REPORT=ON (the static
# preset) every link of iscsibox is followed by a report
#     iscsibox: N bytes (baseline B, +D bytes, +P%)
# against toolchain/size-baseline.txt, and a warning (never an error) when
# the binary grew by more than 10%.  `cmake --build --preset static
# --target size-baseline` records the current size as the new baseline.
#
# Run as a script (cmake -DBIN=... -DBASELINE=... [-DRECORD=1] -P size.cmake)
# it does the measuring; that is how the build steps above call it.

if(CMAKE_SCRIPT_MODE_FILE)
	file(SIZE "${BIN}" _size)
	get_filename_component(_name "${BIN}" NAME)
	if(RECORD)
		file(WRITE "${BASELINE}" "# stripped static ${_name}, bytes "
			"(toolchain/size.cmake)\n${_size}\n")
		message("${_name}: ${_size} bytes recorded in ${BASELINE}")
		return()
	endif()
	set(_base "")
	if(EXISTS "${BASELINE}")
		file(STRINGS "${BASELINE}" _base REGEX "^[0-9]+$" LIMIT_COUNT 1)
	endif()
	if(NOT _base)
		message("${_name}: ${_size} bytes (no baseline in ${BASELINE})")
		return()
	endif()
	math(EXPR _delta "${_size} - ${_base}")
	# percent with one decimal, in integer arithmetic
	math(EXPR _pm "(${_delta} * 1000) / ${_base}")
	set(_sign "+")
	if(_pm LESS 0)
		set(_sign "-")
		math(EXPR _pm "-(${_pm})")
	endif()
	math(EXPR _pint "${_pm} / 10")
	math(EXPR _pfrac "${_pm} % 10")
	if(_delta GREATER_EQUAL 0)
		set(_delta "+${_delta}")
	endif()
	message("${_name}: ${_size} bytes (baseline ${_base}, "
		"${_delta} bytes, ${_sign}${_pint}.${_pfrac}%)")
	math(EXPR _limit "${_base} + ${_base} / 10")
	if(_size GREATER _limit)
		message(WARNING "${_name} grew more than 10% over the "
			"baseline (${_base} -> ${_size} bytes); if intended, "
			"record it with --target size-baseline")
	endif()
	return()
endif()

option(ISCSIBOX_SIZE_REPORT "Report the iscsibox binary size after linking" OFF)
if(ISCSIBOX_SIZE_REPORT)
	set(_size_script "${CMAKE_CURRENT_LIST_FILE}")
	set(_size_baseline "${CMAKE_CURRENT_LIST_DIR}/size-baseline.txt")
	add_custom_command(TARGET iscsibox POST_BUILD
		COMMAND "${CMAKE_COMMAND}" "-DBIN=$<TARGET_FILE:iscsibox>"
			"-DBASELINE=${_size_baseline}" -P "${_size_script}"
		VERBATIM)
	add_custom_target(size-baseline
		COMMAND "${CMAKE_COMMAND}" "-DBIN=$<TARGET_FILE:iscsibox>"
			"-DBASELINE=${_size_baseline}" -DRECORD=1
			-P "${_size_script}"
		DEPENDS iscsibox
		COMMENT "Recording the iscsibox size baseline"
		VERBATIM)
endif()
