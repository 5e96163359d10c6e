#pragma once
// The CLI's command tree: one node per command. Dispatch, --help and shell completion all read
// the same tree, so a new command shows up in each of them by being declared once.

#include <boost/program_options.hpp>

#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

namespace beezup::cli {

namespace po = boost::program_options;

/// Exit statuses, documented in docs/cli.md.
namespace exit_status {
constexpr int ok = 0;
constexpr int failed = 1;         ///< BeezUP answered with a server error, a change failed, ...
constexpr int usage = 2;          ///< unknown command, bad or missing option
constexpr int configuration = 3;  ///< no API key, or BeezUP refused the key (401, 403)
constexpr int not_found = 4;      ///< the order (or subscription, ...) does not exist (404)
constexpr int refused = 5;        ///< BeezUP or the SDK refused the request (400, 409, 412, invalid request)
constexpr int unreachable = 6;    ///< no answer: connection, TLS, timeout
constexpr int interrupted = 130;  ///< SIGINT or SIGTERM
}  // namespace exit_status

/// A usage error: the message is printed with the command's usage, and the exit status is 2.
struct usage_error : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct command {
    std::string name;
    std::string summary;
    /// The command's own options; empty for a group or a command without options.
    std::function<void(po::options_description&)> options;
    /// Positional arguments, in order: "KEY", or "KEY..." (last) for one or more.
    std::vector<std::string> arguments;
    /// Whether the command talks to BeezUP (and takes the connection options).
    bool connects = true;
    /// Runs the command; empty for a group. Positional arguments are in the variables map under
    /// their names in lower case ("key").
    std::function<int(const po::variables_map&)> run;
    std::vector<command> children;
    /// Hands every argument after the command's name to `raw` instead (commands with a parser
    /// of their own).
    std::function<int(int argc, char** argv)> raw;
};

/// Runs the command that argv names; prints help and usage errors; maps errors to exit statuses.
int dispatch(const command& root, int argc, char** argv);

/// Writes a bash completion script for the tree (`source <(beezup completion bash)`).
void write_bash_completion(const command& root, std::ostream& out);

}  // namespace beezup::cli
