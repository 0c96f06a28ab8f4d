// A claim file of any kind (training, cost, scaling fit, serving, labelling), checked.
#include "fuzz/fuzz_contract.h"
#include "sim/claims/claims.h"

using namespace llmb;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text = fuzz::text_of(data, size);
  fuzz::expect_contract([&] {
    const std::string path = fuzz::write_scratch("claims/fuzz_claim.yaml", text);
    for (const ClaimResult& result :
         check_claims_in(path.substr(0, path.rfind('/')), fuzz::bundled_catalog()))
      fuzz::expect_finite(result.simulated, "a claim's simulated value");
  });
  return 0;
}
