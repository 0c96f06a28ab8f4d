// The catalog's exchange-rate table (exchange_rates.yaml): yearly averages of each currency per
// US dollar, every rate with its source and period.
#pragma once

#include <string>

#include "sim/money.h"

namespace llmb {

// Reads PATH; a missing file is an empty table (then only dollar amounts are read). Errors are
// InputErrors in the file.
ExchangeRates load_exchange_rates(const std::string& path);

}  // namespace llmb
