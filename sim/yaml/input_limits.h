// Limits on input that more than one loader reads. One definition, so that a scenario, a
// catalog, a company file and the command line accept the same values.
//
// Value limits (a model's size, a token count, a price) lie far beyond any real run or market:
// they catch unit slips (W for kW, $/h for $/Mtok) and typos, not ambition. Size limits keep a
// hostile or mistaken input (/dev/zero, a 1 MB value, a sweep of 1e16 points) from exhausting
// memory or flooding the terminal: each is checked before anything of that size is built.
// Limits of one loader alone live in that loader.
#pragma once

#include <cstddef>

namespace llmb::limits {

inline constexpr double kMinParams = 1e3;
inline constexpr double kMaxParams = 1e16;
inline constexpr double kMinTokens = 1e3;
inline constexpr double kMaxTokens = 1e17;
inline constexpr double kMaxPriceUsd = 1e7;         // one accelerator or server
inline constexpr double kMaxCloudUsdPerHour = 1e3;  // one GPU-hour
inline constexpr double kMaxRequestsPerDay = 1e13;

// The smallest utilisation or fraction of a whole (MFU, fleet utilisation, average power): 0.01%.
inline constexpr double kMinFraction = 1e-4;

// The largest input file read (a scenario, sweep, company, catalog or runs CSV): the bundled
// ones are a few kB; the largest real runs table is far below this.
inline constexpr std::size_t kMaxInputFileBytes = std::size_t{16} << 20;
// How many characters of a value, a key path or a file name an error message echoes before it
// cuts with "...", and of the message as a whole.
inline constexpr std::size_t kMaxEchoedChars = 120;
inline constexpr std::size_t kMaxMessageChars = 600;
// The most values (scalars, lists, mappings) one YAML file or --set value holds, aliases counted
// each time they are used: thousands of times what a real input holds.
inline constexpr std::size_t kMaxYamlNodes = 1000000;
// The deepest nesting of lists and mappings: real inputs nest a handful of levels.
inline constexpr int kMaxYamlDepth = 64;
// The most values a sweep axis lists explicitly: each is resolved against the scenario alone
// (a range {from, to, steps} is resolved from three probes). A longer list is a range.
inline constexpr std::size_t kMaxAxisListEntries = 10000;

}  // namespace llmb::limits
