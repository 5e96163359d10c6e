#include <beezup/error.hpp>
#include <beezup/logging.hpp>

namespace beezup {

const char* to_string(transport_failure failure) noexcept {
    switch (failure) {
    case transport_failure::connect: return "connect";
    case transport_failure::tls: return "tls";
    case transport_failure::timeout: return "timeout";
    case transport_failure::cancelled: return "cancelled";
    case transport_failure::connection: return "connection";
    case transport_failure::protocol: return "protocol";
    }
    return "unknown";
}

const char* to_string(log_level level) noexcept {
    switch (level) {
    case log_level::trace: return "trace";
    case log_level::debug: return "debug";
    case log_level::info: return "info";
    case log_level::warning: return "warning";
    case log_level::error: return "error";
    }
    return "unknown";
}

bool api_error::has_code(const std::string& code) const {
    for (const auto& detail : info_.details) {
        if (detail.code == code) return true;
        // Codes may be patterns such as "Name(Type argument)": compare the name.
        const auto paren = detail.code.find('(');
        if (paren != std::string::npos && detail.code.compare(0, paren, code) == 0 && code.size() == paren)
            return true;
    }
    return false;
}

}  // namespace beezup
