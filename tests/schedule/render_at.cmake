# `kiosk render DIR --at TIME` renders only what the kiosk would show then: checks the list of
# files it writes (the PNGs themselves are the renderer's, tested by tests/golden).
file(REMOVE_RECURSE "${OUT}")
execute_process(COMMAND "${KIOSK}" render "${DIR}" --out "${OUT}" --size 192x108 --at "${AT}"
                OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "kiosk render exited with ${rc}:\n${out}\n${err}")
endif()
file(GLOB written RELATIVE "${OUT}" "${OUT}/*.png")
list(SORT written)
string(REPLACE ";" " " written "${written}")
if(NOT written STREQUAL EXPECTED)
    message(FATAL_ERROR "at ${AT}: wrote [${written}], expected [${EXPECTED}]\n${out}")
endif()
