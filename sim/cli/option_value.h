// Command-line values with units, checked like scenario values. A bad one is an InputError
// that reads "command line:1:1: --budget: must be positive (got $0)".
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "sim/units.h"
#include "sim/yaml/fields.h"

namespace llmb::cli {

double option_quantity(std::string_view option, const std::string& text, Dimension dimension,
                       Bounds bounds);

// A whole number in [0, 2^64), for seeds.
std::uint64_t option_seed(std::string_view option, const std::string& text);

}  // namespace llmb::cli
