// `llmbudget company` and `llmbudget compare` end to end: the table, CSV and JSON forms against
// the library's own simulation, overrides, atomic output, Monte Carlo determinism across seeds
// and thread counts, and a catalogue of bad company files (tests/data/bad_companies/), each one
// located line and exit 2.
#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cctype>
#include <cmath>
#include <nlohmann/json.hpp>

#include "kernels/batch_cuda.h"
#include "sim/catalog/catalog.h"
#include "sim/company/load_company.h"
#include "sim/output/company_report.h"
#include "sim/schema/format.h"
#include "tests/cli/cli_harness.h"

namespace llmb::cli_test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;
using Json = nlohmann::json;

const std::string kGeneral = "scenarios/companies/general_model.yaml";
const std::string kVertical = "scenarios/companies/vertical_model.yaml";
const std::string kApplication = "scenarios/companies/application.yaml";
const std::string kBadFolder = "tests/data/bad_companies/";

class CompanyCli : public Cli {};
class CompareCli : public Cli {};

const Catalog& bundled_catalog() {
  static const Catalog loaded = load_catalog(LLMB_SOURCE_DIR "/scenarios/catalog");
  return loaded;
}

// The company simulated by the library itself, from the same file the CLI reads.
SimulatedCompany simulated_by_the_library(const std::string& file,
                                          const std::vector<std::string>& overrides = {}) {
  return simulate(
      load_company_file(std::string(LLMB_SOURCE_DIR) + "/" + file, overrides, bundled_catalog()));
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// The first line of a table that starts with `label`, or "" when there is none.
std::string row_starting(const std::string& table, const std::string& label) {
  for (const auto& line : lines_of(table))
    if (line.rfind(label, 0) == 0) return line;
  return "";
}

TEST_F(CompanyCli, TableShowsTheOutcomeAndOneRowPerMonth) {
  const Result r = run({"company", kVertical});
  ASSERT_EQ(r.exit_code, kExitOk) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_THAT(r.out, StartsWith("Vertical model company\n"));
  EXPECT_THAT(r.out, HasSubstr("funding needed (lowest cash point)"));
  EXPECT_THAT(r.out, HasSubstr("break-even"));
  EXPECT_THAT(r.out, HasSubstr("runway with the planned rounds, months"));
  // Months 0 to 59, each a row that starts with its number right-aligned in five columns.
  const std::string header = row_starting(r.out, "  month ");
  EXPECT_THAT(header, HasSubstr("funding"));
  for (int month : {0, 1, 30, 59})
    EXPECT_NE(row_starting(r.out, fmt::format("  {:>5} ", month)), "") << month;
  EXPECT_EQ(row_starting(r.out, "     60 "), "");
}

TEST_F(CompanyCli, JsonFundingNeededIsTheLibrarysSimulationOfTheSameFile) {
  const Result r = run({"company", kVertical, "--format", "json"});
  ASSERT_EQ(r.exit_code, kExitOk) << r.err;
  const Json j = Json::parse(r.out);
  const SimulatedCompany expected = simulated_by_the_library(kVertical);
  const double funding = expected.outcome.funding_needed_usd;
  ASSERT_GT(funding, 0);
  EXPECT_NEAR(j.at("outcome").at("funding_needed_usd").get<double>(), funding, 1e-9 * funding);
  EXPECT_EQ(j.at("name"), "Vertical model company");
  EXPECT_EQ(j.at("file"), kVertical);
  EXPECT_EQ(j.at("horizon_months").get<double>(), 60);
  const Json& months = j.at("months");
  ASSERT_EQ(months.size(), 60u);
  for (std::size_t m = 0; m < months.size(); ++m)
    EXPECT_EQ(months[m].at("month").get<double>(), static_cast<double>(m));
  // The seed round arrives in month 0 and round A in month 15, as the file says.
  const CompanyInputs file = simulated_by_the_library(kVertical, {}).company.inputs;
  EXPECT_EQ(file.rounds[1].month, 15);
  EXPECT_EQ(months[0].at("funding_usd").get<double>(), file.rounds[0].usd);
  EXPECT_EQ(months[15].at("funding_usd").get<double>(), file.rounds[1].usd);
  for (const char* category :
       {"people_usd", "training_usd", "serving_usd", "data_usd", "customization_usd", "other_usd"})
    EXPECT_GT(j.at("outcome").at("spend").at(category).get<double>(), 0) << category;
}

TEST_F(CompanyCli, CsvIsOneHeaderAndOneRowPerMonth) {
  const Result r = run({"company", kApplication, "--format", "csv"});
  ASSERT_EQ(r.exit_code, kExitOk) << r.err;
  const std::vector<std::string> lines = lines_of(r.out);
  ASSERT_EQ(lines.size(), 1u + 60u);
  EXPECT_THAT(lines[0], StartsWith("month,funding_usd,revenue_consumer_usd,"));
  const auto columns = std::count(lines[0].begin(), lines[0].end(), ',');
  for (std::size_t i = 1; i < lines.size(); ++i) {
    EXPECT_EQ(std::count(lines[i].begin(), lines[i].end(), ','), columns) << lines[i];
    EXPECT_THAT(lines[i], StartsWith(std::to_string(i - 1) + ",")) << lines[i];
  }
}

TEST_F(CompanyCli, OutputFileHoldsExactlyWhatStdoutShowsAndNothingElse) {
  for (const char* format : {"table", "json", "csv"}) {
    const std::string name = std::string("general.") + format;
    const Result shown = run({"company", kGeneral, "--format", format});
    const Result written =
        run({"company", kGeneral, "--format", format, "-o", work(name).string()});
    ASSERT_EQ(shown.exit_code, kExitOk) << shown.err;
    ASSERT_EQ(written.exit_code, kExitOk) << written.err;
    EXPECT_EQ(written.out, "");
    EXPECT_EQ(read(work(name)), shown.out) << format;
  }
  // No temporary file left beside the targets.
  EXPECT_EQ(work_entries(),
            (std::vector<std::string>{"general.csv", "general.json", "general.table"}));
}

TEST_F(CompanyCli, SetOverridesTheFirstRoundLikeTheLibrary) {
  const Result base = run({"company", kVertical, "--format", "json"});
  const Result more =
      run({"company", kVertical, "--format", "json", "--set", "funding[0].amount=$20M"});
  ASSERT_EQ(base.exit_code, kExitOk) << base.err;
  ASSERT_EQ(more.exit_code, kExitOk) << more.err;
  const Json a = Json::parse(base.out), b = Json::parse(more.out);
  const double seed = a.at("months")[0].at("funding_usd").get<double>();
  EXPECT_EQ(b.at("months")[0].at("funding_usd").get<double>(), 20e6);
  // The difference arrives at month 0, and nothing in the model depends on cash: the same
  // difference at the end.
  const double end_a = a.at("outcome").at("cash_at_end_usd").get<double>();
  const double end_b = b.at("outcome").at("cash_at_end_usd").get<double>();
  EXPECT_NEAR(end_b - end_a, 20e6 - seed, 1e-6 * std::fabs(end_a) + 1e-3);
  // Funding needed is the lowest point of operating cash flow, whatever the rounds.
  EXPECT_EQ(b.at("outcome").at("funding_needed_usd"), a.at("outcome").at("funding_needed_usd"));
  const SimulatedCompany expected = simulated_by_the_library(kVertical, {"funding[0].amount=$20M"});
  EXPECT_NEAR(end_b, expected.outcome.cash_at_end_usd,
              1e-9 * std::fabs(expected.outcome.cash_at_end_usd));
}

TEST_F(CompanyCli, SetWithAnAmountWithoutCurrencyIsOneLineNamingThePath) {
  const Result r =
      run({"company", kVertical, "--set", "funding[0].amount=5M", "-o", work("out.txt").string()});
  EXPECT_EQ(r.exit_code, kExitInput);
  EXPECT_EQ(r.out, "");
  expect_one_located_line(r.err);
  EXPECT_THAT(r.err, HasSubstr("funding[0].amount: "));
  EXPECT_THAT(r.err, HasSubstr("(got 5M)"));
  EXPECT_TRUE(work_entries().empty());
}

TEST_F(CompareCli, TornadoRanksEveryInputOfABundledCompany) {
  const Result r = run({"company", kVertical, "--tornado", "--by", "break_even_month"});
  ASSERT_EQ(r.exit_code, kExitOk) << r.err;
  EXPECT_THAT(r.out, StartsWith("What moves Vertical model company's break-even month"));
  const Result j = run({"company", kVertical, "--tornado", "--format", "json", "--move", "10%"});
  ASSERT_EQ(j.exit_code, kExitOk) << j.err;
  const auto parsed = nlohmann::json::parse(j.out);
  ASSERT_GT(parsed.at("bars").size(), 10u);
  double previous = parsed["bars"][0]["swing"].get<double>();
  for (const auto& bar : parsed["bars"]) {
    EXPECT_LE(bar["swing"].get<double>(), previous);
    previous = bar["swing"].get<double>();
  }
}

TEST_F(CompareCli, BadTornadoOptionsAreOneLineAndExitTwo) {
  const Result by = run({"company", kVertical, "--tornado", "--by", "cash"});
  EXPECT_EQ(by.exit_code, kExitInput);
  EXPECT_THAT(by.err, StartsWith("command line:1:1: --by: must be one of funding_needed"));
  const Result move = run({"company", kVertical, "--tornado", "--move", "150%"});
  EXPECT_EQ(move.exit_code, kExitInput);
  EXPECT_THAT(move.err, StartsWith("command line:1:1: --move: must be at most 0.99"));
}

TEST_F(CompareCli, RunwayOnARaiseIsShownOnlyWhenOneIsGiven) {
  const Result plain = run({"compare", kVertical, kApplication});
  ASSERT_EQ(plain.exit_code, kExitOk) << plain.err;
  EXPECT_EQ(plain.out.find("raised at month 0"), std::string::npos);
  const Result raised = run({"compare", kVertical, kApplication, "--raise", "$50M"});
  ASSERT_EQ(raised.exit_code, kExitOk) << raised.err;
  EXPECT_NE(row_starting(raised.out, "runway on $50M raised at month 0, months"), "");
}

TEST_F(CompareCli, ThreeBundledCompaniesGetOneColumnEach) {
  const Result r = run({"compare", kGeneral, kVertical, kApplication});
  ASSERT_EQ(r.exit_code, kExitOk) << r.err;
  EXPECT_EQ(r.err, "");
  const std::vector<std::string> lines = lines_of(r.out);
  ASSERT_FALSE(lines.empty());
  const std::string& header = lines[0];
  const auto general = header.find("General model company");
  const auto vertical = header.find("Vertical model company");
  const auto application = header.find("Application company");
  ASSERT_NE(general, std::string::npos) << header;
  ASSERT_NE(vertical, std::string::npos) << header;
  ASSERT_NE(application, std::string::npos) << header;
  EXPECT_LT(general, vertical);
  EXPECT_LT(vertical, application);
  for (const char* label : {"funding needed (lowest cash point)", "break-even", "cash at the end",
                            "  burn multiple over year 2 (Sacks)"}) {
    const std::string row = row_starting(r.out, label);
    ASSERT_NE(row, "") << label;
    // Cells right-aligned under their company's name: every row ends where the header does.
    EXPECT_EQ(row.size(), header.size()) << row;
  }
  const std::string funding = row_starting(r.out, "funding needed (lowest cash point)");
  EXPECT_EQ(std::count(funding.begin(), funding.end(), '$'), 3) << funding;
  EXPECT_THAT(r.out, Not(HasSubstr("Monte Carlo")));
}

// Federal Reserve G.5A (release of 2024-02-01): 7.0809 yuan per dollar, the 2023 average.
constexpr double kCnyPerUsd2023 = 7.0809;

TEST_F(CompanyCli, CurrencyCnyPrintsEveryAmountInRenminbiAtTheCompanysYear) {
  // The vertical company read at the 2023 rates: amounts in dollars, printed in renminbi.
  const std::vector<std::string> at_2023 = {"--set", "exchange_rate_year=2023"};
  std::vector<std::string> args = {"company", kVertical, "--format", "json", "--currency", "CNY"};
  args.insert(args.end(), at_2023.begin(), at_2023.end());
  const Result r = run(args);
  ASSERT_EQ(r.exit_code, kExitOk) << r.err;
  const Json j = Json::parse(r.out);
  const SimulatedCompany expected =
      simulated_by_the_library(kVertical, {"exchange_rate_year=2023"});
  const double funding_cny = expected.outcome.funding_needed_usd * kCnyPerUsd2023;
  EXPECT_NEAR(j.at("outcome").at("funding_needed_cny").get<double>(), funding_cny,
              1e-9 * funding_cny);
  EXPECT_FALSE(j.at("outcome").contains("funding_needed_usd"));
  EXPECT_EQ(j.at("currency").at("code"), "CNY");
  EXPECT_EQ(j.at("currency").at("per_usd").get<double>(), kCnyPerUsd2023);
  EXPECT_NEAR(j.at("months")[0].at("funding_cny").get<double>(),
              expected.company.inputs.rounds[0].usd * kCnyPerUsd2023, 1e-3);
  // Counts are not money: month numbers and headcounts stay as they are.
  EXPECT_EQ(j.at("months")[5].at("month").get<double>(), 5);
  EXPECT_EQ(j.at("months")[5].at("headcount").get<double>(), expected.months[5].headcount);

  const Result table =
      run({"company", kVertical, "--currency", "RMB", "--set", "exchange_rate_year=2023"});
  ASSERT_EQ(table.exit_code, kExitOk) << table.err;
  EXPECT_THAT(table.out,
              HasSubstr("Amounts in CNY (\u00a5) at 7.0809 per US dollar, the 2023 average"));
  EXPECT_THAT(row_starting(table.out, "  funding needed"), HasSubstr("\u00a5"));
  EXPECT_THAT(row_starting(table.out, "  funding needed"), Not(HasSubstr("$")));

  const Result csv = run({"company", kVertical, "--currency", "EUR", "--format", "csv"});
  ASSERT_EQ(csv.exit_code, kExitOk) << csv.err;
  EXPECT_THAT(lines_of(csv.out)[0], StartsWith("month,funding_eur,revenue_consumer_eur,"));
}

// The tornado's JSON and CSV are in the currency asked for too, with the unit beside each value.
TEST_F(CompanyCli, TornadoJsonAndCsvAreInTheCurrencyAskedFor) {
  const std::vector<std::string> base = {
      "company", kVertical, "--tornado", "--format", "json", "--set", "exchange_rate_year=2023"};
  const Result usd = run(base);
  std::vector<std::string> cny_args = base;
  cny_args.insert(cny_args.end(), {"--currency", "CNY"});
  const Result cny = run(cny_args);
  ASSERT_EQ(usd.exit_code, kExitOk) << usd.err;
  ASSERT_EQ(cny.exit_code, kExitOk) << cny.err;
  const Json u = Json::parse(usd.out), c = Json::parse(cny.out);
  EXPECT_EQ(u.at("outcome_unit"), "USD");
  EXPECT_EQ(c.at("outcome_unit"), "CNY");
  EXPECT_EQ(c.at("currency").at("code"), "CNY");
  const double base_usd = u.at("base").get<double>();
  EXPECT_NEAR(c.at("base").get<double>(), base_usd * kCnyPerUsd2023, 1e-9 * base_usd * 8);
  ASSERT_EQ(u.at("bars").size(), c.at("bars").size());
  for (std::size_t i = 0; i < u.at("bars").size(); ++i) {
    const Json& ub = u["bars"][i];
    const Json& cb = c["bars"][i];
    const double rate = ub.at("unit") == "USD" ? kCnyPerUsd2023 : 1.0;
    EXPECT_EQ(cb.at("unit"), ub.at("unit") == "USD" ? "CNY" : ub.at("unit")) << ub.at("path");
    EXPECT_NEAR(cb.at("value").get<double>(), ub.at("value").get<double>() * rate,
                1e-9 * std::abs(ub.at("value").get<double>() * rate) + 1e-12);
    EXPECT_NEAR(cb.at("swing").get<double>(), ub.at("swing").get<double>() * kCnyPerUsd2023,
                1e-9 * std::abs(ub.at("swing").get<double>()) * 8 + 1e-9);
  }
  std::vector<std::string> csv_args = cny_args;
  csv_args[4] = "csv";
  const Result csv = run(csv_args);
  ASSERT_EQ(csv.exit_code, kExitOk) << csv.err;
  EXPECT_EQ(lines_of(csv.out)[0],
            "path,unit,value,low_value,high_value,outcome_unit,at_low,at_high,swing");
  EXPECT_THAT(lines_of(csv.out)[1], HasSubstr(",\"CNY\","));
}

TEST_F(CompanyCli, AnAmountInRenminbiIsReadAtTheCatalogRateOfItsYear) {
  // Round A of the vertical company written as RMB 85M, read at the 2023 average.
  const Result r = run({"company", kVertical, "--format", "json", "--set",
                        "exchange_rate_year=2023", "--set", "funding[1].amount=RMB 85M"});
  ASSERT_EQ(r.exit_code, kExitOk) << r.err;
  const Json j = Json::parse(r.out);
  EXPECT_NEAR(j.at("months")[15].at("funding_usd").get<double>(), 85e6 / kCnyPerUsd2023, 1e-3);
}

TEST_F(CompanyCli, TheChineseStartupIsWrittenInRenminbiAndPrintedBackAtTheSameRate) {
  const std::string file = "scenarios/companies/china_general_model.yaml";
  const SimulatedCompany s = simulated_by_the_library(file);
  // Round A is written as ¥ 2.5B: at 2024's 7.2167 yuan a dollar (the catalog's PROXY rate).
  EXPECT_NEAR(s.company.inputs.rounds[1].usd, 2.5e9 / 7.2167, 1e-3);
  EXPECT_EQ(s.company.exchange_rate_year, 2024);
  const Result r = run({"company", file, "--currency", "CNY", "--format", "json"});
  ASSERT_EQ(r.exit_code, kExitOk) << r.err;
  const Json j = Json::parse(r.out);
  // Printed back in renminbi, the round is the ¥ 2.5B the file says.
  EXPECT_NEAR(j.at("months")[12].at("funding_cny").get<double>(), 2.5e9, 1e-3);
  // Its training: one run on the reserved H800s, then a generation a year from month 15.
  EXPECT_EQ(s.company.inputs.run_count, 1 + 4);
  EXPECT_GT(s.outcome.committed_idle_usd, 0);
}

TEST_F(CompareCli, TheBridgeSaysHowEachCategoryMovesNetBurnAgainstTheFirstCompany) {
  const Result r = run({"compare", kGeneral, kApplication});
  ASSERT_EQ(r.exit_code, kExitOk) << r.err;
  EXPECT_THAT(r.out, HasSubstr("net burn against General model company, by category"));
  // The application trains nothing: its training row is minus the general model's training.
  const SimulatedCompany general = simulated_by_the_library(kGeneral);
  const std::string bridge = r.out.substr(r.out.find("net burn against"));
  const std::string training = row_starting(bridge, "  training  ");
  EXPECT_THAT(training, HasSubstr("-" + format_usd(general.outcome.spend_training_usd)));
  EXPECT_NE(row_starting(r.out, "  net burn difference"), "");
}

TEST_F(CompareCli, CurrencyWithoutARateIsOneLineNamingTheOptionAndWritesNothing) {
  const Result r = run({"compare", kVertical, "--currency", "JPY", "-o", work("x.txt").string()});
  EXPECT_EQ(r.exit_code, kExitInput);
  expect_one_located_line(r.err);
  EXPECT_THAT(r.err, HasSubstr("--currency: must be USD, CNY or EUR (got JPY)"));
  EXPECT_TRUE(work_entries().empty());
  const Result eur = run({"compare", kVertical, kApplication, "--currency", "EUR"});
  ASSERT_EQ(eur.exit_code, kExitOk) << eur.err;
  EXPECT_THAT(eur.out, HasSubstr("Amounts in EUR (\u20ac)"));
}

TEST_F(CompareCli, JsonHasEachCompanysOutcomeAsCompanyComputesIt) {
  const Result r =
      run({"compare", kGeneral, kVertical, kApplication, "--format", "json", "--raise", "$100M"});
  ASSERT_EQ(r.exit_code, kExitOk) << r.err;
  const Json j = Json::parse(r.out);
  ASSERT_EQ(j.size(), 3u);
  const std::string files[] = {kGeneral, kVertical, kApplication};
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(j[i].at("file"), files[i]);
    EXPECT_EQ(j[i].at("raise_usd").get<double>(), 100e6);
    EXPECT_FALSE(j[i].contains("monte_carlo"));
    const double expected = simulated_by_the_library(files[i]).outcome.funding_needed_usd;
    EXPECT_NEAR(j[i].at("outcome").at("funding_needed_usd").get<double>(), expected,
                1e-9 * std::fabs(expected))
        << files[i];
    // Months 12, 24, 36, 48 and the last (59) of a 60-month horizon.
    ASSERT_EQ(j[i].at("revenue_and_customers").size(), 5u) << files[i];
    EXPECT_EQ(j[i].at("revenue_and_customers")[4].at("month"), 59);
  }
}

