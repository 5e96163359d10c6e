// The rate governor's bucket in Redis, shared by every process on every machine that uses the
// same API key: each operation is one Lua script, which Redis runs atomically.
//
// The key is a hash of the API key (never the key itself). When Redis cannot be reached, calls
// are not blocked: the process falls back to a bucket of its own (BeezUP's 429s still slow it
// down), says so once in the log, and tries Redis again a second later.

#include "rate_bucket_store.hpp"

#include <beezup/error.hpp>

#include <hiredis/hiredis.h>

#include <openssl/sha.h>

#include <charconv>
#include <cstdio>
#include <mutex>

namespace beezup::detail {
namespace {

// KEYS[1]: the bucket. ARGV: operation, now (s), calls per second, burst, argument.
// Returns the wait in seconds as text ("-1": no slot in time, or nothing to return).
constexpr const char* bucket_script = R"lua(
local op, now, rate, burst = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local s = redis.call('HMGET', KEYS[1], 'tokens', 'last_refill', 'paused_until')
local tokens, last, paused = tonumber(s[1]), tonumber(s[2]), tonumber(s[3])
if tokens == nil or last == nil or paused == nil then tokens, last, paused = burst, now, 0 end
local result = -1
if op == 'give_back' then
  tokens = tokens + 1
else
  tokens = math.min(burst, tokens + math.max(0, now - last) * rate)
  last = math.max(last, now)
  local queue = 0
  if tokens < 1 then queue = (1 - tokens) / rate end
  local start = math.max(paused, now + queue)
  if op == 'reserve' then
    if start <= tonumber(ARGV[5]) then tokens = tokens - 1; result = start - now end
  elseif op == 'pause' then
    paused = math.max(paused, tonumber(ARGV[5]))
  elseif op == 'wait' then
    result = math.max(0, start - now)
  end
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'last_refill', tostring(last), 'paused_until', tostring(paused))
redis.call('EXPIRE', KEYS[1], 3600)
return tostring(result)
)lua";

struct redis_address {
    std::string host = "127.0.0.1";
    int port = 6379;
    std::string user;  // Redis 6 ACL user; empty: "default"
    std::string password;
    int database = 0;
};

/// redis://[[user]:password@]host[:port][/database]
redis_address parse_redis_url(const std::string& url) {
    if (url.rfind("redis://", 0) != 0) throw error("rate_limit_options::shared_store_url must be a redis:// URL");
    redis_address a;
    auto rest = url.substr(8);
    if (const auto at = rest.rfind('@'); at != std::string::npos) {
        const auto credentials = rest.substr(0, at);
        const auto colon = credentials.find(':');
        if (colon == std::string::npos) {
            a.password = credentials;
        } else {
            a.user = credentials.substr(0, colon);
            a.password = credentials.substr(colon + 1);
        }
        rest = rest.substr(at + 1);
    }
    const auto slash = rest.find('/');
    auto host_port = rest.substr(0, slash);
    if (slash != std::string::npos && slash + 1 < rest.size()) a.database = std::atoi(rest.c_str() + slash + 1);
    if (const auto colon = host_port.rfind(':'); colon != std::string::npos) {
        a.port = std::atoi(host_port.c_str() + colon + 1);
        host_port = host_port.substr(0, colon);
    }
    if (!host_port.empty()) a.host = host_port;
    if (a.port <= 0 || a.port > 65535) throw error("rate_limit_options::shared_store_url has no valid port");
    return a;
}

std::string bucket_key(const std::string& api_key) {
    unsigned char digest[SHA256_DIGEST_LENGTH];
    SHA256(reinterpret_cast<const unsigned char*>(api_key.data()), api_key.size(), digest);
    std::string key = "beezup:rate:";
    char hex[3];
    for (int i = 0; i < 16; ++i) {
        std::snprintf(hex, sizeof hex, "%02x", digest[i]);
        key += hex;
    }
    return key;
}

std::string seconds_text(double s) {
    char text[64];
    std::snprintf(text, sizeof text, "%.6f", s);
    return text;
}

class redis_bucket_store final : public rate_bucket_store {
public:
    redis_bucket_store(const std::string& url, const std::string& api_key, std::function<void(const std::string&)> warn)
        : address_(parse_redis_url(url)), key_(bucket_key(api_key)), warn_(std::move(warn)),
          fallback_(make_in_process_bucket_store()) {}

    ~redis_bucket_store() override {
        if (context_) redisFree(context_);
    }

