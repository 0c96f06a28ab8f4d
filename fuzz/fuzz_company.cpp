// A company file (its training scenarios resolved from scenarios/companies/), simulated.
#include "fuzz/fuzz_contract.h"
#include "sim/company/uncertain_inputs.h"
#include "sim/output/company_report.h"

using namespace llmb;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text = fuzz::text_of(data, size);
  fuzz::expect_contract([&] {
    const Document doc =
        Document::parse(text, LLMB_SOURCE_DIR "/scenarios/companies/fuzz_company.yaml");
    const Company company = load_uncertain_company(doc, fuzz::bundled_catalog());
    const SimulatedCompany simulated = simulate(company);
    const CompanyOutcome& o = simulated.outcome;
    const double* values = reinterpret_cast<const double*>(&o);
    for (int f = 0; f < kCompanyOutcomeFields; ++f)
      if (&values[f] != &o.gross_margin_at_month_24)  // NaN without revenue, as documented
        fuzz::expect_finite(values[f], "a company outcome");
    fuzz::expect_in(o.runway_months, 0, kMaxMonths, "runway_months");
    fuzz::expect_in(o.break_even_month, -1, kMaxMonths, "break_even_month");
  });
  return 0;
}