TEST_F(CompareCli, CsvIsOneHeaderAndEveryMonthOfEveryCompany) {
  const Result r = run({"compare", kVertical, kApplication, "--format", "csv"});
  ASSERT_EQ(r.exit_code, kExitOk) << r.err;
  const std::vector<std::string> lines = lines_of(r.out);
  ASSERT_FALSE(lines.empty());
  EXPECT_THAT(lines[0], StartsWith("company,month,funding_usd,"));
  const auto columns = std::count(lines[0].begin(), lines[0].end(), ',');
  for (std::size_t i = 1; i < lines.size(); ++i) {
    EXPECT_THAT(lines[i], StartsWith("\"")) << "line " << i + 1 << " is not a company's month";
    EXPECT_EQ(std::count(lines[i].begin(), lines[i].end(), ','), columns) << lines[i];
  }
  ASSERT_EQ(lines.size(), 1u + 60u + 60u);
  EXPECT_THAT(lines[1], StartsWith("\"Vertical model company\",0,"));
  EXPECT_THAT(lines[61], StartsWith("\"Application company\",0,"));
}

TEST_F(CompareCli, MonteCarloPercentilesAreOrderedAndTheSameForTheSameSeedAndAnyThreads) {
  // The same bytes every time: how long the Monte Carlo took goes to stderr, not the results.
  std::string first_bytes;
  auto monte_carlo = [&](const char* threads) {
    const Result r =
        run({"compare", kGeneral, kVertical, kApplication, "--samples", "2000", "--seed", "5",
             "--device", "cpu", "--threads", threads, "--format", "json"});
    EXPECT_EQ(r.exit_code, kExitOk) << r.err;
    EXPECT_THAT(r.err, HasSubstr("Monte Carlo of 2,000 samples per company"));
    EXPECT_THAT(r.err, HasSubstr("company-months/s"));
    if (first_bytes.empty()) first_bytes = r.out;
    EXPECT_EQ(r.out, first_bytes);
    return Json::parse(r.out);
  };
  const Json first = monte_carlo("2");
  ASSERT_EQ(first.size(), 3u);
  for (const auto& company : first) {
    ASSERT_TRUE(company.contains("monte_carlo")) << company.at("file");
    const Json& mc = company.at("monte_carlo");
    EXPECT_EQ(mc.at("samples"), 2000);
    const Json& funding = mc.at("funding_needed_usd");
    const double p10 = funding.at("p10"), p50 = funding.at("p50"), p90 = funding.at("p90");
    EXPECT_LE(p10, p50) << company.at("file");
    EXPECT_LE(p50, p90) << company.at("file");
    EXPECT_LT(p10, p90) << company.at("file") << ": its inputs are uncertain";
    const double p_out = mc.at("probability_runs_out_before_break_even");
    EXPECT_GE(p_out, 0);
    EXPECT_LE(p_out, 1);
    EXPECT_FALSE(mc.at("sensitivity").empty()) << company.at("file");
  }
  const Json again = monte_carlo("2");
  EXPECT_EQ(again, first);
  const Json one_thread = monte_carlo("1");
  EXPECT_EQ(one_thread, first);
}

