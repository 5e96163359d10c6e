#include <beezup/client.hpp>

#include "lov/lov_cache.hpp"
#include "orders/orders_impl.hpp"
#include "pipeline/pipeline.hpp"
#include "transport/default_transport.hpp"

#include <algorithm>

namespace beezup {

const list_of_values_item* list_of_values::find(const std::string& code) const {
    auto it = std::find_if(items.begin(), items.end(), [&](const auto& item) { return item.code_identifier == code; });
    return it == items.end() ? nullptr : &*it;
}

client::client(client_options options) : client(options, detail::make_default_transport(options)) {}

client::client(client_options options, std::shared_ptr<http_transport> transport)
    : client(std::make_shared<detail::pipeline>(std::move(options), std::move(transport))) {}

client::client(std::shared_ptr<detail::pipeline> pipeline)
    : pipeline_(std::move(pipeline)), lov_cache_(std::make_shared<detail::lov_cache>(*pipeline_)),
      orders_(std::make_shared<detail::orders_impl>(pipeline_, lov_cache_)) {}

const client_options& client::options() const noexcept { return pipeline_->options(); }

list_of_values client::get_list_of_values(const std::string& name, const std::string& language, lov_scope scope,
                                          const call_context& context) {
    return lov_cache_->get(name, language, scope, context);
}

}  // namespace beezup
