#include "sim/company/load_company.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "sim/company/uncertain_inputs.h"
#include "sim/data/data_program.h"
#include "sim/scenario/load_scenario.h"
#include "sim/serving/serving_section.h"
#include "sim/yaml/fields.h"
#include "sim/yaml/input_limits.h"

namespace llmb {
namespace {

constexpr double kMaxUsd = 1e13;  // ten trillion dollars: beyond any company's plan
constexpr double kMaxPeople = 1e6;
constexpr double kMaxCustomers = 1e9;
constexpr double kMaxUsers = 1e10;  // more than everyone alive

// The entries of a list at `key` as mappings, each with its own key path ("people[1]").
std::vector<Fields> list_entries(const Fields& parent, std::string_view key, std::size_t max) {
  std::vector<Fields> entries;
  if (!parent.has(key)) return entries;
  const YAML::Node list = parent.node(key);
  if (!list.IsSequence()) parent.fail(key, "expected a list", describe(list));
  if (list.size() > max)
    parent.fail(key, fmt::format("at most {} entries", max),
                fmt::format("{} entries", list.size()));
  for (std::size_t i = 0; i < list.size(); ++i)
    entries.emplace_back(parent.document(), list[i],
                         fmt::format("{}[{}]", parent.key_path(key), i));
  return entries;
}

// A month of the horizon: a whole number from 0 to horizon - 1.
double read_month(const Fields& f, std::string_view key, double horizon) {
  return f.quantity(key, Dimension::kCount, {0, horizon - 1, false, true});
}

// A valuation above $100T is a unit slip; below $1 is not a priced round.
constexpr double kMaxValuationUsd = 1e14;
// A share of the company reserved or sold: at least nothing, below all of it.
constexpr Bounds kShareOfCompany{0, 0.99, false, false};

void read_funding(const Fields& root, double horizon, CompanyInputs& in, Company& company) {
  double previous_month = -1;
  for (const Fields& round : list_entries(root, "funding", kMaxFundingRounds)) {
    FundingRound& r = in.rounds[static_cast<int>(in.round_count)];
    r.month = read_month(round, "month", horizon);
    r.usd = round.quantity("amount", Dimension::kUsd, non_negative(kMaxUsd));
    if (const auto pre = round.optional_quantity("pre_money", Dimension::kUsd,
                                                 {1, kMaxValuationUsd, false, false})) {
      // The cap table dilutes round after round, so priced rounds come in the order raised.
      if (r.month < previous_month)
        round.fail("month", "priced rounds must be listed in the order they are raised",
                   describe(round.node("month")));
      r.pre_money_usd = *pre;
      company.priced_rounds += 1;
    }
    previous_month = r.month;
    r.option_pool_after =
        round.optional_quantity("option_pool_after", Dimension::kDimensionless, kShareOfCompany)
            .value_or(0);
    if (r.option_pool_after > 0 && r.pre_money_usd > 0 &&
        r.usd / (r.pre_money_usd + r.usd) + r.option_pool_after >= 1)
      round.fail("option_pool_after",
                 "the round's investors and the pool would own all of the company",
                 describe(round.node("option_pool_after")));
    company.round_names.push_back(round.optional_text("round").value_or(
        fmt::format("round {}", company.round_names.size() + 1)));
    round.reject_unknown({"round", "month", "amount", "pre_money", "option_pool_after"});
    in.round_count += 1;
  }
  if (company.priced_rounds > 0 && company.priced_rounds < in.round_count)
    root.fail("funding",
              "give every round a pre_money valuation, or none: the cap table needs them all");
  in.option_pool_at_start =
      root.optional_quantity("option_pool", Dimension::kDimensionless, kShareOfCompany).value_or(0);
}

void read_people(const Fields& root, double horizon, CompanyInputs& in, Company& company) {
  for (const Fields& entry : list_entries(root, "people", kMaxRoles)) {
    Role& role = in.roles[static_cast<int>(in.role_count)];
    company.role_names.push_back(entry.text("role"));
    role.loaded_usd_per_year =
        entry.quantity("loaded_cost_per_year", Dimension::kUsd, non_negative(1e8));
    double previous_month = -1;
    for (const Fields& step : list_entries(entry, "hiring", kMaxHiringSteps)) {
      const int k = static_cast<int>(role.step_count);
      role.step_month[k] = read_month(step, "month", horizon);
      if (role.step_month[k] <= previous_month)
        step.fail("month", "hiring steps must be in increasing months",
                  describe(step.node("month")));
      previous_month = role.step_month[k];
      role.step_headcount[k] =
          step.quantity("headcount", Dimension::kCount, {0, kMaxPeople, false, false});
      step.reject_unknown({"month", "headcount"});
      role.step_count += 1;
    }
    if (role.step_count == 0) entry.fail("hiring", "a role needs a hiring plan");
    entry.reject_unknown({"role", "loaded_cost_per_year", "hiring"});
    in.role_count += 1;
  }
}

// Copies every scalar under `overrides` onto the training scenario, reported at the company
// file's line, and remembers which company paths are quantities.
void apply_overrides(const Fields& overrides, const std::string& prefix, Document& scenario_doc,
                     std::vector<std::pair<std::string, std::string>>& applied) {
  for (const std::string& key : overrides.keys()) {
    const YAML::Node value = overrides.node(key);
    const std::string scenario_path = prefix.empty() ? key : prefix + "." + key;
    if (value.IsMap()) {
      apply_overrides(Fields(overrides.document(), value, overrides.key_path(key)), scenario_path,
                      scenario_doc, applied);
      continue;
    }
    scenario_doc.set(scenario_path, value, overrides.locate(key));
    applied.emplace_back(overrides.key_path(key), scenario_path);
  }
}

// The training scenario `entry` names (relative to the company file), with its `overrides:`.
Scenario load_run_scenario(const Fields& entry, const std::filesystem::path& directory,
                           const Catalog& catalog) {
  const std::string relative = entry.text("scenario");
  const std::filesystem::path path = directory / relative;
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error))
    entry.fail("scenario", "no such training scenario file", path.string());
  Document scenario_doc = Document::load_file(path.string());
  // Prices in the training scenario are read at the company's exchange rates.
  scenario_doc.use_exchange_rates(entry.document().exchange_rates(),
                                  entry.document().exchange_rate_year());
  std::vector<std::pair<std::string, std::string>> applied;
  if (const auto overrides = entry.optional_child("overrides"))
    apply_overrides(*overrides, "", scenario_doc, applied);
  Scenario scenario;
  try {
    scenario = load_scenario(scenario_doc, catalog);
  } catch (const InputError& e) {
    // An error about an overridden path names it as the company file has it.
    for (const auto& [company_path, scenario_path] : applied)
      if (e.key_path() == scenario_path)
        throw InputError(e.where(), company_path, e.problem(), e.got());
    throw;
  }
  for (const auto& [company_path, scenario_path] : applied) {
    const auto found = scenario_doc.quantity_paths().find(scenario_path);
    if (found != scenario_doc.quantity_paths().end())
      entry.document().note_quantity_path(company_path, found->second);
  }
  return scenario;
}

