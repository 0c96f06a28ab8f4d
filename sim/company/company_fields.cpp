#include "sim/company/company_fields.h"

#include <array>
#include <cctype>
#include <string>

namespace llmb {

namespace {

using M = CompanyMonth;
using D = Dimension;

const std::array kMonthFields{
    CompanyMonthField{"month", D::kCount, &member_value<M, &M::month>, "month"},
    CompanyMonthField{"funding_usd", D::kUsd, &member_value<M, &M::funding_usd>, "funding raised"},
    CompanyMonthField{"revenue_consumer_usd", D::kUsd, &member_value<M, &M::revenue_consumer_usd>,
                      "revenue: consumer subscriptions"},
    CompanyMonthField{"revenue_api_usd", D::kUsd, &member_value<M, &M::revenue_api_usd>,
                      "revenue: API"},
    CompanyMonthField{"revenue_enterprise_usd", D::kUsd,
                      &member_value<M, &M::revenue_enterprise_usd>, "revenue: enterprise"},
    CompanyMonthField{"revenue_usd", D::kUsd, &member_value<M, &M::revenue_usd>, "revenue"},
    CompanyMonthField{"cost_people_usd", D::kUsd, &member_value<M, &M::cost_people_usd>, "people"},
    CompanyMonthField{"cost_training_usd", D::kUsd, &member_value<M, &M::cost_training_usd>,
                      "training"},
    CompanyMonthField{"cost_serving_usd", D::kUsd, &member_value<M, &M::cost_serving_usd>,
                      "serving (GPUs or API)"},
    CompanyMonthField{"cost_data_usd", D::kUsd, &member_value<M, &M::cost_data_usd>,
                      "data and labelling"},
    CompanyMonthField{"cost_customization_usd", D::kUsd,
                      &member_value<M, &M::cost_customization_usd>, "per-customer work"},
    CompanyMonthField{"cost_other_usd", D::kUsd, &member_value<M, &M::cost_other_usd>,
                      "other operating costs"},
    CompanyMonthField{"costs_usd", D::kUsd, &member_value<M, &M::costs_usd>, "costs"},
    CompanyMonthField{"burn_usd", D::kUsd, &member_value<M, &M::burn_usd>,
                      "burn (costs minus revenue)"},
    CompanyMonthField{"gross_margin", D::kDimensionless, &member_value<M, &M::gross_margin>,
                      "gross margin", true},
    CompanyMonthField{"cash_usd", D::kUsd, &member_value<M, &M::cash_usd>, "cash at month end"},
    CompanyMonthField{"headcount", D::kCount, &member_value<M, &M::headcount>, "headcount"},
    CompanyMonthField{"training_gpus", D::kCount, &member_value<M, &M::training_gpus>,
                      "GPUs training"},
    CompanyMonthField{"serving_gpus", D::kCount, &member_value<M, &M::serving_gpus>,
                      "GPUs serving"},
    CompanyMonthField{"users", D::kCount, &member_value<M, &M::users>, "users"},
    CompanyMonthField{"paying_users", D::kCount, &member_value<M, &M::paying_users>,
                      "paying users"},
    CompanyMonthField{"customers", D::kCount, &member_value<M, &M::customers>,
                      "enterprise customers"},
    CompanyMonthField{"requests_per_day", D::kCount, &member_value<M, &M::requests_per_day>,
                      "requests per day"},
    CompanyMonthField{"committed_gpus", D::kCount, &member_value<M, &M::committed_gpus>,
                      "GPUs reserved"},
    CompanyMonthField{"committed_idle_usd", D::kUsd, &member_value<M, &M::committed_idle_usd>,
                      "reserved GPUs paid for, idle"},
    CompanyMonthField{"cost_cluster_usd", D::kUsd, &member_value<M, &M::cost_cluster_usd>,
                      "owned cluster bought"},
    CompanyMonthField{"owned_gpus_busy", D::kCount, &member_value<M, &M::owned_gpus_busy>,
                      "owned GPUs busy"},
};
static_assert(kMonthFields.size() == kCompanyMonthFields, "every month field is listed");

using O = CompanyOutcome;

const std::array kSpendFields{
    CompanyOutcomeField{"spend.people_usd", D::kUsd, &member_value<O, &O::spend_people_usd>,
                        "people"},
    CompanyOutcomeField{"spend.training_usd", D::kUsd, &member_value<O, &O::spend_training_usd>,
                        "training"},
    CompanyOutcomeField{"spend.serving_usd", D::kUsd, &member_value<O, &O::spend_serving_usd>,
                        "serving (GPUs or API)"},
    CompanyOutcomeField{"spend.data_usd", D::kUsd, &member_value<O, &O::spend_data_usd>,
                        "data and labelling"},
    CompanyOutcomeField{"spend.customization_usd", D::kUsd,
                        &member_value<O, &O::spend_customization_usd>, "per-customer work"},
    CompanyOutcomeField{"spend.other_usd", D::kUsd, &member_value<O, &O::spend_other_usd>,
                        "other operating costs"},
    CompanyOutcomeField{"spend.cluster_usd", D::kUsd, &member_value<O, &O::spend_cluster_usd>,
                        "owned cluster (bought)"},
};

}  // namespace

std::span<const CompanyMonthField> company_month_fields() {
  return kMonthFields;
}

std::span<const CompanyOutcomeField> company_spend_fields() {
  return kSpendFields;
}

std::string money_key(std::string_view key, std::string_view currency_code) {
  std::string code(currency_code);
  for (char& ch : code) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  const std::size_t at = key.find("_usd");
  if (at == std::string_view::npos) return std::string(key);
  return std::string(key.substr(0, at)) + "_" + code + std::string(key.substr(at + 4));
}

}  // namespace llmb
