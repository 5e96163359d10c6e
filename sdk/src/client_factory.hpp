#pragma once
// Builds a client over a pipeline made elsewhere: tests give it a fake clock and transport.

#include "pipeline/pipeline.hpp"

#include <beezup/client.hpp>

#include <memory>

namespace beezup::detail {

struct client_factory {
    static client make(std::shared_ptr<pipeline> p) { return client(std::move(p)); }
};

}  // namespace beezup::detail