TEST_F(CompareCli, MonteCarloFanIsInJsonAndCsvAndTheSameOnAnyThreadCount) {
  const std::vector<std::string> base = {"compare", kVertical, kApplication, "--samples",
                                         "3000",    "--seed",  "5"};
  auto with = [&](std::vector<std::string> extra) {
    std::vector<std::string> args = base;
    args.insert(args.end(), extra.begin(), extra.end());
    return run(args);
  };
  const Result one = with({"--format", "json", "--threads", "1"});
  const Result four = with({"--format", "json", "--threads", "4"});
  ASSERT_EQ(one.exit_code, kExitOk) << one.err;
  ASSERT_EQ(four.exit_code, kExitOk) << four.err;
  EXPECT_EQ(one.out, four.out);
  const Json j = Json::parse(one.out);
  const Json& fan = j[0].at("monte_carlo").at("fan");
  EXPECT_EQ(fan.at("samples").get<double>(), 3000);
  ASSERT_EQ(fan.at("months").size(), 60u);
  for (const Json& month : fan.at("months"))
    for (const char* field : {"cash_usd", "revenue_usd", "burn_usd"}) {
      const Json& q = month.at(field);
      EXPECT_LE(q.at("p10").get<double>(), q.at("p50").get<double>()) << field;
      EXPECT_LE(q.at("p50").get<double>(), q.at("p90").get<double>()) << field;
    }

  const Result csv = with({"--format", "csv", "--threads", "3"});
  ASSERT_EQ(csv.exit_code, kExitOk) << csv.err;
  const std::vector<std::string> lines = lines_of(csv.out);
  ASSERT_EQ(lines.size(), 1u + 60u + 60u);
  EXPECT_THAT(lines[0], HasSubstr(",cash_p10_usd,cash_p50_usd,cash_p90_usd,revenue_p10_usd,"));
  EXPECT_THAT(lines[0], testing::EndsWith(",burn_p90_usd"));
  const auto columns = std::count(lines[0].begin(), lines[0].end(), ',');
  for (std::size_t i = 1; i < lines.size(); ++i)
    EXPECT_EQ(std::count(lines[i].begin(), lines[i].end(), ','), columns) << lines[i];
}

