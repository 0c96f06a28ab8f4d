// Limits on input values that more than one loader reads (a model's size, a token count, a
// price): far beyond any real run or market, they catch unit slips (W for kW, $/h for $/Mtok)
// and typos, not ambition. One definition, so that a scenario, a catalog and a company file
// accept the same values. Limits of one loader alone live in that loader.
#pragma once

namespace llmb::limits {

inline constexpr double kMinParams = 1e3;
inline constexpr double kMaxParams = 1e16;
inline constexpr double kMinTokens = 1e3;
inline constexpr double kMaxTokens = 1e17;
inline constexpr double kMaxPriceUsd = 1e7;         // one accelerator or server
inline constexpr double kMaxCloudUsdPerHour = 1e3;  // one GPU-hour
inline constexpr double kMaxRequestsPerDay = 1e13;

}  // namespace llmb::limits
