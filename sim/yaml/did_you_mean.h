// Suggestions for misspelt keys and names.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace llmb {

// The candidate closest to `typed` by edit distance, or "" when none is close enough to be a
// plausible typo (1 edit for words up to 4 letters, 2 up to 8, 3 beyond).
std::string closest_match(std::string_view typed, const std::vector<std::string>& candidates);

// " (did you mean \"x\"?)" or "" when nothing is close.
std::string did_you_mean(std::string_view typed, const std::vector<std::string>& candidates);

}  // namespace llmb