TEST_F(CompareCli, AnotherSeedDrawsOtherSamples) {
  auto funding_p50 = [&](const char* seed) {
    const Result r = run({"compare", kApplication, "--samples", "500", "--seed", seed, "--device",
                          "cpu", "--format", "json"});
    EXPECT_EQ(r.exit_code, kExitOk) << r.err;
    return Json::parse(r.out)[0].at("monte_carlo").at("funding_needed_usd").at("p50");
  };
  EXPECT_NE(funding_p50("5"), funding_p50("6"));
}

TEST_F(CompareCli, TableShowsPercentilesAndSensitivityAndStderrTheCompanyMonthsPerSecond) {
  const Result r = run(
      {"compare", kVertical, kApplication, "--samples", "300", "--seed", "5", "--device", "cpu"});
  ASSERT_EQ(r.exit_code, kExitOk) << r.err;
  EXPECT_THAT(r.out, HasSubstr("Monte Carlo (300 samples each), P10 / P50 / P90"));
  EXPECT_THAT(r.out, HasSubstr("What moves Vertical model company's funding needed"));
  EXPECT_EQ(r.out.find("company-months/s"), std::string::npos);
  EXPECT_THAT(r.err, HasSubstr("Vertical model company: 300 samples x 60 months in "));
  std::size_t rates = 0;
  for (const auto& line : lines_of(r.err))
    if (line.find("company-months/s") != std::string::npos) ++rates;
  EXPECT_EQ(rates, 2u);
}

