#pragma once
// A helper process for the tests that kill things: started with posix_spawn (not fork: the test
// process has threads, and a forked child could block on a lock one of them held), its output
// read line by line, and killed with SIGKILL (or stopped with SIGTERM) when asked.

#include <boost/test/unit_test.hpp>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <vector>

extern char** environ;

namespace beezup::testing {

class child_process {
public:
    /// Starts `program` with `arguments` and waits for its first line of output, which must start
    /// with `ready_prefix`; first_line() returns the rest of it.
    child_process(const std::string& program, std::vector<std::string> arguments, const std::string& ready_prefix) {
        int out[2];
        BOOST_REQUIRE(pipe2(out, O_CLOEXEC) == 0);  // later children must not inherit this one's pipe
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
        posix_spawn_file_actions_addclose(&actions, out[0]);
        std::vector<std::string> words{program};
        words.insert(words.end(), arguments.begin(), arguments.end());
        std::vector<char*> argv;
        for (auto& w : words) argv.push_back(w.data());
        argv.push_back(nullptr);
        const int spawned = posix_spawn(&pid_, program.c_str(), &actions, nullptr, argv.data(), environ);
        posix_spawn_file_actions_destroy(&actions);
        close(out[1]);
        if (spawned != 0) close(out[0]);
        BOOST_REQUIRE_MESSAGE(spawned == 0, "cannot start " << program);
        output_ = out[0];
        const auto line = next_line();
        if (line.rfind(ready_prefix, 0) != 0) {
            kill_hard();  // the destructor does not run when the constructor fails
            close(output_);
            BOOST_FAIL(program << " did not start: '" << line << "'");
        }
        first_line_ = line.substr(ready_prefix.size());
    }
    ~child_process() {
        if (pid_ > 0) kill_hard();
        if (output_ >= 0) close(output_);
    }
    child_process(const child_process&) = delete;
    child_process& operator=(const child_process&) = delete;

    const std::string& first_line() const noexcept { return first_line_; }

    /// The next line the process writes ("" once it has closed its output, or after `patience`).
    std::string next_line(std::chrono::seconds patience = std::chrono::seconds(60)) {
        std::string line;
        const auto deadline = std::chrono::steady_clock::now() + patience;
        while (true) {
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
            pollfd p{output_, POLLIN, 0};
            if (left.count() <= 0 || ::poll(&p, 1, static_cast<int>(left.count())) <= 0) return line;
            char c;
            if (read(output_, &c, 1) != 1 || c == '\n') return line;
            line += c;
        }
    }

    void kill_hard() {
        if (pid_ <= 0) return;
        ::kill(pid_, SIGKILL);
        waitpid(pid_, nullptr, 0);
        pid_ = -1;
    }

    /// SIGTERM, then the exit status (or -1 when it died of a signal).
    int stop() {
        if (pid_ > 0) ::kill(pid_, SIGTERM);
        return wait();
    }

    /// Waits for the process to end by itself; its exit status, or -1 when a signal ended it.
    int wait() {
        if (pid_ <= 0) return -1;
        int status = 0;
        waitpid(pid_, &status, 0);
        pid_ = -1;
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }

private:
    pid_t pid_ = -1;
    int output_ = -1;
    std::string first_line_;
};

}  // namespace beezup::testing
