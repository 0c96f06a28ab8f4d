// A serving file: demand and a serving section, sized and costed.
#include "fuzz/fuzz_contract.h"
#include "sim/serving/serving_scenario.h"

using namespace llmb;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text = fuzz::text_of(data, size);
  fuzz::expect_contract([&] {
    const Document doc = Document::parse(text, "fuzz_serving.yaml");
    const ServingScenario scenario = load_serving_scenario(doc, fuzz::bundled_catalog());
    const ServingResult result = evaluate_serving(scenario);
    for (const auto& field : serving_output_fields())
      fuzz::expect_in(field.base_value(result), 0, 1e300, std::string(field.key).c_str());
  });
  return 0;
}