TEST_F(CompareCli, OneBadFileAmongGoodOnesWritesNothing) {
  const std::string bad = kBadFolder + "churn_above_one.yaml";
  const Result r = run({"compare", kGeneral, bad, kApplication, "--samples", "100", "-o",
                        work("compare.txt").string()});
  EXPECT_EQ(r.exit_code, kExitInput);
  EXPECT_EQ(r.out, "");
  expect_one_located_line(r.err);
  EXPECT_THAT(r.err, StartsWith(bad + ":"));
  EXPECT_THAT(r.err, HasSubstr("revenue.enterprise.churn_per_month"));
  EXPECT_TRUE(work_entries().empty());
}

struct BadOption {
  const char* option;
  const char* value;
  // Checked by llmbudget (one line, "command line:1:1: OPTION: ..."), or by the option parser,
  // which adds a line pointing at --help.
  bool located;
};

void PrintTo(const BadOption& bad, std::ostream* os) {
  *os << bad.option << " " << bad.value;
}

const BadOption kBadOptions[] = {
    {"--samples", "-5", true},  {"--samples", "2.5", true},   {"--samples", "1e11", true},
    {"--seed", "-1", true},     {"--seed", "seven", true},    {"--raise", "50M", true},
    {"--raise", "$-5M", true},  {"--samples", "many", false}, {"--threads", "0", false},
    {"--device", "tpu", false},
};

