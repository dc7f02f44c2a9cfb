# SPDX-License-Identifier: MIT
# size.cmake - keeps the static iscsibox binary small, and says why.
#
# Included from CMakeLists.txt.  With ISCSIBOX_SIZE_REPORT=ON (the static
# preset) the link writes a map (iscsibox.map) and every build ends with
#     iscsibox [all on]: N bytes (baseline B, +D bytes, +P%; budget L)
# and FAILS when
#   - the binary is more than ISCSIBOX_SIZE_MARGIN bytes larger than the
#     line for this build in toolchain/size-baseline.txt: growth must come
#     with its baseline update in the same commit (record it with
#     `cmake --build DIR --target size-baseline`, which rewrites only this
#     build's line);
#   - the link map shows a musl member of toolchain/size-forbidden.txt,
#     i.e. a heavy piece of libc came back; the file says why each is out;
#   - the binary is larger than ISCSIBOX_SIZE_BUDGET (200 KB for all
#     applets, 100 KB for iscsistart alone: what early boot can afford),
#     whatever the baseline says.
# A build is keyed by its applets ("all" or the '+'-joined list) and its
# resolver setting, e.g. "all on", "iscsistart off"; builds without a
# baseline line are reported, not checked against one.
#
# Run as a script (cmake -DBIN= -DBASELINE= -DKEY= [-DMAP= -DFORBIDDEN=
# -DMARGIN= -DBUDGET= -DRESOLVER= -DSMALL_PRINTF= -DSMALL_MALLOC=]
# [-DRECORD=1]
# -P size.cmake) it does the measuring; the build steps below call it
# that way.

if(CMAKE_SCRIPT_MODE_FILE)
	file(SIZE "${BIN}" _size)
	get_filename_component(_name "${BIN}" NAME)
	set(_lines "")
	if(EXISTS "${BASELINE}")
		file(STRINGS "${BASELINE}" _lines)
	endif()
	# this build's baseline: the line "KEY BYTES"
	set(_base "")
	# (a plain prefix compare: keys hold '+', a regex character)
	string(LENGTH "${KEY} " _klen)
	foreach(_l IN LISTS _lines)
		string(FIND "${_l}" "${KEY} " _p)
		if(_p EQUAL 0)
			string(SUBSTRING "${_l}" ${_klen} -1 _base)
		endif()
	endforeach()

	if(RECORD)
		set(_out "")
		set(_done 0)
		foreach(_l IN LISTS _lines)
			string(FIND "${_l}" "${KEY} " _p)
			if(_p EQUAL 0)
				set(_l "${KEY} ${_size}")
				set(_done 1)
			endif()
			string(APPEND _out "${_l}\n")
		endforeach()
		if(NOT _done)
			string(APPEND _out "${KEY} ${_size}\n")
		endif()
		file(WRITE "${BASELINE}" "${_out}")
		message("${_name} [${KEY}]: ${_size} bytes recorded in "
			"${BASELINE}")
		return()
	endif()

	set(_errors "")
	set(_budget "")
	if(BUDGET)
		set(_budget "; budget ${BUDGET}")
	endif()
	if(_base)
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
		set(_d "${_delta}")
		if(_delta GREATER_EQUAL 0)
			set(_d "+${_delta}")
		endif()
		message("${_name} [${KEY}]: ${_size} bytes (baseline ${_base}, "
			"${_d} bytes, ${_sign}${_pint}.${_pfrac}%${_budget})")
		if(_delta GREATER MARGIN)
			string(CONCAT _e "${_d} bytes over the baseline in "
				"toolchain/size-baseline.txt, more than the "
				"margin of ${MARGIN}: make it smaller, or record "
				"the new size with --target size-baseline in the "
				"same commit")
			list(APPEND _errors "${_e}")
		endif()
	else()
		message("${_name} [${KEY}]: ${_size} bytes (no baseline line "
			"for this build${_budget})")
	endif()

	# Heavy musl members that must stay out (toolchain/size-forbidden.txt:
	# "MEMBER WHEN REASON", WHEN = always | noresolver | smallprintf |
	# smallmalloc).
	if(MAP AND FORBIDDEN AND EXISTS "${MAP}")
		file(READ "${MAP}" _map)
		file(STRINGS "${FORBIDDEN}" _forbidden REGEX "^[^#]")
		foreach(_f IN LISTS _forbidden)
			if(NOT _f MATCHES "^([^ ]+) +([a-z]+) +(.*)$")
				continue()
			endif()
			set(_member "${CMAKE_MATCH_1}")
			set(_when "${CMAKE_MATCH_2}")
			set(_why "${CMAKE_MATCH_3}")
			if(_when STREQUAL "noresolver" AND RESOLVER)
				continue()
			endif()
			if(_when STREQUAL "smallprintf" AND NOT SMALL_PRINTF)
				continue()
			endif()
			if(_when STREQUAL "smallmalloc" AND NOT SMALL_MALLOC)
				continue()
			endif()
			string(FIND "${_map}" "libc.a(${_member})" _at)
			if(_at GREATER_EQUAL 0)
				list(APPEND _errors
					"musl's ${_member} is linked again: ${_why}")
			endif()
		endforeach()
	endif()

	# The budget is a limit, not a wish: over it the build fails even when
	# the baseline was raised with it.
	if(BUDGET AND _size GREATER BUDGET)
		math(EXPR _over "${_size} - ${BUDGET}")
		list(APPEND _errors "${_over} bytes over its budget of ${BUDGET} "
			"(ISCSIBOX_SIZE_BUDGET): make it smaller")
	endif()

	if(_errors)
		string(REPLACE ";" "\n  " _errors "${_errors}")
		message(FATAL_ERROR "${_name} [${KEY}]:\n  ${_errors}\n"
			"(where the bytes go: tests/bench/size.bench.sh)")
	endif()
	return()
