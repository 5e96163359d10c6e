#pragma once
// Lists of values cached per scope, name and language, revalidated with If-None-Match.

#include "../pipeline/pipeline.hpp"

#include <beezup/list_of_values.hpp>

#include <map>
#include <mutex>
#include <tuple>

namespace beezup::detail {

class lov_cache {
public:
    explicit lov_cache(pipeline& p) : pipeline_(p) {}

    list_of_values get(const std::string& name, const std::string& language, lov_scope scope, const call_context& context);

private:
    using key = std::tuple<lov_scope, std::string, std::string>;
    pipeline& pipeline_;
    std::mutex mutex_;
    std::map<key, list_of_values> entries_;
};

}  // namespace beezup::detail
