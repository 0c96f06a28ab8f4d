// A runs CSV for `fit`: parsed, and every run's N, D and loss finite, positive, 6 N D finite.
#include "fuzz/fuzz_contract.h"
#include "sim/scaling/runs_csv.h"

using namespace llmb;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text = fuzz::text_of(data, size);
  fuzz::expect_contract([&] {
    const LossRunsFile file = parse_loss_runs(text, "fuzz_runs.csv");
    for (const LossRun& run : file.runs) {
      fuzz::expect_in(run.params, 1, 1e300, "params");
      fuzz::expect_in(run.tokens, 1, 1e300, "tokens");
      fuzz::expect_in(run.loss, 0, 1e300, "loss");
      fuzz::expect_finite(6 * run.params * run.tokens, "6 N D");
    }
  });
  return 0;
}
