#include "sim/report/html_reports.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <iterator>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "sim/report/html_page.h"
#include "sim/schema/format.h"
#include "sim/schema/output_fields.h"

namespace llmb {
namespace {

using Json = nlohmann::json;

// Colours that stay apart on screen and in greyscale print.
const std::vector<std::string> kColours = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728",
                                           "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"};

const std::string& colour(std::size_t index) {
  return kColours[index % kColours.size()];
}

Json axis(const std::string& title, bool stacked = false) {
  Json a = {{"title", {{"display", true}, {"text", title}}}};
  if (stacked) a["stacked"] = true;
  return a;
}

// A line or bar chart over months.
Json monthly_chart(const std::string& type, const Json& months, const Json& datasets,
                   const std::string& y_title, bool stacked) {
  Json labels = Json::array();
  for (const Json& m : months) labels.push_back(m["month"]);
  return {
      {"type", type},
      {"data", {{"labels", labels}, {"datasets", datasets}}},
      {"options", {{"scales", {{"x", axis("month", stacked)}, {"y", axis(y_title, stacked)}}}}}};
}

Json series(const Json& months, const std::string& key, const std::string& label, std::size_t index,
            double scale = 1) {
  Json data = Json::array();
  for (const Json& m : months)
    data.push_back(m[key].is_number() ? Json(m[key].get<double>() * scale) : Json());
  return {{"label", label},
          {"data", data},
          {"borderColor", colour(index)},
          {"backgroundColor", colour(index)},
          {"pointRadius", 0}};
}

HtmlCell money_cell(const Json& value, const std::string& key) {
  if (!value.is_number()) return {"none", "", 0};
  return {format_usd(value.get<double>()), key, value.get<double>()};
}

HtmlCell number_cell(const Json& value, const std::string& key, Dimension dimension,
                     bool percent = false) {
  if (!value.is_number()) return {"none", "", 0};
  const double v = value.get<double>();
  return {percent ? fmt::format("{:.3g}%", v * 100) : format_quantity(v, dimension), key, v};
}

void company_sections(HtmlPage& page, const Json& j, const std::string& prefix) {
  const Json& o = j["outcome"];
  page.table(
      {"outcome", "value"},
      {{{"funding needed"},
        money_cell(o["funding_needed_usd"], prefix + "outcome.funding_needed_usd")},
       {{"break-even month"},
        number_cell(o["break_even_month"], prefix + "outcome.break_even_month",
                    Dimension::kDimensionless)},
       {{"runway (months)"},
        number_cell(o["runway_months"], prefix + "outcome.runway_months",
                    Dimension::kDimensionless)},
       {{"cash at end"}, money_cell(o["cash_at_end_usd"], prefix + "outcome.cash_at_end_usd")},
       {{"revenue at end (per month)"},
        money_cell(o["revenue_at_end_usd_per_month"],
                   prefix + "outcome.revenue_at_end_usd_per_month")},
       {{"revenue, total"},
        money_cell(o["revenue_total_usd"], prefix + "outcome.revenue_total_usd")}});
  const Json& months = j["months"];
  // The break-even month marked on the cash curve: a point of its own in the legend.
  Json cash = Json::array({series(months, "cash_usd", "cash (USD)", 0)});
  if (o["break_even_month"].is_number()) {
    const double month = o["break_even_month"].get<double>();
    Json point = Json::array();
    for (const Json& m : months)
      point.push_back(m["month"].get<double>() == month ? m["cash_usd"] : Json());
    cash.push_back({{"label", fmt::format("break-even, month {:g}", month)},
                    {"data", point},
                    {"borderColor", colour(3)},
                    {"backgroundColor", colour(3)},
                    {"pointRadius", 7},
                    {"pointStyle", "triangle"},
                    {"showLine", false}});
  }
  page.chart("Cash at the end of each month", monthly_chart("line", months, cash, "USD", false));
  Json revenue = Json::array({series(months, "revenue_consumer_usd", "consumer", 0),
                              series(months, "revenue_api_usd", "API", 1),
                              series(months, "revenue_enterprise_usd", "enterprise", 2)});
  page.chart("Revenue by stream", monthly_chart("bar", months, revenue, "USD per month", true));
  Json spend = Json::array();
  const std::vector<std::pair<std::string, std::string>> categories = {
      {"cost_people_usd", "people"},
      {"cost_training_usd", "training"},
      {"cost_serving_usd", "serving"},
      {"cost_data_usd", "data"},
      {"cost_customization_usd", "customization"},
      {"cost_cluster_usd", "cluster"},
      {"cost_other_usd", "other"}};
  for (std::size_t i = 0; i < categories.size(); ++i)
    spend.push_back(series(months, categories[i].first, categories[i].second, i));
  page.chart("Spend by category", monthly_chart("bar", months, spend, "USD per month", true));
  Json people = Json::array({series(months, "headcount", "headcount", 0),
                             series(months, "training_gpus", "training GPUs", 1),
                             series(months, "serving_gpus", "serving GPUs", 2)});
  page.chart("Headcount and GPUs", monthly_chart("line", months, people, "count", false));
  const Json& cap = j["investor"]["cap_table"];
  if (!cap.empty()) {
    page.heading("Cap table after each round");
    std::vector<std::vector<HtmlCell>> rows;
    for (std::size_t r = 0; r < cap.size(); ++r) {
      const std::string key = fmt::format("{}investor.cap_table.{}.", prefix, r);
      rows.push_back(
          {{cap[r]["round"].get<std::string>()},
           number_cell(cap[r]["month"], key + "month", Dimension::kDimensionless),
           money_cell(cap[r]["post_money_usd"], key + "post_money_usd"),
           number_cell(cap[r]["founders"], key + "founders", Dimension::kDimensionless, true),
           number_cell(cap[r]["option_pool"], key + "option_pool", Dimension::kDimensionless,
                       true)});
    }
    page.table({"round", "month", "post-money", "founders", "option pool"}, rows);
  }
}

std::string company_page(const Json& j) {
  HtmlPage page(j["name"].get<std::string>());
  page.paragraph("From " + j["file"].get<std::string>() + ", over " +
                 fmt::format("{:g}", j["horizon_months"].get<double>()) + " months.");
  company_sections(page, j, "");
  return page.render();
}

std::string compare_page(const Json& j) {
  HtmlPage page("Companies compared");
  std::vector<std::vector<HtmlCell>> rows;
  Json labels = Json::array(), funding = Json::array();
  for (std::size_t c = 0; c < j.size(); ++c) {
    const Json& o = j[c]["outcome"];
    const std::string key = fmt::format("{}.outcome.", c);
    rows.push_back(
        {{j[c]["name"].get<std::string>()},
         money_cell(o["funding_needed_usd"], key + "funding_needed_usd"),
         number_cell(o["break_even_month"], key + "break_even_month", Dimension::kDimensionless),
         number_cell(o["runway_months"], key + "runway_months", Dimension::kDimensionless),
         money_cell(o["cash_at_end_usd"], key + "cash_at_end_usd"),
         money_cell(o["revenue_total_usd"], key + "revenue_total_usd")});
    labels.push_back(j[c]["name"]);
    funding.push_back(o["funding_needed_usd"]);
  }
  page.table({"company", "funding needed", "break-even month", "runway (months)", "cash at end",
              "revenue, total"},
             rows);
  page.chart("Funding needed",
             {{"type", "bar"},
              {"data",
               {{"labels", labels},
                {"datasets",
                 {{{"label", "funding needed (USD)"},
                   {"data", funding},
                   {"backgroundColor", colour(0)}}}}}},
              {"options", {{"scales", {{"x", axis("company")}, {"y", axis("USD")}}}}}});
  for (std::size_t c = 0; c < j.size(); ++c) {
    if (!j[c].contains("monte_carlo")) continue;
    const Json& mc = j[c]["monte_carlo"];
    const std::string name = j[c]["name"].get<std::string>();
    page.heading(name + fmt::format(": Monte Carlo of {} samples", mc["samples"].get<double>()));
    const std::string key = fmt::format("{}.monte_carlo.funding_needed_usd.", c);
    page.table({"funding needed", "P10", "P50", "P90"},
               {{{"USD"},
                 money_cell(mc["funding_needed_usd"]["p10"], key + "p10"),
                 money_cell(mc["funding_needed_usd"]["p50"], key + "p50"),
                 money_cell(mc["funding_needed_usd"]["p90"], key + "p90")}});
    // The fan: P10 and P90 as a filled band around P50.
    Json months = Json::array();
    Json p10 = Json::array(), p50 = Json::array(), p90 = Json::array();
    for (const Json& m : mc["fan"]["months"]) {
      months.push_back({{"month", m["month"]}});
      p10.push_back(m["cash_usd"]["p10"]);
      p50.push_back(m["cash_usd"]["p50"]);
      p90.push_back(m["cash_usd"]["p90"]);
    }
    Json fan = Json::array(
        {{{"label", "P90"},
          {"data", p90},
          {"borderColor", colour(0)},
          {"pointRadius", 0},
          {"fill", "+2"},
          {"backgroundColor", "rgba(31,119,180,0.2)"}},
         {{"label", "P50"}, {"data", p50}, {"borderColor", colour(1)}, {"pointRadius", 0}},
         {{"label", "P10"}, {"data", p10}, {"borderColor", colour(0)}, {"pointRadius", 0}}});
    page.chart(name + ": cash, P10/P50/P90", monthly_chart("line", months, fan, "USD", false));
    // The tornado: each input's swing of funding needed, between its P10 and P90.
    Json inputs = Json::array(), low = Json::array(), high = Json::array();
    for (const Json& s : mc["sensitivity"]) {
      inputs.push_back(s["path"]);
      low.push_back(s["funding_needed_at_p10_usd"]);
      high.push_back(s["funding_needed_at_p90_usd"]);
    }
    page.chart(name + ": funding needed with each input at its P10 and P90",
               {{"type", "bar"},
                {"data",
                 {{"labels", inputs},
                  {"datasets",
                   {{{"label", "input at P10"}, {"data", low}, {"backgroundColor", colour(0)}},
                    {{"label", "input at P90"}, {"data", high}, {"backgroundColor", colour(1)}}}}}},
                {"options",
                 {{"indexAxis", "y"},
                  {"scales", {{"x", axis("funding needed (USD)")}, {"y", axis("input")}}}}}});
  }
  return page.render();
}

std::string run_page(const Json& j) {
  HtmlPage page(j["scenario"]["name"].get<std::string>());
  page.paragraph("From " + j["scenario"]["file"].get<std::string>() + ".");
  // The cost three ways side by side.
  Json costs = Json::array(), labels = Json::array();
  for (const auto& [key, label] : std::vector<std::pair<std::string, std::string>>{
           {"cloud_usd", "cloud"},
           {"amortized_usd", "amortized"},
           {"purchase_cluster_usd", "purchase (cluster)"}}) {
    labels.push_back(label);
    costs.push_back(j["cost"][key]);
  }
  page.chart(
      "Cost three ways",
      {{"type", "bar"},
       {"data",
        {{"labels", labels},
         {"datasets", {{{"label", "USD"}, {"data", costs}, {"backgroundColor", colour(0)}}}}}},
       {"options", {{"scales", {{"x", axis("how the GPUs are paid for")}, {"y", axis("USD")}}}}}});
  // When the MFU is derived from a layout: where a training step's time goes.
  if (j.contains("layout") && j["layout"].contains("time")) {
    Json parts = Json::array(), seconds = Json::array();
    for (const auto& [name, value] : j["layout"]["time"].items())
      if (value.is_number()) {
        parts.push_back(name);
        seconds.push_back(value);
      }
    page.chart(
        "Where a step's time goes",
        {{"type", "bar"},
         {"data",
          {{"labels", parts},
           {"datasets", {{{"label", "s"}, {"data", seconds}, {"backgroundColor", colour(1)}}}}}},
         {"options", {{"scales", {{"x", axis("component")}, {"y", axis("s")}}}}}});
  }
  // Every output from the result schema, in its unit.
  page.heading("Outputs");
  std::vector<std::vector<HtmlCell>> rows;
  for (const OutputField& field : training_output_fields()) {
    const Json* value = &j;
    std::string key(field.key);
    for (std::size_t start = 0; value;) {
      const std::size_t dot = key.find('.', start);
      const std::string part = key.substr(start, dot - start);
      value = value->is_object() && value->contains(part) ? &(*value)[part] : nullptr;
      if (dot == std::string::npos) break;
      start = dot + 1;
    }
    if (!value || !value->is_number()) continue;
    const double shown = value->get<double>();
    const double base = shown / field.key_unit_per_base;
    rows.push_back({{std::string(field.label)},
                    {field.percent ? fmt::format("{:.3g}%", shown * 100)
                                   : format_quantity(base, field.dimension),
                     key, shown}});
  }
  page.table({"output", "value"}, rows);
  page.heading("Inputs");
  std::vector<std::vector<HtmlCell>> inputs;
  for (const auto& [name, value] : j["inputs"].items())
    inputs.push_back({{name},
                      value.is_number()
                          ? HtmlCell{fmt::format("{:.4g}", value.get<double>()), "inputs." + name,
                                     value.get<double>()}
                          : HtmlCell{value.is_string() ? value.get<std::string>() : value.dump()}});
  page.table({"input", "value"}, inputs);
  return page.render();
}

// Rows of the top points a page lists; all of them are in the surface chart.
constexpr std::size_t kTopRowsShown = 20;

// A sweep input's value as a number, when it is one ("1000000000"); sweeps print values as
// strings, since an axis may also be a name (a GPU).
std::optional<double> numeric(const Json& value) {
  if (value.is_number()) return value.get<double>();
  if (!value.is_string()) return std::nullopt;
  const std::string text = value.get<std::string>();
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  if (text.empty() || *end != '\0') return std::nullopt;
  return v;
}

// The ranked points over two numeric inputs as a heatmap: a square per point, coloured from blue
// (lowest) to red (highest) on a log scale of the ranked output. Chart.js 3.9 has no heatmap, so
// it is a scatter chart with square points. Drawn when every point varies the same two inputs.
void surface_chart(HtmlPage& page, const Json& top) {
  const Json& points = top["points"];
  if (points.size() < 4 || points[0]["inputs"].size() != 2) return;
  const std::string by = top["by"].get<std::string>();
  const std::string x_key = points[0]["inputs"].begin().key();
  const std::string y_key = std::next(points[0]["inputs"].begin()).key();
  double low = 0, high = 0;
  std::vector<std::array<double, 3>> xyz;
  for (const Json& p : points) {
    const Json& in = p["inputs"];
    const auto x = in.contains(x_key) ? numeric(in[x_key]) : std::nullopt;
    const auto y = in.contains(y_key) ? numeric(in[y_key]) : std::nullopt;
    if (!x || !y || in.size() != 2 || !p[by].is_number() || p[by].get<double>() <= 0) return;
    const double z = std::log10(p[by].get<double>());
    low = xyz.empty() ? z : std::min(low, z);
    high = xyz.empty() ? z : std::max(high, z);
    xyz.push_back({*x, *y, z});
  }
  Json data = Json::array(), colours = Json::array();
  for (const auto& [x, y, z] : xyz) {
    data.push_back({{"x", x}, {"y", y}, {"v", std::pow(10.0, z)}});
    const double t = high > low ? (z - low) / (high - low) : 0.5;
    colours.push_back(fmt::format("hsl({:.0f},80%,50%)", 240 * (1 - t)));
  }
  page.paragraph(fmt::format("Colour: {} from {} (blue) to {} (red), on a log scale.", by,
                             format_quantity(std::pow(10.0, low), Dimension::kDimensionless),
                             format_quantity(std::pow(10.0, high), Dimension::kDimensionless)));
  page.chart(
      by + " over " + x_key + " and " + y_key,
      {{"type", "scatter"},
       {"data",
        {{"datasets",
          {{{"label", by},
            {"data", data},
            {"pointStyle", "rect"},
            {"pointRadius", 7},
            {"pointBackgroundColor", colours},
            {"pointBorderWidth", 0}}}}}},
       {"options",
        {{"plugins", {{"legend", {{"display", false}}}}},
         {"scales",
          {{"x", {{"type", "logarithmic"}, {"title", {{"display", true}, {"text", x_key}}}}},
           {"y", {{"type", "logarithmic"}, {"title", {{"display", true}, {"text", y_key}}}}}}}}}});
}

// A sweep's summary: the quantiles of every output, the histograms of the costs and days, the
// top points and the Pareto front of cost against days.
std::string sweep_page(const Json& j) {
  HtmlPage page(j["sweep"]["name"].get<std::string>());
  page.paragraph(fmt::format("From {} over {}: {:g} points ({:g} grid points x {:g} samples).",
                             j["sweep"]["file"].get<std::string>(),
                             j["sweep"]["base"].get<std::string>(), j["count"].get<double>(),
                             j["grid_points"].get<double>(), j["samples"].get<double>()));
  const Json& outputs = j["outputs"];
  const std::vector<std::string> quantiles = {"min", "p10", "p50", "p90", "max"};
  std::vector<std::vector<HtmlCell>> rows;
  for (const OutputField& field : training_output_fields()) {
    const std::string key(field.key);
    if (!outputs.contains(key)) continue;
    std::vector<HtmlCell> row = {{std::string(field.label)}};
    for (const std::string& q : quantiles) {
      const Json& v = outputs[key][q];
      if (!v.is_number()) {
        row.push_back({"none"});
        continue;
      }
      const double shown = v.get<double>();
      row.push_back({field.percent
                         ? fmt::format("{:.3g}%", shown * 100)
                         : format_quantity(shown / field.key_unit_per_base, field.dimension),
                     "outputs." + key + "." + q, shown});
    }
    rows.push_back(row);
  }
  page.heading("Quantiles of every output");
  page.table({"output", "min", "P10", "P50", "P90", "max"}, rows);
  for (const std::string& key : {"cost.cloud_usd", "cost.amortized_usd", "wall_days"}) {
    if (!outputs.contains(key)) continue;
    const Json& h = outputs[key]["histogram"];
    Json labels = Json::array();
    for (std::size_t b = 0; b + 1 < h["edges"].size(); ++b)
      labels.push_back(fmt::format("{:.3g}", h["edges"][b].get<double>()));
    page.chart(
        "Histogram of " + key,
        {{"type", "bar"},
         {"data",
          {{"labels", labels},
           {"datasets",
            {{{"label", "points"}, {"data", h["counts"]}, {"backgroundColor", colour(0)}}}}}},
         {"options",
          {{"scales", {{"x", axis(key + " (bin's lower edge)")}, {"y", axis("points")}}}}}});
  }
  if (j.contains("pareto")) {
    const std::string cost = j["pareto"]["cost"].get<std::string>();
    Json points = Json::array();
    for (const Json& p : j["pareto"]["points"])
      points.push_back({{"x", p["wall_days"]}, {"y", p[cost]}});
    page.chart("Pareto front: " + cost + " against wall days",
               {{"type", "scatter"},
                {"data",
                 {{"datasets",
                   {{{"label", "Pareto-optimal points"},
                     {"data", points},
                     {"showLine", true},
                     {"borderColor", colour(1)},
                     {"backgroundColor", colour(1)}}}}}},
                {"options", {{"scales", {{"x", axis("wall days")}, {"y", axis(cost)}}}}}});
  }
  if (j.contains("top")) surface_chart(page, j["top"]);
  if (j.contains("top")) {
    const std::string by = j["top"]["by"].get<std::string>();
    page.heading("Top points by " + by + " (" + j["top"]["order"].get<std::string>() + ")");
    std::vector<std::vector<HtmlCell>> top;
    for (std::size_t i = 0; i < std::min<std::size_t>(j["top"]["points"].size(), kTopRowsShown);
         ++i) {
      const Json& p = j["top"]["points"][i];
      std::string inputs;
      for (const auto& [name, value] : p["inputs"].items())
        inputs += (inputs.empty() ? "" : ", ") + name + "=" +
                  (value.is_string() ? value.get<std::string>()
                                     : fmt::format("{:.4g}", value.get<double>()));
      top.push_back({{fmt::format("{:g}", p["index"].get<double>())},
                     {fmt::format("{:.4g}", p[by].get<double>()),
                      fmt::format("top.points.{}.{}", i, by), p[by].get<double>()},
                     {inputs}});
    }
    page.table({"point", by, "inputs"}, top);
  }
  return page.render();
}

// Every claim's relative error against its tolerance, grouped by the scenario that makes it.
std::string claims_page(const Json& j) {
  HtmlPage page("Claims: published figures against the models");
  Json labels = Json::array(), band = Json::array(), error = Json::array();
  std::vector<std::vector<HtmlCell>> rows;
  std::string scenario;
  for (std::size_t i = 0; i < j.size(); ++i) {
    const Json& c = j[i];
    if (c["scenario"].get<std::string>() != scenario) {
      scenario = c["scenario"].get<std::string>();
      rows.push_back({{scenario}, {""}, {""}, {""}, {""}, {""}, {""}});
    }
    const std::string key = fmt::format("{}.", i);
    // A claim is a published figure with a tolerance, or a range the output must fall in.
    const bool ranged = !c.contains("published");
    rows.push_back(
        {{c["claim"].get<std::string>()},
         {c["source"].get<std::string>()},
         {fmt::format("{:.4g}", c["simulated"].get<double>()), key + "simulated",
          c["simulated"].get<double>()},
         ranged ? HtmlCell{fmt::format("range {:.4g} to {:.4g}", c["range"]["min"].get<double>(),
                                       c["range"]["max"].get<double>())}
                : HtmlCell{fmt::format("{:.4g}", c["published"].get<double>()), key + "published",
                           c["published"].get<double>()},
         ranged ? HtmlCell{"none"}
                : number_cell(c["tolerance"], key + "tolerance", Dimension::kDimensionless, true),
         ranged ? HtmlCell{"none"}
                : number_cell(c["relative_error"], key + "relative_error",
                              Dimension::kDimensionless, true),
         {c["pass"].get<bool>() ? "yes" : "NO"}});
    if (ranged) continue;
    labels.push_back(c["claim"]);
    band.push_back(c["tolerance"]);
    error.push_back(c["relative_error"]);
  }
  page.chart("Relative error of each claim against its tolerance",
             {{"type", "bar"},
              {"data",
               {{"labels", labels},
                {"datasets",
                 {{{"type", "line"},
                   {"label", "relative error"},
                   {"data", error},
                   {"showLine", false},
                   {"pointRadius", 4},
                   {"borderColor", colour(3)},
                   {"backgroundColor", colour(3)}},
                  {{"label", "tolerance"},
                   {"data", band},
                   {"backgroundColor", "rgba(44,160,44,0.35)"}}}}}},
              {"options",
               {{"indexAxis", "y"},
                {"scales",
                 {{"x", axis("relative error (fraction of the published figure)")},
                  {"y", {{"ticks", {{"autoSkip", false}}}}}}}}}},
             2.0 + 1.1 * static_cast<double>(labels.size()));
  page.table({"claim", "source", "simulated", "published", "tolerance", "error", "within"}, rows);
  return page.render();
}

void flattened(const Json& value, const std::string& key,
               std::vector<std::vector<HtmlCell>>& rows) {
  if (value.is_object()) {
    for (const auto& [name, child] : value.items())
      flattened(child, key.empty() ? name : key + "." + name, rows);
  } else if (value.is_array()) {
    for (std::size_t i = 0; i < value.size(); ++i)
      flattened(value[i], fmt::format("{}.{}", key, i), rows);
  } else if (value.is_number()) {
    rows.push_back({{key}, {fmt::format("{:.4g}", value.get<double>()), key, value.get<double>()}});
  } else if (value.is_string() || value.is_boolean()) {
    rows.push_back({{key}, {value.is_string() ? value.get<std::string>() : value.dump()}});
  }
}

// The page of a result without charts of its own: its figures, each under its JSON key (whose
// name carries its unit).
std::string fields_page(const Json& j) {
  std::string title = "llmbudget result";
  if (j.contains("scenario") && j["scenario"].contains("name"))
    title = j["scenario"]["name"].get<std::string>();
  HtmlPage page(title);
  std::vector<std::vector<HtmlCell>> rows;
  flattened(j, "", rows);
  page.table({"key", "value"}, rows);
  return page.render();
}

}  // namespace

std::string html_report(HtmlReport kind, const std::string& json_document) {
  const Json j = Json::parse(json_document);
  switch (kind) {
    case HtmlReport::kRun:
      return run_page(j);
    case HtmlReport::kCompany:
      return company_page(j);
    case HtmlReport::kCompare:
      return compare_page(j);
    case HtmlReport::kSweep:
      return sweep_page(j);
    case HtmlReport::kClaims:
      return claims_page(j);
    case HtmlReport::kFields:
      return fields_page(j);
  }
  return {};
}

}  // namespace llmb
