// The units parser: every dimension, each text either a finite number or a one-line UnitError.
#include "fuzz/fuzz_contract.h"

using namespace llmb;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text = fuzz::text_of(data, size);
  for (int d = 0; d <= static_cast<int>(Dimension::kUsdPerMillionTokens); ++d) {
    const auto dimension = static_cast<Dimension>(d);
    try {
      const double value = parse_quantity(text, dimension);
      fuzz::expect_finite(value, "a parsed quantity");
      // What a message shows of a value must read back as the same value.
      const double again = parse_quantity(format_base_quantity(value, dimension), dimension);
      if (!(again == value || std::fabs(again - value) <= 1e-12 * std::fabs(value)))
        fuzz::violated("format_base_quantity does not read back",
                       format_base_quantity(value, dimension));
    } catch (const UnitError& e) {
      // Wrapped as the loaders wrap it, the message must still be one line.
      fuzz::check_message(InputError({"fuzz", 1, 1}, "key", e.what(), text).what());
    } catch (const std::exception& e) {
      fuzz::violated("internal error", e.what());
    }
  }
  return 0;
}
