#include "sim/company/simulated_company.h"

#include "kernels/training_run.h"

namespace llmb {

SimulatedCompany simulate(const Company& company) {
  SimulatedCompany s{company, {}, {}, {}, {}, {}, {}, {}};
  const int horizon = static_cast<int>(company.inputs.horizon_months);
  s.months.resize(static_cast<std::size_t>(horizon));
  s.outcome = simulate_company(company.inputs, s.months.data());
  s.investor_months.resize(s.months.size());
  investor_months(s.months.data(), horizon, s.investor_months.data());
  s.quarters.resize(s.months.size() / 3);
  investor_quarters(s.months.data(), horizon, s.quarters.data());
  if (company.priced_rounds > 0) {
    s.cap_table.resize(static_cast<std::size_t>(company.inputs.round_count));
    cap_table(company.inputs, s.cap_table.data());
  }
  const CompanyInputs& in = company.inputs;
  // Rent or buy for the owned cluster: its GPU-hours busy (training and serving) to the horizon.
  if (in.cluster.gpus > 0) {
    double busy_gpu_hours = 0;
    for (const CompanyMonth& m : s.months) busy_gpu_hours += m.owned_gpus_busy * kHoursPerMonth;
    RunRentOrBuy row;
    row.run = "the owned cluster (its runs and serving)";
    row.gpus = in.cluster.gpus;
    row.result =
        rent_or_buy(in.cluster.purchase_usd, in.cluster.depreciation_per_year,
                    (in.horizon_months - in.cluster.month) / 12.0, in.cluster.gpus, busy_gpu_hours,
                    in.cluster.rent_usd_per_gpu_hour, in.cluster.energy_usd_per_gpu_hour);
    s.rent_or_buy.push_back(row);
  }
  // Rent or buy for each run on a cluster of its own, from its start to the horizon's end.
  for (int r = 0; r < static_cast<int>(in.run_count); ++r) {
    const CompanyTrainingRun& run = in.runs[r];
    if (run.pay != kPayPurchase && run.pay != kPayAmortized) continue;
    TrainingInputs t = run.training;
    const double factor = price_factor(in.compute_price_decline_per_year, run.month);
    t.cloud_usd_per_gpu_hour *= factor;
    t.gpu_price_usd *= factor;
    const TrainingOutputs out = evaluate_training(t);
    const double experiments = t.development_multiplier > 0 ? t.development_multiplier : 1.0;
    const double used = out.gpu_hours * experiments;
    RunRentOrBuy row;
    row.run = company.run_names[static_cast<std::size_t>(r)];
    row.gpus = t.gpu_count;
    row.result = rent_or_buy(out.cost_purchase_cluster_usd, t.depreciation_per_year,
                             (in.horizon_months - run.month) / 12.0, t.gpu_count, used,
                             t.cloud_usd_per_gpu_hour,
                             out.gpu_hours > 0 ? out.cost_energy_usd / out.gpu_hours : 0);
    s.rent_or_buy.push_back(row);
  }
  return s;
}

}  // namespace llmb