double read_pay(const Fields& entry) {
  const std::string pay =
      entry.choice("pay", {"cloud", "amortized", "purchase", "committed", "owned"}, "cloud");
  return pay == "cloud"       ? kPayCloud
         : pay == "amortized" ? kPayAmortized
         : pay == "purchase"  ? kPayPurchase
         : pay == "committed" ? kPayCommitted
                              : kPayOwned;
}

// A run `factor` times the compute of `base`, compute-optimally (Hoffmann et al. 2022: the
// parameters and the tokens each grow as the square root of the compute) and in the same time
// (the cluster grows with the compute).
TrainingInputs scaled_run(const TrainingInputs& base, double factor) {
  TrainingInputs in = base;
  const double root = std::sqrt(factor);
  in.params *= root;
  in.flop_params *= root;
  in.tokens *= root;
  in.checkpoint_bytes *= root;
  in.gpu_count = std::max(1.0, std::round(base.gpu_count * factor));
  return in;
}

// training_programme: a new run every `every_months` from `first_month`, each with the
// compute of the first times compute_growth_per_year to the power of the years since.
void read_programme(const Fields& root, double horizon, const Catalog& catalog,
                    const std::filesystem::path& directory, CompanyInputs& in, Company& company) {
  const auto programme = root.optional_child("training_programme");
  if (!programme) return;
  const double first = read_month(*programme, "first_month", horizon);
  const double every =
      programme->quantity("every_months", Dimension::kCount, positive_integer(kMaxMonths));
  // Epoch AI: frontier training compute has grown about 4-5x a year; cost about 2.4x.
  const double growth = programme->quantity("compute_growth_per_year", Dimension::kDimensionless,
                                            {0, 100, true, false});
  const double last =
      programme->has("last_month") ? read_month(*programme, "last_month", horizon) : horizon - 1;
  if (last < first)
    programme->fail("last_month", "must not be before first_month",
                    describe(programme->node("last_month")));
  const double pay = read_pay(*programme);
  const Scenario scenario = load_run_scenario(*programme, directory, catalog);
  const std::string name = programme->optional_text("name").value_or(scenario.name);
  const int runs = static_cast<int>(std::floor((last - first) / every)) + 1;
  if (in.run_count + runs > kMaxTrainingRuns)
    programme->fail("every_months",
                    fmt::format("the programme makes {} runs and the company may have {} in all",
                                runs, kMaxTrainingRuns),
                    describe(programme->node("every_months")));
  for (int k = 0; k < runs; ++k) {
    CompanyTrainingRun& run = in.runs[static_cast<int>(in.run_count)];
    run.month = first + k * every;
    run.pay = pay;
    run.training = scaled_run(scenario.inputs, std::pow(growth, k * every / 12.0));
    company.run_names.push_back(fmt::format("{} {}", name, k + 1));
    in.run_count += 1;
  }
  programme->reject_unknown({"name", "scenario", "overrides", "first_month", "every_months",
                             "compute_growth_per_year", "last_month", "pay"});
}