class CompareBadOption : public Cli, public ::testing::WithParamInterface<BadOption> {};

TEST_P(CompareBadOption, ExitsTwoNamingTheOptionAndWritesNothing) {
  const BadOption& bad = GetParam();
  const Result r =
      run({"compare", kVertical, bad.option, bad.value, "-o", work("compare.txt").string()});
  EXPECT_EQ(r.exit_code, kExitInput);
  EXPECT_EQ(r.out, "");
  if (bad.located) {
    expect_one_located_line(r.err);
    EXPECT_THAT(r.err, StartsWith(std::string("command line:1:1: ") + bad.option + ": "));
    EXPECT_THAT(r.err, HasSubstr("(got "));
  } else {
    EXPECT_THAT(lines_of(r.err).at(0), HasSubstr(bad.option)) << r.err;
  }
  EXPECT_TRUE(work_entries().empty());
}

INSTANTIATE_TEST_SUITE_P(CompareOptions, CompareBadOption, ::testing::ValuesIn(kBadOptions),
                         [](const ::testing::TestParamInfo<BadOption>& case_info) {
                           std::string name = std::string(case_info.param.option).substr(2) + "_";
                           for (char c : std::string(case_info.param.value))
                             name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
                           return name;
                         });

TEST_F(CompareCli, CudaWithoutAGpuIsAnInputErrorNamingTheOption) {
  if (cuda_device_count() > 0) GTEST_SKIP() << "a GPU is present";
  const Result r = run({"compare", kVertical, "--samples", "100", "--device", "cuda", "-o",
                        work("compare.txt").string()});
  EXPECT_EQ(r.exit_code, kExitInput);
  EXPECT_EQ(r.out, "");
  expect_one_located_line(r.err);
  EXPECT_THAT(r.err, StartsWith("command line:1:1: --device: "));
  EXPECT_TRUE(work_entries().empty());
}

