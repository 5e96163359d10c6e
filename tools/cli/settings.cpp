#include "settings.hpp"

#include "arguments.hpp"

#include <beezup/logging.hpp>

#include <boost/property_tree/ini_parser.hpp>
#include <boost/property_tree/ptree.hpp>

#include <sys/stat.h>

#include <cstdlib>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>

namespace beezup::cli {
namespace {

std::optional<std::string> environment(const char* name) {
    const char* value = std::getenv(name);
    if (!value || !*value) return std::nullopt;
    return std::string(value);
}

std::optional<std::string> flag(const po::variables_map& values, const char* name) {
    if (!values.count(name)) return std::nullopt;
    return values[name].as<std::string>();
}

std::string profile_name(const po::variables_map& values) {
    return flag(values, "profile").value_or(environment("BEEZUP_PROFILE").value_or("default"));
}

/// The profile's settings; empty when there is no file and none was asked for explicitly.
boost::property_tree::ptree load_profile(const po::variables_map& values) {
    const auto path = configuration_file_path(values);
    const bool explicit_file = values.count("config") || environment("BEEZUP_CONFIG_FILE");
    const bool explicit_profile = values.count("profile") || environment("BEEZUP_PROFILE");
    const auto name = profile_name(values);
    if (!std::filesystem::exists(path)) {
        if (explicit_file) throw configuration_error("no configuration file at " + path);
        if (explicit_profile && name != "default")
            throw configuration_error("profile '" + name + "' asked for, but there is no configuration file at " + path);
        return {};
    }
    boost::property_tree::ptree file;
    try {
        boost::property_tree::ini_parser::read_ini(path, file);
    } catch (const boost::property_tree::ini_parser_error& e) {
        throw configuration_error("cannot read " + path + ": " + e.message() + " (line " + std::to_string(e.line()) + ")");
    }
    const auto profile = file.get_child_optional(name);
    if (!profile) {
        if (explicit_profile) throw configuration_error("no profile '" + name + "' in " + path);
        return {};
    }
    struct stat info {};
    if (profile->count("api_key") && ::stat(path.c_str(), &info) == 0 && (info.st_mode & 077) != 0)
        std::cerr << "beezup: warning: " << path << " holds an API key and other users can read it (chmod 600 "
                  << path << ")\n";
    for (const auto& [key, value] : *profile) {
        static const char* known[] = {"api_key", "user_name", "base_url", "push_secrets", "timeout"};
        if (std::find(std::begin(known), std::end(known), key) == std::end(known))
            throw configuration_error("unknown setting '" + key + "' in profile '" + name + "' of " + path);
    }
    return *profile;
}

/// The first of: the flag, the environment variable, the profile's setting.
std::optional<std::string> setting(const po::variables_map& values, const boost::property_tree::ptree& profile,
                                   const char* flag_name, const char* environment_name, const char* profile_key) {
    if (flag_name)
        if (auto v = flag(values, flag_name)) return v;
    if (auto v = environment(environment_name)) return v;
    if (auto v = profile.get_optional<std::string>(profile_key); v && !v->empty()) return *v;
    return std::nullopt;
}

std::string read_key_file(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw configuration_error("cannot read the API key file " + path);
    std::string key;
    std::getline(in, key);
    while (!key.empty() && (key.back() == '\r' || key.back() == ' ')) key.pop_back();
    if (key.empty()) throw configuration_error("the API key file " + path + " is empty");
    return key;
}

}  // namespace

void add_connection_options(po::options_description& options) {
    options.add_options()
        ("profile", po::value<std::string>(), "profile of the configuration file (default: $BEEZUP_PROFILE or 'default')")
        ("config", po::value<std::string>(), "configuration file (default: $BEEZUP_CONFIG_FILE or ~/.config/beezup/config)")
        ("base-url", po::value<std::string>(), "API address (default: $BEEZUP_BASE_URL, the profile's, or https://api.beezup.com)")
        ("user-name", po::value<std::string>(), "BeezUP userName recorded with changes (default: $BEEZUP_USER_NAME or the profile's)")
        ("api-key-file", po::value<std::string>(), "file whose first line is the API key (default: $BEEZUP_API_KEY or the profile's api_key)")
        ("timeout", po::value<double>(), "seconds a whole call may take, retries included (default: 300)")
        ("verbose,v", po::bool_switch(), "log each request on stderr (the API key never appears)");
}

std::string configuration_file_path(const po::variables_map& values) {
    if (auto v = flag(values, "config")) return *v;
    if (auto v = environment("BEEZUP_CONFIG_FILE")) return *v;
    if (auto v = environment("XDG_CONFIG_HOME")) return *v + "/beezup/config";
    return environment("HOME").value_or(".") + "/.config/beezup/config";
}

client_options client_options_from(const po::variables_map& values) {
    const auto profile = load_profile(values);
    client_options options;
    options.user_agent_suffix = "beezup-cli";
    if (auto key_file = flag(values, "api-key-file"))
        options.api_key = read_key_file(*key_file);
    else if (auto key = setting(values, profile, nullptr, "BEEZUP_API_KEY", "api_key"))
        options.api_key = *key;
    else
        throw configuration_error("no API key: set BEEZUP_API_KEY, use --api-key-file, or add api_key to profile '" +
                                  profile_name(values) + "' of " + configuration_file_path(values));
    if (auto v = setting(values, profile, "base-url", "BEEZUP_BASE_URL", "base_url")) options.base_url = *v;
    if (auto v = setting(values, profile, "user-name", "BEEZUP_USER_NAME", "user_name")) options.user_name = *v;
    std::optional<double> seconds;
    if (values.count("timeout")) seconds = values["timeout"].as<double>();
    else if (auto v = profile.get_optional<double>("timeout")) seconds = *v;
    if (seconds) {
        if (!(*seconds > 0)) throw configuration_error("the timeout must be a positive number of seconds");
        options.operation_timeout = std::chrono::milliseconds(static_cast<std::int64_t>(*seconds * 1000));
        options.request_timeout = std::min(options.request_timeout, options.operation_timeout);
    }
    if (flag_set(values, "verbose")) {
        options.min_log_level = log_level::debug;
        options.logger = [](log_level level, std::string_view line) { std::cerr << "[" << to_string(level) << "] " << line << "\n"; };
    }
    return options;
}

const std::string& store_location(const po::variables_map& values, const char* option) {
    const auto& location = values[option].as<std::string>();
    const auto scheme = location.find("://");
    const auto at = location.find('@');
    if (scheme != std::string::npos && at != std::string::npos && location.find(':', scheme + 3) < at)
        std::cerr << "beezup: warning: the --" << option << " URL holds a password, which other users of this machine can "
                  << "read on the command line; give it to PostgreSQL by PGPASSWORD or ~/.pgpass instead\n";
    return location;
}

std::vector<std::string> push_secrets_from(const po::variables_map& values) {
    const auto profile = load_profile(values);
    const auto text = setting(values, profile, nullptr, "BEEZUP_PUSH_SECRETS", "push_secrets");
    std::vector<std::string> secrets;
    if (text) {
        std::stringstream in(*text);
        for (std::string secret; std::getline(in, secret, ',');)
            if (!secret.empty()) secrets.push_back(secret);
    }
    if (secrets.empty())
        throw configuration_error("no push secret: set BEEZUP_PUSH_SECRETS (comma-separated, newest first) or the profile's push_secrets");
    return secrets;
}

}  // namespace beezup::cli
