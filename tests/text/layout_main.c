/* `kiosk layout` alone, for tests: the CLI library is wired by the lead, this runs the same
 * cmd_layout source without the rest of the kiosk. */
#include "cli/commands.h"

int main(int argc, char **argv)
{
    return cmd_layout(argc - 1, argv + 1);
}
