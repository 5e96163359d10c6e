// beezup: BeezUP orders from a shell. 'beezup --help' lists the commands; docs/cli.md tells more.

#include "cli/commands.hpp"

#include <beezup/version.hpp>

#include <iostream>

using namespace beezup::cli;

namespace {

command tree() {
    command root;
    root.name = "beezup";
    root.summary = "BeezUP orders from a shell (SDK " + std::string(beezup::version_string) +
                   "). Settings: flags, then BEEZUP_API_KEY / BEEZUP_USER_NAME / BEEZUP_BASE_URL, then the profile of "
                   "~/.config/beezup/config.";
    root.children = {demo_command(),     orders_command(),  sync_command(),     receive_command(), subscriptions_command(),
                     lov_command(),      invoices_command(), auto_accept_command(), sandbox_command()};
    command version;
    version.name = "version";
    version.summary = "Print the version.";
    version.connects = false;
    version.run = [](const po::variables_map&) {
        std::cout << beezup::version_string << "\n";
        return exit_status::ok;
    };
    command completion;
    completion.name = "completion";
    completion.summary = "Print shell completion: source <(beezup completion bash).";
    completion.connects = false;
    completion.arguments = {"SHELL"};
    root.children.push_back(version);
    root.children.push_back(completion);
    // The completion script describes the tree it belongs to, completion included.
    const auto whole = root;
    root.children.back().run = [whole](const po::variables_map& values) {
        if (values["shell"].as<std::string>() != "bash") throw usage_error("only bash completion is available");
        write_bash_completion(whole, std::cout);
        return exit_status::ok;
    };
    return root;
}

}  // namespace

int main(int argc, char** argv) { return dispatch(tree(), argc, argv); }
