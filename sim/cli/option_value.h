// Command-line values with units, checked like scenario values. A bad one is an InputError
// that reads "command line:1:1: --budget: must be positive (got $0)".
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "sim/execution.h"
#include "sim/money.h"
#include "sim/schema/format.h"
#include "sim/units.h"
#include "sim/yaml/fields.h"

namespace llmb::cli {

double option_quantity(std::string_view option, const std::string& text, Dimension dimension,
                       Bounds bounds);

// An InputError about a command-line option: "command line:1:1: --device: problem (got X)".
[[noreturn]] void bad_option(const std::string& option, const std::string& problem,
                             const std::string& got);

// Bytes of RAM on this machine (0 when unknown): the default limit of what a run allocates.
std::uint64_t physical_memory_bytes();

// --device auto|cpu|cuda: the device a run will use (auto picks a GPU when one is present);
// cuda without a GPU is an InputError naming the option.
Device device_option(const std::string& text);

// --currency USD|CNY|EUR (RMB for CNY): the currency results are printed in, at the catalog's
// rate of `year`; a currency without a rate that year is an InputError naming the option.
DisplayCurrency currency_option(const std::string& text, const ExchangeRates& rates, int year);

// A whole number in [0, 2^64), for seeds.
std::uint64_t option_seed(std::string_view option, const std::string& text);

}  // namespace llmb::cli
