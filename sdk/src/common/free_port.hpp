#pragma once
// A TCP port free on an address now, for servers told to pick one (the sandbox, push_server).
// Another process may take it before the caller binds: callers retry a few times.

#include <string>

namespace beezup::common {

/// Throws std::runtime_error when no port can be found on `host` (an IPv4 address).
int pick_free_port(const std::string& host);

}  // namespace beezup::common
