// A company's tornado (every input moved alone, ranked by the swing of one outcome) as a
// terminal table, CSV or JSON.
#pragma once

#include <string>

#include "sim/company/tornado.h"
#include "sim/schema/format.h"

namespace llmb {

// Amounts (the outcome when it is money, inputs of money) in `currency`.
std::string render_tornado(const Tornado& tornado, Format format,
                           const DisplayCurrency& currency = {});

}  // namespace llmb
