// JSON helpers the writers share: dotted output keys ("rented.usd_per_day") as nested
// objects, numbers that JSON cannot hold, and the document text.
#pragma once

#include <cmath>
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

// JSON has no NaN or infinity: a figure that is not finite is null.
inline nlohmann::ordered_json json_number(double value) {
  return std::isfinite(value) ? nlohmann::ordered_json(value) : nlohmann::ordered_json(nullptr);
}

// A JSON document as every command writes it: two-space indents, a final newline, and bytes
// that are not UTF-8 (a file name, a label from the user's YAML) replaced, never a throw.
template <typename Json>
std::string json_document(const Json& document) {
  return document.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace llmb