endif()

option(ISCSIBOX_SIZE_REPORT "Check the iscsibox binary size after linking" OFF)
if(ISCSIBOX_SIZE_REPORT)
	# This build's key and budget
	set(_key "${ISCSIBOX_APPLETS}")
	list(SORT _key)
	set(_all "${ISCSIBOX_APPLETS_ALL}")
	list(SORT _all)
	if(_key STREQUAL _all)
		set(_key "all")
		set(_budget_default 204800)
	elseif(_key STREQUAL "iscsistart")
		set(_budget_default 102400)
	else()
		set(_budget_default 0)
	endif()
	string(REPLACE ";" "+" _key "${_key}")
	if(ISCSIBOX_RESOLVER)
		string(APPEND _key " on")
	else()
		string(APPEND _key " off")
	endif()
	set(ISCSIBOX_SIZE_BUDGET "${_budget_default}" CACHE STRING
		"Largest iscsibox allowed, bytes (0: no budget)")
	set(ISCSIBOX_SIZE_MARGIN 1024 CACHE STRING
		"Bytes iscsibox may grow over its baseline before the build fails")

	set(_map "${CMAKE_CURRENT_BINARY_DIR}/iscsibox.map")
	target_link_options(iscsibox PRIVATE "LINKER:-Map=${_map}")
	set(_args "-DBIN=$<TARGET_FILE:iscsibox>"
		"-DBASELINE=${CMAKE_CURRENT_LIST_DIR}/size-baseline.txt"
		"-DKEY=${_key}")
	# A target of its own, run by every build: a failed check fails the
	# next build again, not only the one that linked.
	add_custom_target(size-check ALL
		COMMAND "${CMAKE_COMMAND}" ${_args} "-DMAP=${_map}"
			"-DFORBIDDEN=${CMAKE_CURRENT_LIST_DIR}/size-forbidden.txt"
			"-DMARGIN=${ISCSIBOX_SIZE_MARGIN}"
			"-DBUDGET=${ISCSIBOX_SIZE_BUDGET}"
			"-DRESOLVER=${ISCSIBOX_RESOLVER}"
			"-DSMALL_PRINTF=${ISCSIBOX_SMALL_PRINTF}"
			"-DSMALL_MALLOC=${ISCSIBOX_SMALL_MALLOC}"
			-P "${CMAKE_CURRENT_LIST_FILE}"
		DEPENDS iscsibox
		VERBATIM)
	add_custom_target(size-baseline
		COMMAND "${CMAKE_COMMAND}" ${_args} -DRECORD=1
			-P "${CMAKE_CURRENT_LIST_FILE}"
		DEPENDS iscsibox
		COMMENT "Recording the iscsibox size baseline"
		VERBATIM)
endif()
