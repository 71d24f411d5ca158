/* Until main.c dispatches `bundle` and `import` (see tests/import/CMakeLists.txt), the tests
 * run the two subcommands through this stand-in for the kiosk binary. */
#include <stdio.h>
#include <string.h>

int cmd_bundle(int argc, char **argv);
int cmd_import(int argc, char **argv);

int main(int argc, char **argv)
{
    if (argc >= 2 && !strcmp(argv[1], "bundle"))
        return cmd_bundle(argc - 1, argv + 1);
    if (argc >= 2 && !strcmp(argv[1], "import"))
        return cmd_import(argc - 1, argv + 1);
    fprintf(stderr, "usage: kiosk_import_cli bundle|import ...\n");
    return 2;
}
