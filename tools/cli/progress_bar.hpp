#pragma once
// A one-line progress bar on a terminal: done of total, rate, time left. Nothing when the
// stream is not a terminal (piped, redirected), so logs and pipes stay clean.

#include <chrono>
#include <cstdint>
#include <ostream>

namespace beezup::cli {

class progress_bar {
public:
    /// Draws on `out` (file descriptor `fd`) only when that is a terminal.
    progress_bar(std::ostream& out, int fd, std::int64_t total, const char* unit);
    void advance(std::int64_t n = 1);
    /// Draws the final state and ends the line.
    void finish();

private:
    void draw();

    std::ostream& out_;
    bool enabled_;
    std::int64_t total_, done_ = 0;
    const char* unit_;
    std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now(), drawn_{};
};

}  // namespace beezup::cli