    std::optional<double> reserve(const token_bucket& bucket, double now, double latest_start) override {
        if (auto answer = run("reserve", bucket, now, latest_start)) return *answer < 0 ? std::nullopt : std::optional(*answer);
        return fallback_->reserve(bucket, now, latest_start);
    }

    void give_back(const token_bucket& bucket, double now) override {
        if (!run("give_back", bucket, now, 0)) fallback_->give_back(bucket, now);
    }

    void pause(const token_bucket& bucket, double now, double until) override {
        if (!run("pause", bucket, now, until)) fallback_->pause(bucket, now, until);
    }

    double wait(const token_bucket& bucket, double now) override {
        if (auto answer = run("wait", bucket, now, 0)) return std::max(0.0, *answer);
        return fallback_->wait(bucket, now);
    }

    bool shared_between_processes() const override { return true; }

private:
    /// The script's answer, or nullopt when Redis could not be asked (the fallback decides).
    std::optional<double> run(const char* operation, const token_bucket& bucket, double now, double argument) {
        std::lock_guard lock(mutex_);
        if (!connected()) return std::nullopt;
        const auto rate = seconds_text(bucket.calls_per_second), burst = seconds_text(bucket.burst),
                   at = seconds_text(now), arg = seconds_text(argument);
        auto* reply = static_cast<redisReply*>(redisCommand(context_, "EVAL %s 1 %s %s %s %s %s %s", bucket_script, key_.c_str(),
                                                            operation, at.c_str(), rate.c_str(), burst.c_str(), arg.c_str()));
        if (!reply) {
            lost(context_->errstr);
            return std::nullopt;
        }
        std::optional<double> answer;
        if (reply->type == REDIS_REPLY_STRING) {
            double value = 0;
            const auto [end, failure] = std::from_chars(reply->str, reply->str + reply->len, value);
            if (failure == std::errc{}) answer = value;
        }
        const std::string problem = reply->type == REDIS_REPLY_ERROR ? std::string(reply->str, reply->len) : "an unexpected answer";
        freeReplyObject(reply);
        if (!answer) lost(problem);
        else if (degraded_) {
            degraded_ = false;
            if (warn_) warn_("rate governor: Redis answers again; the bucket is shared again");
        }
        return answer;
    }

    bool connected() {
        if (context_) return true;
        const auto now = std::chrono::steady_clock::now();
        if (now < next_attempt_) return false;
        // Short: while Redis is away, callers fall back at once instead of waiting on it.
        const timeval timeout{0, 250'000};
        context_ = redisConnectWithTimeout(address_.host.c_str(), address_.port, timeout);
        if (!context_ || context_->err) {
            lost(context_ ? context_->errstr : "cannot allocate a connection");
            return false;
        }
        redisSetTimeout(context_, timeout);
        if (!address_.password.empty()) {
            const bool authenticated = address_.user.empty() ? command_ok("AUTH %s", address_.password.c_str())
                                                             : command_ok("AUTH %s %s", address_.user.c_str(), address_.password.c_str());
            if (!authenticated) return false;
        }
        if (address_.database != 0 && !command_ok("SELECT %d", address_.database)) return false;
        return true;
    }

    template <class... Args>
    bool command_ok(const char* format, Args... args) {
        auto* reply = static_cast<redisReply*>(redisCommand(context_, format, args...));
        const bool ok = reply && reply->type != REDIS_REPLY_ERROR;
        // The reply to AUTH never holds the password; the message stays generic anyway.
        if (reply) freeReplyObject(reply);
        if (!ok) lost("Redis refused the connection's set-up (AUTH or SELECT)");
        return ok;
    }

    /// Drops the connection; calls use the process's own bucket until Redis answers again.
    void lost(const std::string& why) {
        if (context_) redisFree(context_);
        context_ = nullptr;
        next_attempt_ = std::chrono::steady_clock::now() + std::chrono::seconds(1);
        if (!degraded_) {
            degraded_ = true;
            if (warn_) warn_("rate governor: Redis cannot be used (" + why + "); this process limits itself alone until it can");
        }
    }

    redis_address address_;
    std::string key_;
    std::function<void(const std::string&)> warn_;
    std::unique_ptr<rate_bucket_store> fallback_;
    std::mutex mutex_;
    redisContext* context_ = nullptr;
    std::chrono::steady_clock::time_point next_attempt_{};
    bool degraded_ = false;
};

}  // namespace

std::unique_ptr<rate_bucket_store> make_redis_bucket_store(const std::string& url, const std::string& api_key,
                                                           std::function<void(const std::string&)> warn) {
    return std::make_unique<redis_bucket_store>(url, api_key, std::move(warn));
}

}  // namespace beezup::detail
