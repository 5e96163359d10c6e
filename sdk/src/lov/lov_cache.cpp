#include "lov_cache.hpp"

#include "../json/list_of_values_json.hpp"
#include "../pipeline/url_encoding.hpp"

namespace beezup::detail {

list_of_values lov_cache::get(const std::string& name, const std::string& language, lov_scope scope,
                              const call_context& context) {
    if (name.empty()) throw invalid_request("a list of values needs a name");
    const key k{scope, name, language};
    std::optional<list_of_values> cached;
    {
        std::lock_guard lock(mutex_);
        if (auto it = entries_.find(k); it != entries_.end()) cached = it->second;
    }

    api_request request;
    request.path = std::string(scope == lov_scope::user ? "/v2/user/lov/" : "/v2/public/lov/") + percent_encode(name);
    if (!language.empty()) request.headers["Accept-Language"] = language;
    if (cached && cached->etag) request.headers["If-None-Match"] = *cached->etag;

    auto response = pipeline_.send(request, context);
    if (response.status == 304) {
        if (cached) return *cached;
        throw decode_error("$", "304 Not Modified for a list that was not asked with If-None-Match");
    }

    list_of_values fresh;
    fresh.name = name;
    fresh.language = language;
    fresh.items = json::decode_list_of_values_items(response.body);
    fresh.etag = response.header("ETag");
    fresh.content_language = response.header("Content-Language");
    if (fresh.etag) {
        std::lock_guard lock(mutex_);
        entries_[k] = fresh;
    }
    return fresh;
}

}  // namespace beezup::detail
