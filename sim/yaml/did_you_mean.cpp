#include "sim/yaml/did_you_mean.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace llmb {
namespace {

bool same_letter(char x, char y) {
  return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
}

// Edit distance counting a swap of neighbours as one edit (optimal string alignment), and
// case-insensitive: "cuont" is one edit from "count", "Count" none.
std::size_t edit_distance(std::string_view a, std::string_view b) {
  const std::size_t columns = b.size() + 1;
  std::vector<std::size_t> d((a.size() + 1) * columns);
  auto at = [&](std::size_t i, std::size_t j) -> std::size_t& { return d[i * columns + j]; };
  for (std::size_t i = 0; i <= a.size(); ++i) at(i, 0) = i;
  for (std::size_t j = 0; j <= b.size(); ++j) at(0, j) = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = same_letter(a[i - 1], b[j - 1]) ? 0 : 1;
      at(i, j) = std::min({at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost});
      if (i > 1 && j > 1 && same_letter(a[i - 1], b[j - 2]) && same_letter(a[i - 2], b[j - 1]))
        at(i, j) = std::min(at(i, j), at(i - 2, j - 2) + 1);
    }
  }
  return at(a.size(), b.size());
}

bool starts_with_ignoring_case(std::string_view text, std::string_view prefix) {
  if (prefix.size() > text.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i)
    if (!same_letter(text[i], prefix[i])) return false;
  return true;
}

}  // namespace

std::string closest_match(std::string_view typed, const std::vector<std::string>& candidates) {
  // A name typed short ("H100" for "H100-SXM") is a prefix of exactly one candidate.
  if (typed.size() >= 3) {
    std::string only;
    int matches = 0;
    for (const auto& candidate : candidates)
      if (candidate.size() > typed.size() && starts_with_ignoring_case(candidate, typed)) {
        only = candidate;
        ++matches;
      }
    if (matches == 1) return only;
  }
  std::string best;
  std::size_t best_distance = SIZE_MAX;
  for (const auto& candidate : candidates) {
    const std::size_t d = edit_distance(typed, candidate);
    if (d < best_distance) {
      best_distance = d;
      best = candidate;
    }
  }
  const std::size_t longer = std::max(typed.size(), best.size());
  const std::size_t allowed = longer <= 4 ? 1 : (longer <= 8 ? 2 : 3);
  return best_distance <= allowed ? best : std::string();
}

std::string did_you_mean(std::string_view typed, const std::vector<std::string>& candidates) {
  const std::string match = closest_match(typed, candidates);
  return match.empty() ? std::string() : fmt::format(" (did you mean \"{}\"?)", match);
}

}  // namespace llmb
