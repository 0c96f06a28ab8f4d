#include "sim/company/uncertain_inputs.h"

#include <cmath>
#include <set>

#include "sim/company/load_company.h"
#include "sim/sweep/linear_effect.h"
#include "sim/yaml/distribution_spec.h"
#include "sim/yaml/fields.h"

namespace llmb {
namespace {

struct FoundDistribution {
  std::string path;
  YAML::Node spec;
  SourceLoc where;
};

// Every mapping with a `dist` key, by key path ("people[0].loaded_cost_per_year").
void find_distributions(const Document& doc, const YAML::Node& node, const std::string& path,
                        std::vector<FoundDistribution>& found) {
  if (node.IsMap()) {
    if (node["dist"] && !path.empty()) {
      found.push_back({path, node, doc.locate(node, path)});
      return;
    }
    for (auto it = node.begin(); it != node.end(); ++it) {
      const std::string key = it->first.Scalar();
      find_distributions(doc, it->second, path.empty() ? key : path + "." + key, found);
    }
  } else if (node.IsSequence()) {
    for (std::size_t i = 0; i < node.size(); ++i)
      find_distributions(doc, node[i], path + "[" + std::to_string(i) + "]", found);
  }
}

std::vector<double> as_array(const CompanyInputs& in) {
  const double* begin = reinterpret_cast<const double*>(&in);
  return {begin, begin + kCompanyInputFields};
}

// A parameter written in the distribution, as a stand-in value of the right units.
YAML::Node stand_in(const FoundDistribution& d) {
  for (const char* key : {"mode", "median", "mean", "min"})
    if (d.spec[key] && d.spec[key].IsScalar()) return YAML::Clone(d.spec[key]);
  throw InputError(d.where, d.path,
                   "a distribution needs its parameters (min and max, mean and sd, "
                   "median and sigma, or min, mode and max)");
}

}  // namespace

Company load_uncertain_company(const Document& doc, const Catalog& catalog) {
  std::vector<FoundDistribution> found;
  find_distributions(doc, doc.root(), "", found);
  if (found.empty()) return load_company_document(doc, catalog);

  // Units of each path: what the loader reads there, learnt from a load with stand-ins.
  Document probe = doc.clone();
  for (const auto& d : found) probe.set(d.path, stand_in(d), d.where);
  load_company_document(probe, catalog);
  // The distributions' parameters are read at the exchange rates the company's load chose.
  doc.use_exchange_rates(probe.exchange_rates(), probe.exchange_rate_year());

  std::vector<UncertainInput> uncertain;
  Document central = doc.clone();
  for (const auto& d : found) {
    const auto dimension = probe.quantity_paths().find(d.path);
    if (dimension == probe.quantity_paths().end())
      throw InputError(d.where, d.path, "only a numeric input can be a distribution");
    UncertainInput u;
    u.path = d.path;
    u.where = d.where;
    u.dimension = dimension->second;
    u.distribution = read_distribution(Fields(doc, d.spec, d.path), u.dimension, u.kind_name);
    u.central = central_value(u.distribution);
    // Whole-number inputs (a month, a headcount) take rounded draws and a rounded centre.
    if (probe.whole_number_path(d.path)) u.central = std::round(u.central);
    central.set(d.path, YAML::Node(format_base_quantity(u.central, u.dimension)), d.where);
    uncertain.push_back(u);
  }
  Company company = load_company_document(central, catalog);
  const std::vector<double> base = as_array(company.inputs);

  std::set<int> used;
  for (auto& u : uncertain) {
    const bool whole_number = probe.whole_number_path(u.path);
    auto [a, b] = support_probes(u.distribution);
    if (whole_number) a = std::round(a), b = std::round(b);
    const auto effect = linear_effect(base, {a, b}, [&](double value) {
      Document at = central.clone();
      at.set(u.path, YAML::Node(format_base_quantity(value, u.dimension)), u.where);
      return as_array(load_company_document(at, catalog).inputs);
    });
    if (!effect)
      throw InputError(u.where, u.path,
                       "a distribution must set model inputs in proportion to its value (and not "
                       "at zero); this input does not");
    u.random = random_input_from(*effect, u.distribution, u.path, u.where, used,
                                 reinterpret_cast<double*>(&company.inputs));
    u.random.whole_number = whole_number ? 1 : 0;
    check_draw_range(u.random, u.path, u.where, u.dimension, [&](double value) {
      Document at = central.clone();
      at.set(u.path, YAML::Node(format_base_quantity(value, u.dimension)), u.where);
      load_company_document(at, catalog);
    });
  }
  company.uncertain = std::move(uncertain);
  return company;
}

}  // namespace llmb
