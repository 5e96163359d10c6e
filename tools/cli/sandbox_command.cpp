// beezup sandbox: the simulator, with beezup-sandbox's options.

#include "commands.hpp"

#include "command_line.hpp"

namespace beezup::cli {

command sandbox_command() {
    command c;
    c.name = "sandbox";
    c.summary = "Run the sandbox (a local BeezUP order API) until Ctrl-C; '--help' lists its options.";
    c.connects = false;
    c.raw = [](int argc, char** argv) { return sandbox::run_command_line(argc, argv, "beezup sandbox"); };
    return c;
}

}  // namespace beezup::cli
