// A training scenario file: load_scenario, then the training model on what it read.
#include "fuzz/fuzz_contract.h"
#include "kernels/summary.h"
#include "sim/scenario/load_scenario.h"

using namespace llmb;

// Every output of a run is finite and not negative, and a utilisation lies in (0, 1].
void check_training_outputs(const TrainingOutputs& out) {
  const double* values = reinterpret_cast<const double*>(&out);
  for (int f = 0; f < kTrainingOutputFields; ++f)
    fuzz::expect_in(values[f], 0, 1e300, "a training output");
  fuzz::expect_in(out.mfu, 0, 1 + 1e-9, "mfu");
  fuzz::expect_in(out.hfu, 0, 1 + 1e-9, "hfu");
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text = fuzz::text_of(data, size);
  fuzz::expect_contract([&] {
    const Document doc = Document::parse(text, "fuzz.yaml");
    const Scenario scenario = load_scenario(doc, fuzz::bundled_catalog());
    check_training_outputs(evaluate_training(scenario.inputs));
  });
  return 0;
}
