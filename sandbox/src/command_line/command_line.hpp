#pragma once
// The sandbox's command line (options, then serve until SIGINT or SIGTERM), for executables
// that run the sandbox: beezup-sandbox and `beezup sandbox`.

#include <string>

namespace beezup::sandbox {

/// Parses `argv` (argv[0] is skipped), starts the sandbox, prints "PROGRAM listening on URL" and
/// serves until SIGINT or SIGTERM. Returns the process's exit status (2 on a usage error).
int run_command_line(int argc, char** argv, const std::string& program);

}  // namespace beezup::sandbox