void read_training(const Fields& root, double horizon, const Catalog& catalog,
                   const std::filesystem::path& directory, CompanyInputs& in, Company& company) {
  for (const Fields& entry : list_entries(root, "training", kMaxTrainingRuns)) {
    CompanyTrainingRun& run = in.runs[static_cast<int>(in.run_count)];
    run.month = read_month(entry, "month", horizon);
    run.pay = read_pay(entry);
    const Scenario scenario = load_run_scenario(entry, directory, catalog);
    run.training = scenario.inputs;
    company.run_names.push_back(entry.optional_text("name").value_or(scenario.name));
    entry.reject_unknown({"name", "month", "scenario", "pay", "overrides"});
    in.run_count += 1;
  }
  read_programme(root, horizon, catalog, directory, in, company);
}

// compute_commitments: reserved GPUs paid monthly whether used or not.
void read_commitments(const Fields& root, double horizon, CompanyInputs& in, Company& company) {
  for (const Fields& entry : list_entries(root, "compute_commitments", kMaxCommitments)) {
    ComputeCommitment& c = in.commitments[static_cast<int>(in.commitment_count)];
    c.start_month = read_month(entry, "start_month", horizon);
    c.months = entry.quantity("months", Dimension::kCount, positive_integer(kMaxMonths));
    if (c.start_month + c.months > horizon)
      entry.fail("months",
                 fmt::format("the commitment runs past the horizon: month {:g} + {:g} months "
                             "> {:g}",
                             c.start_month, c.months, horizon),
                 describe(entry.node("months")));
    c.gpus = entry.quantity("gpus", Dimension::kCount, positive_integer(1e8));
    c.usd_per_gpu_hour = entry.quantity("price", Dimension::kUsdPerGpuHour, positive(1e4));
    c.for_serving = entry.choice("for", {"training", "serving"}, "training") == "serving" ? 1 : 0;
    company.commitment_names.push_back(entry.optional_text("name").value_or(
        fmt::format("commitment {}", company.commitment_names.size() + 1)));
    entry.reject_unknown({"name", "start_month", "months", "gpus", "price", "for"});
    in.commitment_count += 1;
  }
}

// owned_cluster: GPUs bought in a month, priced from the catalog (servers and network by the
// economics defaults, as the training model prices a purchased cluster), shared by the
// `pay: owned` runs and serving.
void read_cluster(const Fields& root, double horizon, const Catalog& catalog, CompanyInputs& in) {
  const auto f = root.optional_child("owned_cluster");
  if (!f) return;
  const GpuSpec& gpu = find_gpu(*f, "gpu", catalog);
  OwnedCluster& c = in.cluster;
  c.month = read_month(*f, "month", horizon);
  c.gpus = f->quantity("gpus", Dimension::kCount, positive_integer(1e8));
  const EconomicsDefaults& e = catalog.economics;
  const double factor = price_factor(in.compute_price_decline_per_year, c.month);
  const double gpu_price =
      f->optional_quantity("price", Dimension::kUsd, positive(1e7)).value_or(gpu.price->value);
  c.purchase_usd =
      c.gpus * gpu_price * factor * e.server_cost_factor.value * e.interconnect_cost_factor.value;
  c.depreciation_per_year = e.depreciation_per_year.value;
  // Energy per GPU-hour: its share of the server's power, at the average draw, with PUE.
  c.energy_usd_per_gpu_hour = gpu.server_power->value / gpu.gpus_per_server->value *
                              e.average_power_fraction.value * e.pue.value / 1000.0 *
                              e.electricity_usd_per_kwh.value;
  c.rent_usd_per_gpu_hour = gpu.cloud_price->value * factor;
  f->reject_unknown({"gpu", "month", "gpus", "price"});
}