// One file under tests/data/bad_companies/ per mistake, and what its one line of stderr says.
struct BadCompany {
  const char* name;  // tests/data/bad_companies/NAME.yaml
  int line;
  int column;
  const char* key_path;  // "" for whole-file errors
  const char* problem;   // a part of the message after the key path
};

void PrintTo(const BadCompany& bad, std::ostream* os) {
  *os << kBadFolder << bad.name << ".yaml";
}

const BadCompany kBadCompanies[] = {
    {"horizon_above_240", 3, 17, "horizon_months", "must be at most 240 (got 300)"},
    {"funding_month_beyond_horizon", 6, 23, "funding[1].month", "must be at most 23 (got 24)"},
    {"hiring_month_beyond_horizon", 9, 48, "people[0].hiring[1].month",
     "must be at most 23 (got 30)"},
    {"training_month_beyond_horizon", 12, 12, "training[0].month", "must be at most 23 (got 36)"},
    {"data_month_beyond_horizon", 12, 12, "data[0].month", "must be at most 23 (got 25)"},
    {"revenue_start_month_beyond_horizon", 12, 18, "revenue.enterprise.start_month",
     "must be at most 23 (got 40)"},
    {"training_scenario_missing", 13, 15, "training[0].scenario",
     "no such training scenario file (got tests/data/bad_companies/training/no_such_run.yaml)"},
    // Reported at the company file's line; the key path is left unchecked, as it is given in
    // the training scenario's terms.
    {"training_override_unknown_key", 14, 34, "", "unknown key (did you mean \"mfu\"?)"},
    {"hiring_negative_headcount", 9, 62, "people[0].hiring[1].headcount",
     "must not be negative (got -2)"},
    {"hiring_steps_out_of_order", 12, 17, "people[0].hiring[2].month",
     "hiring steps must be in increasing months (got 6)"},
    {"churn_above_one", 16, 22, "revenue.enterprise.churn_per_month",
     "must be at most 1 (got 120%)"},
    {"paying_fraction_above_one", 16, 22, "revenue.consumer.paying_fraction",
     "must be at most 1 (got 1.5)"},
    {"fleet_utilization_above_one", 17, 24, "serving.own.fleet_utilization",
     "must be at most 1 (got 130%)"},
    {"unknown_key", 9, 5, "people[0].loaded_cost_per_yer",
     "unknown key (did you mean \"loaded_cost_per_year\"?)"},
    {"amount_without_dollar", 5, 37, "funding[0].amount",
     "\"M\" is a unit of a count; expected an amount of money such as $10k (got 5M)"},
    {"api_price_per_hour", 11, 24, "serving.third_party.price",
     "\"$/h\" is a unit of a price per GPU-hour; expected a price per million tokens"},
    {"nan_growth", 14, 23, "revenue.consumer.growth_per_month",
     "must be a finite number (got nan)"},
    {"negative_amount", 5, 37, "funding[0].amount", "must not be negative (got $-5M)"},
    {"negative_valuation", 5, 53, "funding[0].pre_money", "must be at least 1 (got $-20M)"},
    {"option_pool_above_all", 5, 75, "funding[0].option_pool_after",
     "the round's investors and the pool would own all of the company (got 90%)"},
    {"option_pool_at_start_whole_company", 4, 14, "option_pool", "must be at most 0.99 (got 120%)"},
    {"priced_and_unpriced_rounds", 5, 3, "funding",
     "give every round a pre_money valuation, or none: the cap table needs them all"},
    {"priced_rounds_out_of_order", 6, 26, "funding[1].month",
     "priced rounds must be listed in the order they are raised (got 0)"},
    {"distribution_min_above_max", 8, 60, "people[0].loaded_cost_per_year.max",
     "must be above min (got $200k)"},
    {"distribution_on_role", 7, 11, "people[0].role", "only a numeric input can be a distribution"},
    {"distribution_draws_below_zero", 17, 22, "revenue.enterprise.churn_per_month",
     "the distribution draws values from -0.05 to 0.07 (6 standard deviations either side of the "
     "mean, where draws are clamped), and the model does not take -0.05: must not be negative"},
    // yaml-cpp notices the unclosed flow mapping of line 5 at the block entry of line 7.
    {"malformed_yaml", 7, 3, "", "malformed YAML: illegal block entry"},
    {"serving_own_and_third_party", 12, 5, "serving.own",
     "serving needs exactly one of own: {...} or third_party: {...}"},
    {"requests_without_serving", 2, 1, "serving", "revenue needs requests served"},
    {"too_many_funding_rounds", 5, 3, "funding", "at most 8 entries (got 9 entries)"},
    // A distribution elsewhere once moved every other error to 1:1 (yaml-cpp's Clone drops marks).
    {"error_beside_distribution", 16, 22, "revenue.enterprise.churn_per_month",
     "must be at most 1 (got 120%)"},
    {"missing_key_beside_distribution", 3, 1, "horizon_months", "missing"},
    {"currency_without_rate", 5, 37, "funding[0].amount", "no exchange rate for GBP in 2024"},
    {"programme_every_zero_months", 13, 17, "training_programme.every_months",
     "must be positive (got 0)"},
    {"commitment_beyond_horizon", 11, 53, "compute_commitments[0].months",
     "the commitment runs past the horizon: month 12 + 18 months > 24 (got 18)"},
    {"owned_run_without_cluster", 14, 10, "training[0].pay",
     "an owned run needs an owned_cluster (got owned)"},
    {"committed_run_without_commitment", 14, 10, "training[0].pay",
     "needs training commitments that cover it; month 2 has 0 GPUs reserved (got committed)"},
    {"exchange_rate_year_unknown", 3, 21, "exchange_rate_year",
     "the catalog has no exchange rates for that year (CNY 2020-2024, EUR 2020-2024) (got 2015)"},
};

