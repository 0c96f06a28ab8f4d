// A --set string on the bundled 7B example: "PATH=VALUE", the value read as YAML.
#include "fuzz/fuzz_contract.h"
#include "kernels/summary.h"
#include "sim/scenario/load_scenario.h"

using namespace llmb;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const Document base =
      Document::load_file(LLMB_SOURCE_DIR "/scenarios/examples/a100_cluster_7b.yaml");
  const std::string assignment = fuzz::text_of(data, size);
  fuzz::expect_contract([&] {
    Document doc = base.clone();
    doc.apply_override(assignment, 1);
    const Scenario scenario = load_scenario(doc, fuzz::bundled_catalog());
    const TrainingOutputs out = evaluate_training(scenario.inputs);
    const double* values = reinterpret_cast<const double*>(&out);
    for (int f = 0; f < kTrainingOutputFields; ++f)
      fuzz::expect_in(values[f], 0, 1e300, "a training output");
    fuzz::expect_in(out.mfu, 0, 1 + 1e-9, "mfu");
  });
  return 0;
}
