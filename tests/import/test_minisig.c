/* The trusted-comment parser and the signature-file parser on the cases staff can get wrong. */
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "import/minisig.h"
#include "import/unpack.h"

int main(void)
{
    struct minisig_bundle_info info;
    char err[512];
    CHECK(minisig_bundle_info_parse("kiosk-bundle version=12 group=akko", &info, err, 512));
    CHECK(info.version == 12 && !strcmp(info.group, "akko") && !info.export_proof);
    CHECK(minisig_bundle_info_parse("kiosk-bundle version=12 group=akko export=proof", &info, err,
                                    512));
    CHECK(info.version == 12 && !strcmp(info.group, "akko") && info.export_proof);
    CHECK(!minisig_bundle_info_parse("kiosk-bundle version=12 group=akko export=all", &info, err,
                                     512));
    CHECK(!minisig_bundle_info_parse("kiosk-bundle version=12 group=akko  export=proof", &info, err,
                                     512));
    CHECK(!minisig_bundle_info_parse("kiosk-bundle version=12 group=akko export=proof ", &info, err,
                                     512));
    CHECK(!minisig_bundle_info_parse("kiosk-bundle version=012 group=akko", &info, err, 512));
    CHECK(!minisig_bundle_info_parse("kiosk-bundle version=0 group=akko", &info, err, 512));
    CHECK(!minisig_bundle_info_parse("kiosk-bundle version=1 group=ak ko", &info, err, 512));
    CHECK(!minisig_bundle_info_parse("kiosk-bundle version=1 group=", &info, err, 512));
    CHECK(!minisig_bundle_info_parse("kiosk-bundle  version=1 group=a", &info, err, 512));
    CHECK(!minisig_bundle_info_parse("timestamp:1 file:bundle.tar", &info, err, 512));
    CHECK(strstr(err, "expected \"kiosk-bundle version=N group=G\""));
    CHECK(!minisig_bundle_info_parse("kiosk-bundle version=9999999999999999 group=a", &info, err,
                                     512));

    struct minisig_signature sig;
    const char *bad[] = {"", "untrusted comment: x\n",
                         ("untrusted comment: x\nAAAA\n"
                          "trusted comment: y\nAAAA\n")};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        CHECK(!minisig_parse(bad[i], strlen(bad[i]), "t.minisig", &sig, err, sizeof err));
    const char *good = "untrusted comment: signature from minisign secret key\n"
                       "RUR14wUIoInMYTEvj64TAyPxCvL+y67Qety92katdhbvuugjdCVoqoD7F8eKWy7W1yy3UtCp/"
                       "pkUkKhhF5pJ4nD0plJ4dRBchAI=\n"
                       "trusted comment: kiosk-bundle version=3 group=akko\n"
                       "qXgq4nl05kOSPqlHLssXhCkYEEXVl/jrCczExIPZ+2CxSOhfkG+gctdCWQLS/OkyqTebq2pl"
                       "k/sDKnzdbm1zAg==\n";
    CHECK(minisig_parse(good, strlen(good), "t.minisig", &sig, err, sizeof err));
    CHECK(sig.prehashed && !strcmp(sig.trusted_comment, "kiosk-bundle version=3 group=akko"));
    char id[17];
    minisig_key_id_format(sig.key_id, id);
    CHECK(!strcmp(id, "61CC89A00805E375"));

    CHECK(unpack_name_problem("media/a.png") == NULL);
    CHECK(unpack_name_problem("./playlist.json") == NULL);
    CHECK(unpack_name_problem("media/") == NULL);
    CHECK(unpack_name_problem("../x") != NULL);
    CHECK(unpack_name_problem("a/../x") != NULL);
    CHECK(unpack_name_problem("/etc/x") != NULL);
    CHECK(unpack_name_problem("a b") != NULL);
    CHECK(unpack_name_problem("a//b") != NULL);
    return check_summary();
}
