#define LOG_MODULE "test-fault"
#include "import/test_fault.h"

#include <inttypes.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/log.h"

bool test_fault_wanted(const char *kind, uint64_t version)
{
    const char *spec = getenv("KIOSK_TEST_FAULT");
    if (!spec || !*spec)
        return false;
    size_t klen = strlen(kind);
    for (const char *p = spec; *p;) {
        size_t n = strcspn(p, ",");
        if (n >= klen && !strncmp(p, kind, klen)) {
            if (n == klen)
                return true;
            if (p[klen] == ':') {
                char *end;
                uint64_t v = strtoull(p + klen + 1, &end, 10);
                if (end == p + n && v == version)
                    return true;
            }
        }
        p += n;
        if (*p == ',')
            p++;
    }
    return false;
}

void test_fault_trigger(const char *kind, uint64_t version)
{
    if (!test_fault_wanted(kind, version))
        return;
    size_t n = strlen(kind);
    bool hang = n > 5 && !strcmp(kind + n - 5, "-hang");
    LOG_WARN("KIOSK_TEST_FAULT: %s on version %" PRIu64 " (test-only fault switch)",
             hang ? "hanging" : "crashing", version);
    if (hang) {
        for (;;)
            pause();
    }
    /* A real crash, as a library's bad read would give: the default action, no handler. */
    signal(SIGSEGV, SIG_DFL);
    raise(SIGSEGV);
    abort();
}
