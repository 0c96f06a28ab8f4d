// A sweep file over the bundled 7B example: parsed, sized against a limit, resolved.
#include "fuzz/fuzz_contract.h"
#include "sim/scenario/load_scenario.h"
#include "sim/sweep/sweep_file.h"
#include "sim/sweep/sweep_plan.h"

using namespace llmb;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const Document base =
      Document::load_file(LLMB_SOURCE_DIR "/scenarios/examples/a100_cluster_7b.yaml");
  static const bool base_read = (load_scenario(base, fuzz::bundled_catalog()), true);
  (void)base_read;
  // Small, so that a valid sweep resolves in milliseconds under the sanitizers; the limit's
  // arithmetic is the same at any size.
  constexpr std::uint64_t kMaxPoints = 10000;
  const std::string text = fuzz::text_of(data, size);
  fuzz::expect_contract([&] {
    const Document sweep_doc = Document::parse(text, "fuzz_sweep.yaml");
    const SweepFile sweep = parse_sweep_file(sweep_doc, base, kMaxPoints);
    check_sweep_size(sweep, kMaxPoints);
    const SweepPlan plan = SweepPlan::resolve(sweep, base, fuzz::bundled_catalog());
    if (plan.total() < 1 || plan.total() > kMaxPoints)
      fuzz::violated("point count outside 1..max", std::to_string(plan.total()));
  });
  return 0;
}
