/* A test-only fault switch, compiled into every build and inert unless the environment asks:
 * KIOSK_TEST_FAULT=KIND[:VERSION][,KIND[:VERSION]...] makes the kiosk fail on purpose, so that
 * the crash-loop guard (docs/reliability.md, "Never a crash loop") can be tested with the real
 * binary. Kinds:
 *   validate-crash  the content check's child process crashes (SIGSEGV) before checking
 *   validate-hang   the content check's child process never finishes
 *   play-crash      the player crashes (SIGSEGV) once it plays the content
 * With :VERSION only content of that bundle version is affected; without, every version.
 * Nothing on a kiosk sets this variable: the service file does not, and it is documented as
 * test-only. */
#pragma once

#include <stdbool.h>
#include <stdint.h>

/* True when KIOSK_TEST_FAULT asks for kind on this version. */
bool test_fault_wanted(const char *kind, uint64_t version);

/* Crashes (SIGSEGV) or hangs (for ever, in pause()) when test_fault_wanted(kind, version);
 * kinds ending in "-hang" hang, the others crash. Returns when the switch is off. */
void test_fault_trigger(const char *kind, uint64_t version);
