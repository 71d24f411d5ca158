/* The stick pulled out mid-copy, deterministically: import_run's progress callback, called
 * after the first chunk is staged, cuts the bundle on the "stick" to nothing or removes it,
 * exactly as a vanishing source looks to the reader (short reads). Prints the result line as
 * kiosk import does.
 *   test_pull truncate|unlink STICK STATE KEYS GROUP */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "import/importer.h"
#include "app/import_check.h"

struct pull {
    const char *how, *bundle;
    bool done;
};

static void on_progress(void *data, enum import_phase phase, double fraction)
{
    struct pull *p = data;
    if (phase != IMPORT_PHASE_COPYING || fraction <= 0 || p->done)
        return;
    p->done = true;
    if (!strcmp(p->how, "truncate")) {
        if (truncate(p->bundle, 0) != 0)
            perror("truncate");
    } else {
        unlink(p->bundle);
    }
}

int main(int argc, char **argv)
{
    if (argc != 6)
        return 2;
    char bundle[4096];
    snprintf(bundle, sizeof bundle, "%s/%s", argv[2], IMPORT_BUNDLE_PATH);
    struct pull p = {argv[1], bundle, false};
    struct import_check check = {40000000};
    struct import_options o;
    import_options_defaults(&o);
    o.state_dir = argv[3];
    o.keys_dir = argv[4];
    o.group = argv[5];
    o.reserve_bytes = 0;
    o.validate = import_check_content;
    o.validate_data = &check;
    struct import_result r;
    import_run(&o, argv[2], on_progress, &p, &r);
    printf("%s: %s: %s\n", r.status == IMPORT_INSTALLED ? "installed" : "refused",
           import_status_headline(r.status), r.reason);
    return r.status == IMPORT_INSTALLED ? 0 : 1;
}
