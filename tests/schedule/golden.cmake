# Runs `kiosk schedule DIR ARGS` and compares its output with EXPECTED, byte for byte.
# With KIOSK_GOLDEN_UPDATE=1 in the environment, writes EXPECTED instead.
# The folder is named relative to the working directory so the output is the same everywhere.
get_filename_component(name "${DIR}" NAME)
execute_process(COMMAND "${KIOSK}" schedule "${name}" ${ARGS}
                OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "kiosk schedule exited with ${rc}:\n${err}")
endif()
if("$ENV{KIOSK_GOLDEN_UPDATE}" STREQUAL "1")
    file(WRITE "${EXPECTED}" "${out}")
    message(STATUS "wrote ${EXPECTED}")
    return()
endif()
file(READ "${EXPECTED}" expected)
if(NOT out STREQUAL expected)
    file(WRITE "${GOT}" "${out}")
    execute_process(COMMAND diff -u "${EXPECTED}" "${GOT}")
    message(FATAL_ERROR "kiosk schedule output differs from ${EXPECTED} (got: ${GOT})")
endif()