class BadCompanyFile : public Cli, public ::testing::WithParamInterface<BadCompany> {};

TEST_P(BadCompanyFile, ExitsTwoWithOneLocatedLineAndWritesNothing) {
  const BadCompany& bad = GetParam();
  const std::string file = kBadFolder + bad.name + ".yaml";
  ASSERT_TRUE(fs::exists(fs::path(LLMB_SOURCE_DIR) / file)) << file;
  const Result r = run({"company", file, "--format", "json", "-o", work("out.json").string()});
  EXPECT_EQ(r.exit_code, kExitInput) << r.err;
  EXPECT_EQ(r.out, "");
  expect_one_located_line(r.err);
  EXPECT_THAT(r.err, StartsWith(located_prefix(file, bad.line, bad.column, bad.key_path)));
  EXPECT_THAT(r.err, HasSubstr(bad.problem));
  EXPECT_TRUE(work_entries().empty());
}

INSTANTIATE_TEST_SUITE_P(CompanyCatalogue, BadCompanyFile, ::testing::ValuesIn(kBadCompanies),
                         [](const ::testing::TestParamInfo<BadCompany>& case_info) {
                           return std::string(case_info.param.name);
                         });

TEST(CompanyBadFileCatalogue, EveryCompanyFileInTheBadFolderHasACase) {
  const std::vector<std::string> stems = yaml_stems(kBadFolder);
  for (const auto& stem : stems)
    EXPECT_TRUE(std::any_of(std::begin(kBadCompanies), std::end(kBadCompanies),
                            [&](const BadCompany& bad) { return stem == bad.name; }))
        << kBadFolder << stem << ".yaml has no case";
  EXPECT_GE(stems.size(), 20u);
}

}  // namespace
}  // namespace llmb::cli_test
