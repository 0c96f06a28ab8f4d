// A data programme file: licensed tokens, cleaning and labelling, costed.
#include "fuzz/fuzz_contract.h"
#include "sim/data/data_scenario.h"

using namespace llmb;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text = fuzz::text_of(data, size);
  fuzz::expect_contract([&] {
    const Document doc = Document::parse(text, "fuzz_data.yaml");
    const DataScenario scenario = load_data_scenario(doc, fuzz::bundled_catalog());
    const DataCost cost = data_cost(scenario.program.inputs);
    for (const auto& field : data_output_fields())
      fuzz::expect_in(field.base_value(cost), 0, 1e300, std::string(field.key).c_str());
  });
  return 0;
}