// Every `pay: owned` run starts after the cluster is bought and fits in it.
void check_owned_runs(const Fields& root, const CompanyInputs& in) {
  const int listed = root.has("training") ? static_cast<int>(root.node("training").size()) : 0;
  for (int r = 0; r < static_cast<int>(in.run_count); ++r) {
    const CompanyTrainingRun& run = in.runs[r];
    if (run.pay != kPayOwned) continue;
    const std::string where = r < listed ? fmt::format("training[{}]", r) : "training_programme";
    auto fail = [&](const std::string& problem) {
      throw InputError(root.document().locate(root.document().find(where + ".pay"), where + ".pay"),
                       where + ".pay", problem, "owned");
    };
    if (in.cluster.gpus <= 0) fail("an owned run needs an owned_cluster");
    if (run.month < in.cluster.month)
      fail(fmt::format("the run starts in month {:g}, before the cluster is bought (month {:g})",
                       run.month, in.cluster.month));
    if (run.training.gpu_count > in.cluster.gpus)
      fail(fmt::format("the run needs {:g} GPUs and the owned cluster has {:g}",
                       run.training.gpu_count, in.cluster.gpus));
  }
}

// Every `pay: committed` run fits in the training commitments of each month it runs.
void check_committed_runs(const Fields& root, const CompanyInputs& in) {
  for (int r = 0; r < static_cast<int>(in.run_count); ++r) {
    const CompanyTrainingRun& run = in.runs[r];
    if (run.pay != kPayCommitted) continue;
    const RunCost cost = training_run_cost(run, in.compute_price_decline_per_year);
    for (double m = run.month; m < run.month + cost.months && m < in.horizon_months; ++m) {
      double reserved = 0;
      for (int k = 0; k < static_cast<int>(in.commitment_count); ++k)
        if (in.commitments[k].for_serving <= 0 && commitment_active(in.commitments[k], m))
          reserved += in.commitments[k].gpus;
      if (reserved < cost.gpus) {
        const std::string where =
            r < static_cast<int>(root.has("training") ? root.node("training").size() : 0)
                ? fmt::format("training[{}]", r)
                : "training_programme";
        throw InputError(
            root.document().locate(root.document().find(where + ".pay"), where + ".pay"),
            where + ".pay",
            fmt::format("a committed run of {:g} GPUs needs training commitments "
                        "that cover it; month {:g} has {:g} GPUs reserved",
                        cost.gpus, m, reserved),
            "committed");
      }
    }
  }
}

void read_data(const Fields& root, double horizon, const Catalog& catalog, CompanyInputs& in,
               Company& company) {
  for (const Fields& entry : list_entries(root, "data", kMaxDataPrograms)) {
    CompanyDataProgram& program = in.data[static_cast<int>(in.data_count)];
    program.month = read_month(entry, "month", horizon);
    program.months =
        entry.optional_quantity("months", Dimension::kCount, positive_integer(horizon)).value_or(1);
    company.data_names.push_back(entry.optional_text("name").value_or(
        fmt::format("data {}", company.data_names.size() + 1)));
    program.data = load_data_program(entry, {"name", "month", "months"}, catalog);
    in.data_count += 1;
  }
}

void read_serving(const Fields& root, const Catalog& catalog, CompanyInputs& in) {
  const auto serving = root.optional_child("serving");
  if (!serving) return;
  if (serving->has("own") == serving->has("third_party"))
    serving->fail("own", "serving needs exactly one of own: {...} or third_party: {...}");
  if (const auto own = serving->optional_child("own")) {
    in.serve = kServeOwnModel;
    in.serving = load_serving_section(*own, catalog);
  } else {
    const Fields third = serving->child("third_party");
    in.serve = kServeThirdParty;
    in.third_party_usd_per_million_tokens =
        third.quantity("price", Dimension::kUsdPerMillionTokens, non_negative(1e6));
    in.serving.prompt_tokens =
        third.quantity("prompt_tokens", Dimension::kCount, non_negative(1e7));
    in.serving.output_tokens =
        third.quantity("output_tokens", Dimension::kCount, non_negative(1e7));
    third.reject_unknown({"price", "prompt_tokens", "output_tokens"});
  }
  serving->reject_unknown({"own", "third_party"});
}

