#include "sim/cli/option_value.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cctype>
#include <charconv>
#include <cmath>
#include <filesystem>

#include "kernels/batch_cuda.h"
#include "sim/input_error.h"

namespace llmb::cli {
namespace {

const SourceLoc kCommandLine{"command line", 1, 1};

}  // namespace

void bad_option(const std::string& option, const std::string& problem, const std::string& got) {
  throw InputError(kCommandLine, option, problem, got);
}

std::uint64_t physical_memory_bytes() {
  const long pages = ::sysconf(_SC_PHYS_PAGES), page = ::sysconf(_SC_PAGE_SIZE);
  return pages > 0 && page > 0
             ? static_cast<std::uint64_t>(pages) * static_cast<std::uint64_t>(page)
             : 0;
}

Device device_option(const std::string& text) {
  const Device requested = text == "cuda"  ? Device::kCuda
                           : text == "cpu" ? Device::kCpu
                                           : Device::kAuto;
  const Device device = pick_device(requested);
  if (device == Device::kCuda && cuda_device_count() == 0)
    bad_option("--device", "no CUDA GPU is available (this build or machine has none)", text);
  return device;
}

double option_quantity(std::string_view option, const std::string& text, Dimension dimension,
                       Bounds bounds) {
  const std::string key(option);
  double number = 0;
  try {
    number = parse_quantity(text, dimension);
  } catch (const UnitError& e) {
    throw InputError(kCommandLine, key, e.what(), text);
  }
  if (bounds.integer && number != std::floor(number))
    throw InputError(kCommandLine, key, "must be a whole number", text);
  if (bounds.min_exclusive ? !(number > bounds.min) : !(number >= bounds.min)) {
    if (bounds.min == 0)
      throw InputError(kCommandLine, key,
                       bounds.min_exclusive ? "must be positive" : "must not be negative", text);
    throw InputError(
        kCommandLine, key,
        fmt::format("must be {} {:g}", bounds.min_exclusive ? "above" : "at least", bounds.min),
        text);
  }
  if (number > bounds.max)
    throw InputError(kCommandLine, key, fmt::format("must be at most {:g}", bounds.max), text);
  return number;
}

std::uint64_t option_seed(std::string_view option, const std::string& text) {
  std::uint64_t seed = 0;
  const auto [stop, error] = std::from_chars(text.data(), text.data() + text.size(), seed);
  if (error != std::errc() || stop != text.data() + text.size())
    throw InputError(kCommandLine, std::string(option), "must be a whole number from 0 to 2^64 - 1",
                     text);
  return seed;
}

DisplayCurrency currency_option(const std::string& text, const ExchangeRates& rates, int year) {
  std::string code;
  for (char c : text) code += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (code == "RMB") code = "CNY";
  DisplayCurrency currency;
  if (code == "USD") return currency;
  if (code != "CNY" && code != "EUR") bad_option("--currency", "must be USD, CNY or EUR", text);
  const ExchangeRate* rate = rates.find(code, year);
  if (!rate)
    bad_option("--currency",
               fmt::format("no {} rate for {} in {} (it has {})", code, year,
                           rates.file.empty() ? "the catalog" : rates.file, rates.coverage()),
               text);
  currency.code = code;
  currency.symbol = std::string(currency_symbol(code));
  currency.per_usd = rate->per_usd;
  currency.rate_note = fmt::format("{} ({}) at {:g} per US dollar, the {} average (catalog {})",
                                   code, currency.symbol, rate->per_usd, year,
                                   std::filesystem::path(rates.file).filename().string());
  return currency;
}

}  // namespace llmb::cli
