#pragma once
/// @file
/// Umbrella header: everything public in the SDK.

#include <beezup/call_context.hpp>
#include <beezup/cancellation.hpp>
#include <beezup/client.hpp>
#include <beezup/client_options.hpp>
#include <beezup/csv_export.hpp>
#include <beezup/error.hpp>
#include <beezup/http.hpp>
#include <beezup/http_transport.hpp>
#include <beezup/list_of_values.hpp>
#include <beezup/logging.hpp>
#include <beezup/order.hpp>
#include <beezup/order_list.hpp>
#include <beezup/order_sync.hpp>
#include <beezup/orders.hpp>
#include <beezup/decimal.hpp>
#include <beezup/vocabulary.hpp>
#include <beezup/rate_limit_options.hpp>
#include <beezup/retry_options.hpp>
#include <beezup/subscriptions.hpp>
#include <beezup/tls_options.hpp>
#include <beezup/version.hpp>
