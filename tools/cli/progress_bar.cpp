#include "progress_bar.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <string>

namespace beezup::cli {

progress_bar::progress_bar(std::ostream& out, int fd, std::int64_t total, const char* unit)
    : out_(out), enabled_(::isatty(fd) == 1), total_(total), unit_(unit) {}

void progress_bar::advance(std::int64_t n) {
    done_ += n;
    if (!enabled_) return;
    const auto now = std::chrono::steady_clock::now();
    if (now - drawn_ < std::chrono::milliseconds(100)) return;
    drawn_ = now;
    draw();
}

void progress_bar::finish() {
    if (!enabled_) return;
    draw();
    out_ << "\n" << std::flush;
}

void progress_bar::draw() {
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
    const double rate = seconds > 0 ? static_cast<double>(done_) / seconds : 0;
    // The total is an estimate (orders may move while they are read): never show more than 100 %.
    const auto total = std::max(total_, done_);
    const int width = 30;
    const int filled = total > 0 ? static_cast<int>(width * done_ / total) : width;
    char line[160];
    std::string left = "--:--";
    if (rate > 0) {
        const auto remaining = static_cast<long>(static_cast<double>(total - done_) / rate);
        char buffer[32];
        std::snprintf(buffer, sizeof buffer, "%ld:%02ld", remaining / 60, remaining % 60);
        left = buffer;
    }
    std::snprintf(line, sizeof line, "\r[%s%s] %lld/%lld %s  %.0f/s  %s left ", std::string(static_cast<std::size_t>(filled), '#').c_str(),
                  std::string(static_cast<std::size_t>(width - filled), '.').c_str(), static_cast<long long>(done_),
                  static_cast<long long>(total), unit_, rate, left.c_str());
    out_ << line << std::flush;
}

}  // namespace beezup::cli