void read_revenue(const Fields& root, double horizon, const Catalog& catalog,
                  const std::filesystem::path& directory, CompanyInputs& in) {
  const Fields revenue = root.child_or_empty("revenue");
  const Bounds growth{-1.0, 10.0, true, false};  // -100% excluded; 1000% a month is absurd
  const Bounds fraction{0.0, 1.0, false, false};
  if (const auto f = revenue.optional_child("consumer")) {
    ConsumerRevenue& c = in.consumer;
    c.start_month = read_month(*f, "start_month", horizon);
    c.users_at_start = f->quantity("users_at_start", Dimension::kCount, non_negative(kMaxUsers));
    c.growth_per_month = f->quantity("growth_per_month", Dimension::kDimensionless, growth);
    c.max_users = f->quantity("max_users", Dimension::kCount, non_negative(kMaxUsers));
    c.paying_fraction = f->quantity("paying_fraction", Dimension::kDimensionless, fraction);
    c.usd_per_paying_user_per_month =
        f->quantity("price_per_month", Dimension::kUsd, non_negative(1e6));
    c.requests_per_user_per_day =
        f->quantity("requests_per_user_per_day", Dimension::kCount, non_negative(1e5));
    f->reject_unknown({"start_month", "users_at_start", "growth_per_month", "max_users",
                       "paying_fraction", "price_per_month", "requests_per_user_per_day"});
  }
  if (const auto f = revenue.optional_child("api")) {
    ApiRevenue& a = in.api;
    a.start_month = read_month(*f, "start_month", horizon);
    a.requests_per_day_at_start = f->quantity("requests_per_day_at_start", Dimension::kCount,
                                              non_negative(limits::kMaxRequestsPerDay));
    a.growth_per_month = f->quantity("growth_per_month", Dimension::kDimensionless, growth);
    a.max_requests_per_day = f->quantity("max_requests_per_day", Dimension::kCount,
                                         non_negative(limits::kMaxRequestsPerDay));
    a.usd_per_million_tokens =
        f->quantity("price", Dimension::kUsdPerMillionTokens, non_negative(1e6));
    f->reject_unknown({"start_month", "requests_per_day_at_start", "growth_per_month",
                       "max_requests_per_day", "price"});
  }
  if (const auto f = revenue.optional_child("enterprise")) {
    EnterpriseRevenue& e = in.enterprise;
    e.start_month = read_month(*f, "start_month", horizon);
    e.new_customers_per_month =
        f->quantity("new_customers_per_month", Dimension::kCount, non_negative(kMaxCustomers));
    e.sales_cycle_months =
        f->quantity("sales_cycle_months", Dimension::kCount, {0, horizon, false, false});
    e.usd_per_customer_per_year =
        f->quantity("contract_value_per_year", Dimension::kUsd, non_negative(kMaxUsd));
    e.churn_per_month = f->quantity("churn_per_month", Dimension::kDimensionless, fraction);
    e.max_customers = f->quantity("max_customers", Dimension::kCount, non_negative(kMaxCustomers));
    e.customization_usd_per_customer =
        f->optional_quantity("customization_cost", Dimension::kUsd, non_negative(kMaxUsd))
            .value_or(0);
    // A fine-tuning run per new customer, priced as a rented run by the core (experiments
    // included), on top of any fixed customisation cost.
    if (const auto run = f->optional_child("customization_run")) {
      const Scenario scenario = load_run_scenario(*run, directory, catalog);
      const TrainingOutputs out = evaluate_training(scenario.inputs);
      e.customization_run_usd_per_customer =
          out.cost_cloud_usd * std::max(1.0, scenario.inputs.development_multiplier);
      run->reject_unknown({"scenario", "overrides"});
    }
    e.requests_per_customer_per_day =
        f->optional_quantity("requests_per_customer_per_day", Dimension::kCount,
                             non_negative(limits::kMaxRequestsPerDay))
            .value_or(0);
    f->reject_unknown({"start_month", "new_customers_per_month", "sales_cycle_months",
                       "contract_value_per_year", "churn_per_month", "max_customers",
                       "customization_cost", "customization_run", "requests_per_customer_per_day"});
  }
  revenue.reject_unknown({"consumer", "api", "enterprise"});
  const bool has_demand = in.consumer.requests_per_user_per_day > 0 ||
                          in.api.requests_per_day_at_start > 0 ||
                          in.enterprise.requests_per_customer_per_day > 0;
  if (has_demand && !root.has("serving"))
    root.fail("serving",
              "revenue needs requests served: add serving: {own: ...} or "
              "serving: {third_party: ...}");
}

