// Dotted output keys ("rented.usd_per_day") as nested JSON objects.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace llmb {

inline void set_dotted_key(nlohmann::ordered_json& root, std::string_view key, double value) {
  nlohmann::ordered_json* node = &root;
  std::size_t start = 0;
  for (std::size_t dot = key.find('.'); dot != std::string_view::npos; dot = key.find('.', start)) {
    node = &(*node)[std::string(key.substr(start, dot - start))];
    start = dot + 1;
  }
  (*node)[std::string(key.substr(start))] = value;
}

}  // namespace llmb
