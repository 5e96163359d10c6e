#pragma once
// Where the CLI's connection settings come from: flags, then the environment, then a profile of
// the configuration file (INI, like the AWS CLI's), then the SDK's defaults.

#include "command_tree.hpp"

#include <beezup/client_options.hpp>

#include <stdexcept>
#include <string>
#include <vector>

namespace beezup::cli {

/// The settings are missing or unreadable (exit status 3).
struct configuration_error : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// --profile, --config, --base-url, --user-name, --api-key-file, --timeout, --verbose. The API
/// key has no flag of its own: other users of the machine can read command lines.
void add_connection_options(po::options_description& options);

/// The client's options for this invocation; configuration_error when no API key is found.
client_options client_options_from(const po::variables_map& values);

/// The push secrets (HMAC keys, newest first) from BEEZUP_PUSH_SECRETS or the profile's
/// push_secrets, comma-separated; configuration_error when there are none.
std::vector<std::string> push_secrets_from(const po::variables_map& values);

/// A store's location (--inbox, --checkpoint) as given on the command line: a postgresql:// URL
/// holding a password gets a warning, since any user of the machine can read command lines.
const std::string& store_location(const po::variables_map& values, const char* option);

/// Where the configuration file is looked for: --config, BEEZUP_CONFIG_FILE, then
/// $XDG_CONFIG_HOME/beezup/config or ~/.config/beezup/config.
std::string configuration_file_path(const po::variables_map& values);

}  // namespace beezup::cli