// The year whose average exchange rates convert the file's amounts in other currencies; the
// catalog's latest by default. Set on the document before any amount is read.
void read_exchange_rate_year(const Fields& root, const Catalog& catalog, Company& company) {
  const ExchangeRates& rates = catalog.exchange_rates;
  const int latest = rates.latest_year();
  company.exchange_rate_year = latest;
  if (root.has("exchange_rate_year")) {
    const double year =
        root.quantity("exchange_rate_year", Dimension::kCount, {1900, 2100, false, true});
    const bool known = std::any_of(rates.rates.begin(), rates.rates.end(),
                                   [&](const ExchangeRate& r) { return r.year == year; });
    if (!known)
      root.fail(
          "exchange_rate_year",
          fmt::format("the catalog has no exchange rates for that year ({})", rates.coverage()),
          describe(root.node("exchange_rate_year")));
    company.exchange_rate_year = static_cast<int>(year);
  }
  root.document().use_exchange_rates(&rates, company.exchange_rate_year);
}

}  // namespace

Company load_company_document(const Document& doc, const Catalog& catalog) {
  const Fields root(doc, doc.root(), "");
  Company company;
  company.file = doc.label();
  read_exchange_rate_year(root, catalog, company);
  // A claim file about a real company (kind: company) is a company file with claims, which
  // `llmbudget claims` reads.
  if (root.has("kind")) {
    root.choice("kind", {"company"}, "company");
    root.node("claims");
  }
  company.name = root.optional_text("name").value_or(doc.label());
  company.description = root.optional_text("description").value_or("");
  company.source = root.optional_text("source").value_or("");
  CompanyInputs& in = company.inputs;
  in.horizon_months =
      root.quantity("horizon_months", Dimension::kCount, {1, kMaxMonths, false, true});
  const double horizon = in.horizon_months;
  in.cash_at_start_usd =
      root.optional_quantity("cash_at_start", Dimension::kUsd, non_negative(kMaxUsd)).value_or(0);
  const Fields trends = root.child_or_empty("trends");
  in.compute_price_decline_per_year =
      trends.optional_quantity("compute_price_decline", Dimension::kRatePerYear, {-1, 10})
          .value_or(0);
  in.api_price_decline_per_year =
      trends.optional_quantity("api_price_decline", Dimension::kRatePerYear, {-1, 10}).value_or(0);
  trends.reject_unknown({"compute_price_decline", "api_price_decline"});
  const Fields other = root.child_or_empty("other_costs");
  in.other_usd_per_month =
      other.optional_quantity("per_month", Dimension::kUsd, non_negative(kMaxUsd)).value_or(0);
  in.other_usd_per_person_per_month =
      other.optional_quantity("per_person_per_month", Dimension::kUsd, non_negative(1e7))
          .value_or(0);
  other.reject_unknown({"per_month", "per_person_per_month"});

  const std::filesystem::path directory = std::filesystem::path(doc.label()).parent_path();
  read_funding(root, horizon, in, company);
  read_people(root, horizon, in, company);
  read_training(root, horizon, catalog, directory, in, company);
  read_commitments(root, horizon, in, company);
  check_committed_runs(root, in);
  read_cluster(root, horizon, catalog, in);
  check_owned_runs(root, in);
  read_data(root, horizon, catalog, in, company);
  read_serving(root, catalog, in);
  read_revenue(root, horizon, catalog, directory, in);
  root.reject_unknown({"name", "description", "source", "exchange_rate_year", "horizon_months",
                       "cash_at_start", "trends", "other_costs", "funding", "option_pool", "people",
                       "training", "training_programme", "compute_commitments", "owned_cluster",
                       "data", "serving", "revenue"});
  return company;
}

Company load_company_file(const std::string& path, const std::vector<std::string>& overrides,
                          const Catalog& catalog) {
  Document doc = Document::load_file(path);
  doc.apply_overrides(overrides);
  return load_uncertain_company(doc, catalog);
}

}  // namespace llmb
