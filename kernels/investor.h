// What an investor reads off a company's monthly table besides its cash: the cap table after
// each priced round, annualised revenue, the burn multiple by quarter, runway at the recent
// burn, whether the company is default alive, and how long until it must raise again. Plain
// doubles, host and device alike; computed from the rows simulate_company() writes, so the
// Monte Carlo's hot loop stays as it is.
#pragma once

#include <cmath>

#include "kernels/company.h"
#include "kernels/hd.h"

namespace llmb {

// Ownership after a round, as fractions of the fully diluted company.
struct CapTableRow {
  double pre_money_usd = 0;
  double post_money_usd = 0;
  double founders = 0;
  double option_pool = 0;
  double investors[kMaxFundingRounds] = {};  // by round, earlier rounds diluted
};

// A priced round: its investors buy amount / post-money of the company, and every earlier
// holder keeps its share times pre / post. A round that tops the option pool up to a target
// share of the post-money company takes the shares from the earlier holders, not from the
// new investors (the "option pool shuffle", Venture Deals, Feld and Mendelson, ch. 5).
// `rounds[k]` must have a positive pre-money valuation; returns the table after round k.
LLMB_HD inline void cap_table(const CompanyInputs& in, CapTableRow* rows) {
  double founders = 1.0 - in.option_pool_at_start;
  double pool = in.option_pool_at_start;
  double investors[kMaxFundingRounds] = {};
  const int count = static_cast<int>(in.round_count);
  for (int k = 0; k < count; ++k) {
    const FundingRound& round = in.rounds[k];
    const double post = round.pre_money_usd + round.usd;
    const double kept = round.pre_money_usd / post;
    founders *= kept;
    pool *= kept;
    for (int j = 0; j < k; ++j) investors[j] *= kept;
    investors[k] = round.usd / post;
    if (round.option_pool_after > pool) {
      // The earlier holders other than the pool give up the shares the top-up needs.
      const double others = 1.0 - investors[k] - pool;
      const double scale = (1.0 - investors[k] - round.option_pool_after) / others;
      founders *= scale;
      for (int j = 0; j < k; ++j) investors[j] *= scale;
      pool = round.option_pool_after;
    }
    CapTableRow& row = rows[k];
    row.pre_money_usd = round.pre_money_usd;
    row.post_money_usd = post;
    row.founders = founders;
    row.option_pool = pool;
    for (int j = 0; j < kMaxFundingRounds; ++j) row.investors[j] = j <= k ? investors[j] : 0;
  }
}

// Months of history the recent-trend metrics average over: a quarter.
inline constexpr int kTrailingMonths = 3;

struct InvestorMonth {
  double arr_usd = 0;          // annualised run rate: this month's revenue x 12
  double arr_growth = NAN;     // over the last 12 months; NaN before month 12 or from zero
  double net_burn_usd = 0;     // mean burn over the last 3 months (fewer at the start)
  double runway_months = 0;    // cash / that burn; infinite when not burning
  double default_alive = 0;    // 1 or 0, after Graham 2015
  double months_to_raise = 0;  // until cash runs out with no further round; infinite if never
};

// Default alive (Paul Graham, "Default Alive or Default Dead?", 2015): with costs as they are
// now and revenue growing as it has over the last 3 months, does revenue reach costs before
// the cash runs out? Projected month by month for at most kMaxMonths.
LLMB_HD inline double is_default_alive(const CompanyMonth* months, int m) {
  const CompanyMonth& now = months[m];
  if (now.burn_usd <= 0) return 1;
  if (!(now.revenue_usd > 0) || m < kTrailingMonths) return 0;
  const double earlier = months[m - kTrailingMonths].revenue_usd;
  if (!(earlier > 0)) return 0;
  const double growth = pow(now.revenue_usd / earlier, 1.0 / kTrailingMonths);
  if (!(growth > 1)) return 0;
  double cash = now.cash_usd;
  double revenue = now.revenue_usd;
  for (int k = 1; k <= kMaxMonths; ++k) {
    revenue *= growth;
    if (revenue >= now.costs_usd) return 1;
    cash -= now.costs_usd - revenue;
    if (cash < 0) return 0;
  }
  return 0;
}

LLMB_HD inline void investor_months(const CompanyMonth* months, int horizon, InvestorMonth* out) {
  for (int m = 0; m < horizon; ++m) {
    InvestorMonth& row = out[m];
    row.arr_usd = 12.0 * months[m].revenue_usd;
    if (m >= 12 && months[m - 12].revenue_usd > 0)
      row.arr_growth = months[m].revenue_usd / months[m - 12].revenue_usd - 1.0;
    const int first = m >= kTrailingMonths - 1 ? m - (kTrailingMonths - 1) : 0;
    double burn = 0;
    for (int k = first; k <= m; ++k) burn += months[k].burn_usd;
    row.net_burn_usd = burn / (m - first + 1);
    row.runway_months = row.net_burn_usd > 0 ? months[m].cash_usd / row.net_burn_usd : HUGE_VAL;
    row.default_alive = is_default_alive(months, m);
    // The plan's own burn from here on, without the rounds still to come.
    double cash = months[m].cash_usd;
    row.months_to_raise = HUGE_VAL;
    for (int k = m + 1; k < horizon; ++k) {
      cash -= months[k].burn_usd;
      if (cash < 0) {
        row.months_to_raise = k - m;
        break;
      }
    }
  }
}

// The burn multiple (David Sacks, "The Burn Multiple", 2020): net burn over a quarter divided
// by the ARR added in it. Below 1 is excellent, above 3 suspect. NaN when the quarter adds no
// ARR while burning; 0 when it does not burn.
struct InvestorQuarter {
  double quarter = 0;  // 0 for months 0-2
  double net_burn_usd = 0;
  double arr_end_usd = 0;
  double net_new_arr_usd = 0;
  double burn_multiple = 0;
};

LLMB_HD inline int investor_quarters(const CompanyMonth* months, int horizon,
                                     InvestorQuarter* out) {
  const int quarters = horizon / 3;
  double arr_before = 0;
  for (int q = 0; q < quarters; ++q) {
    InvestorQuarter& row = out[q];
    row.quarter = q;
    for (int k = 3 * q; k < 3 * q + 3; ++k) row.net_burn_usd += months[k].burn_usd;
    row.arr_end_usd = 12.0 * months[3 * q + 2].revenue_usd;
    row.net_new_arr_usd = row.arr_end_usd - arr_before;
    arr_before = row.arr_end_usd;
    if (!(row.net_burn_usd > 0))
      row.burn_multiple = 0;
    else
      row.burn_multiple = row.net_new_arr_usd > 0 ? row.net_burn_usd / row.net_new_arr_usd : NAN;
  }
  return quarters;
}

}  // namespace llmb
