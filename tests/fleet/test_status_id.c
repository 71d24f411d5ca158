/* The staff status page shows the kiosk's Syncthing device ID once it is enrolled (issue 18), so
 * a technician can compare it with what the content machine shows; nothing before. It also says
 * what the fleet inbox waits for ("waiting for a matching signature"). */
#include <string.h>

#include "app/status.h"
#include "check.h"

static bool has_line(const struct status_text *t, const char *text)
{
    for (size_t i = 0; i < STATUS_MAX_LINES; i++)
        if (strstr(t->lines[i], text))
            return true;
    return false;
}

int main(void)
{
    struct status_facts f = {.content_version = 4,
                             .content_group = "akko",
                             .screen_group = "akko",
                             .imports_enabled = true,
                             .now = 1800000000};
    struct status_text text;
    struct notice n;
    memset(&text, 0, sizeof text);
    status_build(&f, &text, &n);
    CHECK(!has_line(&text, "Fleet:"), "no fleet line when not enrolled");
    f.device_id = "EW5J62K-ALUFTTQ-IVUT4X6-366CRFN-PGI7EDR-777FXHL-HH34ISP-5J5KZA7";
    memset(&text, 0, sizeof text);
    status_build(&f, &text, &n);
    CHECK(has_line(&text, "Fleet: Syncthing device ID EW5J62K-ALUFTTQ-IVUT4X6-366CRFN-PGI7EDR-"
                          "777FXHL-HH34ISP-5J5KZA7"),
          "the device ID is on the status page");
    CHECK(!has_line(&text, "Fleet inbox:"), "no inbox line while the inbox waits for nothing");
    f.inbox_line = "waiting for a matching signature: bundle.tar and bundle.tar.minisig do not "
                   "belong together (yet)";
    memset(&text, 0, sizeof text);
    status_build(&f, &text, &n);
    CHECK(has_line(&text, "Fleet inbox: waiting for a matching signature"),
          "what the inbox waits for is on the status page");
    return check_summary();
}
