// --format html end to end: a page built from the JSON, and the bad-input rules (a command
// without a page, an unwritable path: one line, exit 2, no file).
#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "tests/cli/cli_harness.h"

namespace llmb {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;
using namespace cli_test;

const std::string kCompany = "scenarios/companies/vertical_model.yaml";

std::string read_text(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

int lines(const std::string& text) {
  return static_cast<int>(std::count(text.begin(), text.end(), '\n'));
}

TEST_F(Cli, CompanyHtmlShowsTheJsonFundingNeededAndInlinesChartJsWithItsLicence) {
  const Result json = run({"company", kCompany, "--format", "json"});
  ASSERT_EQ(json.exit_code, kExitOk) << json.err;
  const double funding =
      nlohmann::json::parse(json.out)["outcome"]["funding_needed_usd"].get<double>();
  const Result r = run({"company", kCompany, "--format", "html", "-o", work("c.html").string()});
  ASSERT_EQ(r.exit_code, kExitOk) << r.err;
  const std::string page = read_text(work("c.html"));
  EXPECT_THAT(page, HasSubstr(fmt::format("data-key=\"outcome.funding_needed_usd\" "
                                          "data-value=\"{:.17g}\"",
                                          funding)));
  EXPECT_THAT(page, HasSubstr("Chart.js v3.9"));
  EXPECT_THAT(page, HasSubstr("Permission is hereby granted"));
  // Nothing the page could fetch: no external script, stylesheet or image.
  EXPECT_THAT(page, Not(HasSubstr("src=\"http")));
  EXPECT_THAT(page, Not(HasSubstr("href=\"http")));
}

TEST_F(Cli, HtmlOnACommandWithoutAPageIsOneLineAndExitTwo) {
  const Result r = run({"layout", "scenarios/claims/megatron_table1_1.7b.yaml", "--format", "html",
                        "-o", work("layout.html").string()});
  EXPECT_EQ(r.exit_code, kExitInput);
  EXPECT_EQ(lines(r.err), 1) << r.err;
  EXPECT_THAT(r.err, HasSubstr("--format"));
  EXPECT_FALSE(fs::exists(work("layout.html")));
}

// The tornado has no page and no workbook: refused, not printed as a table.
TEST_F(Cli, TornadoInHtmlOrXlsxIsOneLineAndExitTwo) {
  for (const char* format : {"html", "xlsx"}) {
    const fs::path target = work(std::string("tornado.") + format);
    const Result r =
        run({"company", kCompany, "--tornado", "--format", format, "-o", target.string()});
    EXPECT_EQ(r.exit_code, kExitInput) << format;
    EXPECT_EQ(lines(r.err), 1) << r.err;
    EXPECT_THAT(r.err, HasSubstr("--format: company --tornado comes as table, json or csv"));
    EXPECT_FALSE(fs::exists(target));
  }
}

TEST_F(Cli, HtmlToAnUnwritablePathIsOneLineExitTwoAndNoFile) {
  const fs::path target = work("missing_dir") / "c.html";
  const Result r = run({"company", kCompany, "--format", "html", "-o", target.string()});
  EXPECT_EQ(r.exit_code, kExitInput);
  EXPECT_EQ(lines(r.err), 1) << r.err;
  EXPECT_THAT(r.err, HasSubstr("--output"));
  EXPECT_FALSE(fs::exists(target));
  EXPECT_TRUE(work_entries().empty());
}

}  // namespace
}  // namespace llmb
