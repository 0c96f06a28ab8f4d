#include "sim/data/labour_catalog.h"

#include "sim/yaml/document.h"

namespace llmb {

const std::vector<std::string>& label_tier_names() {
  static const std::vector<std::string> names{"crowd", "generalist", "expert"};
  return names;
}

LabourCatalog load_labour_catalog(const std::string& directory) {
  const Document doc = Document::load_file(directory + "/labour.yaml");
  const Fields root(doc, doc.root(), "");
  LabourCatalog out;
  auto markup =
      root.optional_sourced("vendor_markup", Dimension::kDimensionless, {1, 100}, true, true);
  if (!markup) root.fail("vendor_markup", "missing: billed rate / pay, with its source");
  out.vendor_markup = *markup;
  const Fields tiers = root.child("tiers");
  constexpr double kMaxUsdPerHour = 1e4;
  for (int t = 0; t < kLabelTiers; ++t) {
    const std::string& name = label_tier_names()[static_cast<std::size_t>(t)];
    const Fields tier = tiers.child(name);
    const auto billed = tier.optional_sourced("billed", Dimension::kUsdPerHour,
                                              positive(kMaxUsdPerHour), true, true);
    const auto pay =
        tier.optional_sourced("pay", Dimension::kUsdPerHour, positive(kMaxUsdPerHour), true, true);
    tier.reject_unknown({"billed", "pay"});
    LabourRate& rate = out.tiers[t];
    if (billed) {
      rate = {billed->value, billed->source, billed->date, false};
    } else if (pay) {
      rate = {pay->value * out.vendor_markup.value, pay->source, pay->date, true};
    } else {
      tier.fail("billed", "missing: a tier needs its billed rate or its labellers' pay");
    }
  }
  tiers.reject_unknown(label_tier_names());
  root.reject_unknown({"vendor_markup", "tiers"});
  return out;
}

}  // namespace llmb
