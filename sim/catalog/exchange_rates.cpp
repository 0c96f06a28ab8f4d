#include "sim/catalog/exchange_rates.h"

#include <filesystem>

#include "sim/yaml/document.h"
#include "sim/yaml/fields.h"

namespace llmb {

ExchangeRates load_exchange_rates(const std::string& path) {
  ExchangeRates table;
  table.file = path;
  std::error_code error;
  if (!std::filesystem::exists(path, error)) return table;
  const Document doc = Document::load_file(path);
  const Fields root(doc, doc.root(), "");
  const Fields rates = root.child("rates");
  for (const std::string& code : rates.keys()) {
    const bool iso_code = code.size() == 3 && code != "USD" &&
                          code.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ") == std::string::npos;
    if (!iso_code)
      rates.fail(code, "expected a currency's ISO 4217 code other than USD, such as CNY", code);
    const Fields years = rates.child(code);
    for (const std::string& year_text : years.keys()) {
      const bool year_like =
          year_text.size() == 4 && year_text.find_first_not_of("0123456789") == std::string::npos;
      if (!year_like) years.fail(year_text, "expected a year such as \"2024\"", year_text);
      // Units per dollar: from a millionth (a currency worth more than gold) to a million.
      const auto rate = years.optional_sourced(year_text, Dimension::kDimensionless,
                                               {1e-6, 1e6, true, false}, true, true);
      table.rates.push_back({code, std::stoi(year_text), rate->value, rate->source, rate->date});
    }
  }
  root.reject_unknown({"rates"});
  return table;
}

}  // namespace llmb
