// A startup as a monthly cash-flow model: funding rounds, people, training runs (each a
// training scenario from the core), data programs, serving on its own GPUs or a third party's
// API, and revenue from consumers, an API and enterprise contracts. One host+device function
// simulates a company month by month, so `compare` runs it once per scenario and its Monte
// Carlo runs it millions of times on CPU threads or a GPU.
//
// Every input is a double (counts, months and switches included) so that CompanyInputs is one
// array of doubles that random draws address field by field, as sweeps do TrainingInputs.
// Demand and revenue are expected values (fractional customers), not simulated events.
#pragma once

#include <cmath>

#include "kernels/data_cost.h"
#include "kernels/hd.h"
#include "kernels/serving.h"
#include "kernels/training_run.h"

namespace llmb {

inline constexpr int kMaxMonths = 240;
inline constexpr int kMaxFundingRounds = 8;
inline constexpr int kMaxRoles = 8;
inline constexpr int kMaxHiringSteps = 8;
inline constexpr int kMaxTrainingRuns = 16;  // a programme of a run a year over 15 years
inline constexpr int kMaxCommitments = 4;
inline constexpr int kMaxDataPrograms = 4;

// A month is a twelfth of the 365-day year the training model uses.
inline constexpr double kDaysPerMonth = 365.0 / 12.0;
inline constexpr double kSecondsPerMonth = kSecondsPerYear / 12.0;

// How a training run is paid for.
inline constexpr double kPayCloud = 0;      // rented GPU-hours
inline constexpr double kPayAmortized = 1;  // value the owned cluster loses, plus energy
inline constexpr double kPayPurchase = 2;   // the cluster bought when the run starts, plus energy
inline constexpr double kPayCommitted = 3;  // on a training commitment, already paid for
inline constexpr double kPayOwned = 4;      // on the company's own cluster: energy only

// How requests are served.
inline constexpr double kServeOwnModel = 0;    // on GPUs, sized by the serving model
inline constexpr double kServeThirdParty = 1;  // through someone else's API, paid per token

struct FundingRound {
  double month = 0;
  double usd = 0;
  double pre_money_usd = 0;      // the valuation before the money; 0 for an unpriced round
  double option_pool_after = 0;  // option pool topped up to this share of the post-money
};

// A role's headcount is a step function: from step_month[k] on, step_headcount[k] people.
struct Role {
  double loaded_usd_per_year = 0;  // salary, benefits, payroll taxes, equity refresh in cash
  double step_count = 0;
  double step_month[kMaxHiringSteps] = {};
  double step_headcount[kMaxHiringSteps] = {};
};

// A training run: the core's scenario, with the experiments around it. Its cost, experiments
// included, is spread evenly over the months its compute takes on its cluster.
struct CompanyTrainingRun {
  double month = 0;  // when the experiments start
  double pay = kPayCloud;
  TrainingInputs training;  // development_multiplier counts the experiments
};

// Reserved compute: `gpus` GPUs at a fixed price per GPU-hour for `months` months from
// `start_month`, paid every month whether used or not. A serving commitment serves requests
// first (GPUs beyond it are rented on demand); a training commitment runs the `pay: committed`
// runs.
struct ComputeCommitment {
  double start_month = 0;
  double months = 0;
  double gpus = 0;
  double usd_per_gpu_hour = 0;
  double for_serving = 0;  // 1: serving, 0: training
};

// A cluster the company buys and shares: its `pay: owned` runs train on it, and the GPUs they
// leave free serve requests (energy only) before any GPU is reserved or rented.
struct OwnedCluster {
  double gpus = 0;  // 0: none
  double month = 0;
  double purchase_usd = 0;  // GPUs, servers and network, at the month's prices
  double depreciation_per_year = 0;
  double energy_usd_per_gpu_hour = 0;  // server power x average draw x PUE x electricity
  double rent_usd_per_gpu_hour = 0;    // what the same GPUs rent for, for rent or buy
};

struct CompanyDataProgram {
  double month = 0;   // first month
  double months = 1;  // spread over this many months
  DataInputs data;
};

struct ConsumerRevenue {
  double start_month = 0;
  double users_at_start = 0;  // monthly active users in the start month
  double growth_per_month = 0;
  double max_users = 0;
  double paying_fraction = 0;
  double usd_per_paying_user_per_month = 0;
  double requests_per_user_per_day = 0;
};

struct ApiRevenue {
  double start_month = 0;
  double requests_per_day_at_start = 0;
  double growth_per_month = 0;
  double max_requests_per_day = 0;
  double usd_per_million_tokens = 0;  // prompt and output tokens alike, at the start month
};

// Enterprise contracts: deals signed each month start paying after the sales cycle; each new
// customer costs a customisation (a fine-tuning run, integration work); exclusive deals cap
// the number of customers in the segment.
struct EnterpriseRevenue {
  double start_month = 0;  // first month deals are pursued
  double new_customers_per_month = 0;
  double sales_cycle_months = 0;
  double usd_per_customer_per_year = 0;  // annual contract value
  double churn_per_month = 0;
  double max_customers = 0;
  double customization_usd_per_customer = 0;      // integration and evaluation work
  double customization_run_usd_per_customer = 0;  // a fine-tuning run, priced by the core
  double requests_per_customer_per_day = 0;
};

struct CompanyInputs {
  double horizon_months = 0;
  double cash_at_start_usd = 0;
  // Price trends, continuous rates per year: compute (GPU-hours, GPU prices) and API prices
  // for equal capability, both the API the company sells and the one it buys.
  double compute_price_decline_per_year = 0;
  double api_price_decline_per_year = 0;
  double other_usd_per_month = 0;             // rent, tools, legal: fixed
  double other_usd_per_person_per_month = 0;  // per head
  double round_count = 0;
  FundingRound rounds[kMaxFundingRounds];
  double option_pool_at_start = 0;  // share of the company reserved for employees at founding
  double role_count = 0;
  Role roles[kMaxRoles];
  double run_count = 0;
  CompanyTrainingRun runs[kMaxTrainingRuns];
  double commitment_count = 0;
  ComputeCommitment commitments[kMaxCommitments];
  OwnedCluster cluster;
  double data_count = 0;
  CompanyDataProgram data[kMaxDataPrograms];
  double serve = kServeOwnModel;
  ServingInputs serving;                          // own model: GPUs from demand
  double third_party_usd_per_million_tokens = 0;  // third party: price at month 0
  ConsumerRevenue consumer;
  ApiRevenue api;
  EnterpriseRevenue enterprise;
};

// One month of the company, in dollars unless named otherwise.
struct CompanyMonth {
  double month = 0;
  double funding_usd = 0;
  double revenue_consumer_usd = 0;
  double revenue_api_usd = 0;
  double revenue_enterprise_usd = 0;
  double revenue_usd = 0;
  double cost_people_usd = 0;
  double cost_training_usd = 0;  // training commitments included
  double cost_serving_usd = 0;  // own GPUs (serving commitments included), or the third party's API
  double cost_data_usd = 0;
  double cost_customization_usd = 0;
  double cost_other_usd = 0;
  double costs_usd = 0;
  double burn_usd = 0;      // costs minus revenue
  double gross_margin = 0;  // (revenue - cost of revenue) / revenue; NaN without revenue
  double cash_usd = 0;      // at the end of the month
  double headcount = 0;
  double training_gpus = 0;
  double serving_gpus = 0;
  double users = 0;
  double paying_users = 0;
  double customers = 0;  // enterprise contracts
  double requests_per_day = 0;
  double committed_gpus = 0;      // reserved this month, training and serving
  double committed_idle_usd = 0;  // paid for reserved GPUs that ran nothing this month
  double cost_cluster_usd = 0;    // the owned cluster's purchase, in the month it is bought
  double owned_gpus_busy = 0;     // of the owned cluster, training or serving this month
};

inline constexpr int kCompanyMonthFields = sizeof(CompanyMonth) / sizeof(double);

// What an investor reads off the monthly table.
struct CompanyOutcome {
  // The lowest point of cumulative operating cash flow: the funding needed to get through the
  // horizon (and to break-even, if it comes), whatever the rounds.
  double funding_needed_usd = 0;
  // First month from which operating cash flow stays at or above zero to the horizon's end;
  // -1 when it never does.
  double break_even_month = -1;
  // Months until cash, with the rounds as planned, first falls below zero; the horizon when
  // it never does.
  double runway_months = 0;
  double runs_out_before_break_even = 0;  // 1 or 0
  double cash_at_end_usd = 0;
  double revenue_at_end_usd_per_month = 0;
  double gross_margin_at_month_24 = 0;  // NaN when there is no revenue then
  double customers_at_end = 0;
  double spend_people_usd = 0;
  double spend_training_usd = 0;
  double spend_serving_usd = 0;
  double spend_data_usd = 0;
  double spend_customization_usd = 0;
  double spend_other_usd = 0;
  double spend_cluster_usd = 0;
  double revenue_total_usd = 0;
  double committed_idle_usd = 0;  // paid over the horizon for reserved GPUs left idle
  // What the clusters bought by `pay: purchase` runs are still worth at the horizon's end,
  // depreciated as the training model does; not counted in cash.
  double residual_value_usd = 0;
};

inline constexpr int kCompanyOutcomeFields = sizeof(CompanyOutcome) / sizeof(double);

// Price factor after `months` at a continuous decline rate per year.
LLMB_HD inline double price_factor(double decline_per_year, double month) {
  return exp(-decline_per_year * month / 12.0);
}

LLMB_HD inline double headcount_of(const Role& role, double month) {
  double people = 0;
  for (int k = 0; k < static_cast<int>(role.step_count); ++k)
    if (role.step_month[k] <= month) people = role.step_headcount[k];
  return people;
}

// Demand that grows geometrically from its start month up to a ceiling; zero before.
LLMB_HD inline double grown(double at_start, double growth_per_month, double ceiling,
                            double start_month, double month) {
  if (month < start_month) return 0;
  const double value = at_start * pow(1.0 + growth_per_month, month - start_month);
  return value < ceiling ? value : ceiling;
}

// A training run's cash cost and how long its compute occupies its cluster, at the compute
// prices of its start month.
struct RunCost {
  double upfront_usd = 0;  // paid in the start month: a purchased cluster
  double spread_usd = 0;   // paid evenly over `months`
  double months = 1;
  double gpus = 0;
};

LLMB_HD inline RunCost training_run_cost(const CompanyTrainingRun& run,
                                         double compute_price_decline_per_year) {
  TrainingInputs in = run.training;
  const double factor = price_factor(compute_price_decline_per_year, run.month);
  in.cloud_usd_per_gpu_hour *= factor;
  in.gpu_price_usd *= factor;
  const TrainingOutputs out = evaluate_training(in);
  const double experiments = in.development_multiplier > 0 ? in.development_multiplier : 1.0;
  RunCost cost;
  if (run.pay == kPayCommitted) {
    cost.spread_usd = 0;  // the commitment's monthly fee pays for it
  } else if (run.pay == kPayOwned) {
    cost.spread_usd = out.cost_energy_usd * experiments;  // the cluster is already bought
  } else if (run.pay == kPayCloud) {
    cost.spread_usd = out.cost_cloud_usd * experiments;
  } else if (run.pay == kPayAmortized) {
    cost.spread_usd = out.cost_amortized_usd * experiments;
  } else {
    cost.upfront_usd = out.cost_purchase_cluster_usd;
    cost.spread_usd = out.cost_energy_usd * experiments;
  }
  const double months = ceil(out.wall_s * experiments / kSecondsPerMonth);
  cost.months = months > 1 ? months : 1;
  cost.gpus = in.gpu_count;
  return cost;
}

// Hours in a month, for GPU-hour prices.
inline constexpr double kHoursPerMonth = kDaysPerMonth * 24.0;

LLMB_HD inline bool commitment_active(const ComputeCommitment& c, double month) {
  return month >= c.start_month && month < c.start_month + c.months;
}

// Rent or buy a cluster for `years`: owning costs its price less what it is worth at the end
// (continuous depreciation) plus energy for the hours it runs; renting costs the hours it runs
// at the rental price. Owning is cheaper above the utilisation (fraction of the period's
// GPU-hours used) where the two meet. NaN when renting is never dearer (rent at or below
// energy per hour).
struct RentOrBuy {
  double utilization = 0;      // of the owned cluster over the period, as planned
  double cost_owned_usd = 0;   // at that utilisation
  double cost_rented_usd = 0;  // the same GPU-hours rented
  double break_even_utilization = 0;
};

LLMB_HD inline RentOrBuy rent_or_buy(double purchase_usd, double depreciation_per_year,
                                     double years, double gpus, double used_gpu_hours,
                                     double rent_usd_per_gpu_hour, double energy_usd_per_gpu_hour) {
  RentOrBuy r;
  const double hours = years * kSecondsPerYear / 3600.0 * gpus;
  const double capital = purchase_usd * (1.0 - exp(-depreciation_per_year * years));
  r.utilization = hours > 0 ? used_gpu_hours / hours : 0;
  r.cost_owned_usd = capital + used_gpu_hours * energy_usd_per_gpu_hour;
  r.cost_rented_usd = used_gpu_hours * rent_usd_per_gpu_hour;
  const double saved_per_hour = rent_usd_per_gpu_hour - energy_usd_per_gpu_hour;
  r.break_even_utilization =
      saved_per_hour > 0 && hours > 0 ? capital / (hours * saved_per_hour) : NAN;
  return r;
}

// Simulates the company month by month. Writes horizon_months rows to `months` when it is not
// null; returns the outcome either way.
LLMB_HD inline CompanyOutcome simulate_company(const CompanyInputs& in, CompanyMonth* months) {
  CompanyOutcome outcome;
  const int horizon = static_cast<int>(in.horizon_months);
  const int run_count = static_cast<int>(in.run_count);
  RunCost runs[kMaxTrainingRuns];
  for (int r = 0; r < run_count; ++r)
    runs[r] = training_run_cost(in.runs[r], in.compute_price_decline_per_year);
  double data_usd_per_month[kMaxDataPrograms];
  for (int d = 0; d < static_cast<int>(in.data_count); ++d)
    data_usd_per_month[d] = data_cost(in.data[d].data).total_usd / in.data[d].months;
  const double tokens_per_request = in.serving.prompt_tokens + in.serving.output_tokens;

  double cash = in.cash_at_start_usd;
  double cumulative_flow = 0;  // operating cash flow, funding excluded
  double lowest_flow = 0;
  double customers = 0;
  double last_negative_flow_month = -1;
  bool ran_out = false;
  double ran_out_month = -1;
  outcome.gross_margin_at_month_24 = NAN;

  for (int m = 0; m < horizon; ++m) {
    const double month = m;
    CompanyMonth row;
    row.month = month;
    for (int k = 0; k < static_cast<int>(in.round_count); ++k)
      if (in.rounds[k].month == month) row.funding_usd += in.rounds[k].usd;

    // People and overheads.
    for (int k = 0; k < static_cast<int>(in.role_count); ++k) {
      const double people = headcount_of(in.roles[k], month);
      row.headcount += people;
      row.cost_people_usd += people * in.roles[k].loaded_usd_per_year / 12.0;
    }
    row.cost_other_usd = in.other_usd_per_month + in.other_usd_per_person_per_month * row.headcount;

    // Training runs and data programs, spread over their months.
    for (int r = 0; r < run_count; ++r) {
      const double start = in.runs[r].month;
      if (!(month >= start && month < start + runs[r].months)) continue;
      row.training_gpus += runs[r].gpus;
      row.cost_training_usd += runs[r].spread_usd / runs[r].months;
      if (month == start) row.cost_training_usd += runs[r].upfront_usd;
    }
    for (int d = 0; d < static_cast<int>(in.data_count); ++d)
      if (month >= in.data[d].month && month < in.data[d].month + in.data[d].months)
        row.cost_data_usd += data_usd_per_month[d];

    // The owned cluster: bought in its month; its own runs use it first.
    const OwnedCluster& cl = in.cluster;
    const bool owned = cl.gpus > 0 && month >= cl.month;
    if (cl.gpus > 0 && month == cl.month) row.cost_cluster_usd = cl.purchase_usd;
    if (owned)
      for (int r = 0; r < run_count; ++r) {
        const double start = in.runs[r].month;
        if (in.runs[r].pay == kPayOwned && month >= start && month < start + runs[r].months)
          row.owned_gpus_busy += runs[r].gpus;
      }

    // Reserved compute: paid in full every month it runs. Training commitments are used by the
    // committed runs active this month.
    double committed_serving_gpus = 0;
    double committed_training_gpus = 0;
    for (int k = 0; k < static_cast<int>(in.commitment_count); ++k) {
      const ComputeCommitment& c = in.commitments[k];
      if (!commitment_active(c, month)) continue;
      const double fee = c.gpus * c.usd_per_gpu_hour * kHoursPerMonth;
      row.committed_gpus += c.gpus;
      if (c.for_serving > 0) {
        committed_serving_gpus += c.gpus;
        row.cost_serving_usd += fee;
      } else {
        committed_training_gpus += c.gpus;
        row.cost_training_usd += fee;
      }
    }
    if (committed_training_gpus > 0) {
      double used = 0;
      for (int r = 0; r < run_count; ++r) {
        const double start = in.runs[r].month;
        if (in.runs[r].pay == kPayCommitted && month >= start && month < start + runs[r].months)
          used += runs[r].gpus;
      }
      const double idle = committed_training_gpus - used;
      if (idle > 0) {
        // The idle share of the fees, at their average price per GPU-hour.
        double fees = 0;
        for (int k = 0; k < static_cast<int>(in.commitment_count); ++k) {
          const ComputeCommitment& c = in.commitments[k];
          if (commitment_active(c, month) && c.for_serving <= 0)
            fees += c.gpus * c.usd_per_gpu_hour * kHoursPerMonth;
        }
        row.committed_idle_usd += fees * idle / committed_training_gpus;
      }
    }

    // Customers and users.
    const EnterpriseRevenue& e = in.enterprise;
    double new_customers = 0;
    if (month >= e.start_month + e.sales_cycle_months && e.new_customers_per_month > 0) {
      const double room = e.max_customers - customers * (1.0 - e.churn_per_month);
      new_customers = e.new_customers_per_month < room ? e.new_customers_per_month : room;
      if (new_customers < 0) new_customers = 0;
    }
    customers = customers * (1.0 - e.churn_per_month) + new_customers;
    row.customers = customers;
    row.cost_customization_usd =
        new_customers * (e.customization_usd_per_customer + e.customization_run_usd_per_customer);
    row.revenue_enterprise_usd = customers * e.usd_per_customer_per_year / 12.0;

    const ConsumerRevenue& c = in.consumer;
    row.users = grown(c.users_at_start, c.growth_per_month, c.max_users, c.start_month, month);
    row.paying_users = row.users * c.paying_fraction;
    row.revenue_consumer_usd = row.paying_users * c.usd_per_paying_user_per_month;

    const ApiRevenue& a = in.api;
    const double api_requests = grown(a.requests_per_day_at_start, a.growth_per_month,
                                      a.max_requests_per_day, a.start_month, month);
    const double api_price =
        a.usd_per_million_tokens * price_factor(in.api_price_decline_per_year, month);
    row.revenue_api_usd = api_requests * tokens_per_request * kDaysPerMonth * api_price / 1e6;

    // Serving every request, on the company's GPUs or through a third party's API.
    row.requests_per_day = api_requests + row.users * c.requests_per_user_per_day +
                           customers * e.requests_per_customer_per_day;
    if (row.requests_per_day > 0) {
      if (in.serve == kServeThirdParty) {
        const double price = in.third_party_usd_per_million_tokens *
                             price_factor(in.api_price_decline_per_year, month);
        row.cost_serving_usd +=
            row.requests_per_day * tokens_per_request * kDaysPerMonth * price / 1e6;
      } else {
        ServingInputs serving = in.serving;
        serving.usd_per_gpu_hour *= price_factor(in.compute_price_decline_per_year, month);
        const ServingCost cost = serving_cost(serving, row.requests_per_day);
        row.serving_gpus = cost.gpus;
        // The owned cluster's free GPUs serve first (energy only), then the committed ones;
        // only the rest is rented on demand.
        double on_owned = 0;
        if (owned && cl.gpus > row.owned_gpus_busy) {
          const double free_gpus = cl.gpus - row.owned_gpus_busy;
          on_owned = cost.gpus < free_gpus ? cost.gpus : free_gpus;
          row.owned_gpus_busy += on_owned;
          row.cost_serving_usd += on_owned * cl.energy_usd_per_gpu_hour * kHoursPerMonth;
        }
        const double rented = cost.gpus - on_owned - committed_serving_gpus;
        if (rented > 0)
          row.cost_serving_usd += cost.usd_per_day * kDaysPerMonth * rented / cost.gpus;
      }
    }
    if (committed_serving_gpus > row.serving_gpus) {
      double fees = 0;
      for (int k = 0; k < static_cast<int>(in.commitment_count); ++k) {
        const ComputeCommitment& commitment = in.commitments[k];
        if (commitment_active(commitment, month) && commitment.for_serving > 0)
          fees += commitment.gpus * commitment.usd_per_gpu_hour * kHoursPerMonth;
      }
      row.committed_idle_usd +=
          fees * (committed_serving_gpus - row.serving_gpus) / committed_serving_gpus;
    }

    row.revenue_usd = row.revenue_consumer_usd + row.revenue_api_usd + row.revenue_enterprise_usd;
    row.costs_usd = row.cost_people_usd + row.cost_training_usd + row.cost_serving_usd +
                    row.cost_data_usd + row.cost_customization_usd + row.cost_other_usd +
                    row.cost_cluster_usd;
    row.burn_usd = row.costs_usd - row.revenue_usd;
    const double cost_of_revenue = row.cost_serving_usd + row.cost_customization_usd;
    row.gross_margin =
        row.revenue_usd > 0 ? (row.revenue_usd - cost_of_revenue) / row.revenue_usd : NAN;
    cash += row.funding_usd - row.burn_usd;
    row.cash_usd = cash;

    cumulative_flow -= row.burn_usd;
    if (cumulative_flow < lowest_flow) lowest_flow = cumulative_flow;
    if (row.burn_usd > 0) last_negative_flow_month = month;
    if (cash < 0 && !ran_out) {
      ran_out = true;
      ran_out_month = month;
    }
    if (m == 24) outcome.gross_margin_at_month_24 = row.gross_margin;
    outcome.spend_people_usd += row.cost_people_usd;
    outcome.spend_training_usd += row.cost_training_usd;
    outcome.spend_serving_usd += row.cost_serving_usd;
    outcome.spend_data_usd += row.cost_data_usd;
    outcome.spend_customization_usd += row.cost_customization_usd;
    outcome.spend_other_usd += row.cost_other_usd;
    outcome.spend_cluster_usd += row.cost_cluster_usd;
    outcome.revenue_total_usd += row.revenue_usd;
    outcome.committed_idle_usd += row.committed_idle_usd;
    outcome.revenue_at_end_usd_per_month = row.revenue_usd;
    if (months) months[m] = row;
  }

  outcome.funding_needed_usd = -lowest_flow;
  outcome.break_even_month =
      last_negative_flow_month + 1 < horizon ? last_negative_flow_month + 1 : -1;
  outcome.runway_months = ran_out ? ran_out_month : in.horizon_months;
  outcome.runs_out_before_break_even =
      ran_out && (outcome.break_even_month < 0 || ran_out_month < outcome.break_even_month) ? 1.0
                                                                                            : 0.0;
  outcome.cash_at_end_usd = cash;
  outcome.customers_at_end = customers;
  if (in.cluster.gpus > 0)
    outcome.residual_value_usd +=
        in.cluster.purchase_usd *
        exp(-in.cluster.depreciation_per_year * (in.horizon_months - in.cluster.month) / 12.0);
  for (int r = 0; r < run_count; ++r)
    if (in.runs[r].pay == kPayPurchase) {
      const double years = (in.horizon_months - in.runs[r].month) / 12.0;
      outcome.residual_value_usd +=
          runs[r].upfront_usd * exp(-in.runs[r].training.depreciation_per_year * years);
    }
  return outcome;
}

// Months a company survives on `raise_usd` raised at month 0 and nothing else: the first month
// its cumulative operating cash flow falls below -raise; the horizon when it never does.
// Needs the monthly table, as `compare --raise` does.
inline double runway_for_raise(const CompanyMonth* months, int horizon, double raise_usd) {
  double flow = 0;
  for (int m = 0; m < horizon; ++m) {
    flow -= months[m].burn_usd;
    if (flow + raise_usd < 0) return m;
  }
  return horizon;
}

}  // namespace llmb
