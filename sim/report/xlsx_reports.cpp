#include "sim/report/xlsx_reports.h"

#include <fmt/format.h>

#include "sim/output/run_report.h"
#include "sim/report/xlsx_json_sheets.h"
#include "sim/report/xlsx_workbook.h"
#include "sim/schema/output_fields.h"
#include "sim/sweep/sweep_report.h"

namespace llmb {
namespace {

XlsxJson parsed(const std::string& document) {
  return XlsxJson::parse(document);
}

XlsxCell text(std::string value, CellStyle style = CellStyle::kText) {
  return XlsxCell::of_text(std::move(value), style);
}

XlsxSheet months_sheet(const std::string& name, const XlsxJson& company_json) {
  XlsxSheet sheet;
  sheet.name = name;
  append_table_rows(sheet, company_json["months"], money_code_of(company_json));
  return sheet;
}

// The company's own description of itself, and its inputs given as distributions.
void append_company_inputs(XlsxSheet& sheet, const SimulatedCompany& s) {
  const Company& c = s.company;
  auto row = [&](const std::string& key, XlsxCell value) {
    sheet.rows.push_back({text(c.name), text(key), std::move(value)});
  };
  row("file", text(c.file));
  row("description", text(c.description));
  row("source", text(c.source));
  row("horizon_months", XlsxCell::of_number(c.inputs.horizon_months, CellStyle::kCount));
  if (!s.currency.rate_note.empty()) row("currency", text(s.currency.rate_note));
  for (const UncertainInput& u : c.uncertain)
    row(u.path,
        text(fmt::format("{} distribution, central value {:.6g} (base units); {}:{}:{}",
                         u.kind_name, u.central, u.where.file, u.where.line, u.where.column)));
}

XlsxSheet inputs_sheet() {
  XlsxSheet sheet;
  sheet.name = "Inputs";
  sheet.column_widths = {28, 40, 100};
  sheet.frozen_columns = 2;
  sheet.rows.push_back({text("company", CellStyle::kHeader), text("input", CellStyle::kHeader),
                        text("value or source", CellStyle::kHeader)});
  return sheet;
}

}  // namespace

void write_company_workbook(const SimulatedCompany& s, const std::string& path) {
  const XlsxJson j = parsed(render_company(s, Format::kJson));
  const std::string code = money_code_of(j);
  XlsxWorkbook book;
  book.title = s.company.name;
  book.money_format = money_format_of(j);
  book.sheets.push_back(months_sheet(s.company.name, j));
  book.sheets.push_back(key_value_sheet("Outcomes", j, "", code));
  for (const char* list : {"quarters", "cap_table", "months"}) {
    XlsxSheet sheet;
    sheet.name = fmt::format("investor.{}", list);
    append_table_rows(sheet, j["investor"][list], code);
    if (sheet.rows.size() > 1) book.sheets.push_back(std::move(sheet));
  }
  if (!j["rent_or_buy"].empty()) {
    XlsxSheet sheet;
    sheet.name = "rent_or_buy";
    append_table_rows(sheet, j["rent_or_buy"], code);
    book.sheets.push_back(std::move(sheet));
  }
  XlsxSheet inputs = inputs_sheet();
  append_company_inputs(inputs, s);
  book.sheets.push_back(std::move(inputs));
  write_workbook(book, path);
}

void write_comparison_workbook(const std::vector<ComparedCompany>& companies,
                               const std::string& path) {
  const XlsxJson list = parsed(render_comparison(companies, Format::kJson));
  XlsxWorkbook book;
  book.title = "Comparison";
  // One currency for the workbook: compare prints every company in the one --currency.
  book.money_format = money_format_of(list.front());
  const std::string code = money_code_of(list.front());
  for (const auto& c : companies)
    book.sheets.push_back(
        months_sheet(c.simulated.company.name, parsed(render_company(c.simulated, Format::kJson))));

  // Outcomes: a row per key any company has, a column per company.
  XlsxSheet outcomes;
  outcomes.name = "Outcomes";
  outcomes.column_widths = {56};
  std::vector<XlsxCell> header{text("key", CellStyle::kHeader)};
  std::vector<std::string> keys;
  std::vector<std::vector<std::pair<std::string, const XlsxJson*>>> per_company;
  for (const auto& j : list) {
    header.push_back(text(j["name"].get<std::string>(), CellStyle::kHeader));
    auto& scalars = per_company.emplace_back();
    flatten_scalars(j, "", scalars);
    for (const auto& [key, value] : scalars)
      if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(key);
  }
  outcomes.rows.push_back(header);
  for (const auto& key : keys) {
    std::vector<XlsxCell> row{text(key)};
    for (const auto& scalars : per_company) {
      const auto at = std::find_if(scalars.begin(), scalars.end(),
                                   [&](const auto& kv) { return kv.first == key; });
      row.push_back(at == scalars.end() ? XlsxCell::empty() : json_cell(*at->second, key, code));
    }
    outcomes.rows.push_back(std::move(row));
  }
  book.sheets.push_back(std::move(outcomes));

  // The lists of each company, a table each, the company named in the first column.
  struct ListSheet {
    const char* name;
    std::vector<const char*> path;
  };
  const ListSheet lists[] = {{"revenue_and_customers", {"revenue_and_customers"}},
                             {"monte_carlo.sensitivity", {"monte_carlo", "sensitivity"}},
                             {"monte_carlo.fan.months", {"monte_carlo", "fan", "months"}}};
  for (const ListSheet& l : lists) {
    XlsxSheet sheet;
    sheet.name = l.name;
    for (const auto& j : list) {
      const XlsxJson* node = &j;
      for (const char* part : l.path)
        node = node && node->contains(part) ? &(*node)[part] : nullptr;
      if (node && node->is_array() && !node->empty())
        append_table_rows(sheet, *node, code, {{"company", j["name"].get<std::string>()}});
    }
    if (sheet.rows.size() > 1) book.sheets.push_back(std::move(sheet));
  }
  XlsxSheet inputs = inputs_sheet();
  for (const auto& c : companies) append_company_inputs(inputs, c.simulated);
  book.sheets.push_back(std::move(inputs));
  write_workbook(book, path);
}

namespace {

// The unit a training output's key names: wall_days in days, energy_mwh in MWh.
std::string unit_of(const OutputField& field) {
  const double k = field.key_unit_per_base;
  switch (field.dimension) {
    case Dimension::kFlop:
      return "FLOP";
    case Dimension::kTime:
      return k == 1.0 ? "s" : k == 1.0 / 3600.0 ? "hours" : "days";
    case Dimension::kGpuHours:
      return "GPU-hours";
    case Dimension::kDimensionless:
      return field.percent ? "fraction (shown as %)" : "";
    case Dimension::kPower:
      return k == 1e-6 ? "MW" : "W";
    case Dimension::kEnergy:
      return k == 1e-3 ? "MWh" : "kWh";
    case Dimension::kMass:
      return k == 1e-3 ? "t" : "kg";
    case Dimension::kUsd:
      return "USD";
    case Dimension::kCount:
      return "count";
    case Dimension::kBytesPerSecond:
      return k == 1e-9 ? "GB/s" : "B/s";
    default:
      return "";
  }
}

CellStyle style_of(const OutputField& field) {
  if (field.percent) return CellStyle::kPercent;
  if (field.dimension == Dimension::kUsd) return CellStyle::kMoney;
  return CellStyle::kNumber;
}

}  // namespace

void write_run_workbook(const Scenario& scenario, const TrainingOutputs& outputs,
                        const ReliabilityMonteCarlo* sampled, const std::string& path) {
  const XlsxJson j = parsed(render_run(scenario, outputs, Format::kJson, sampled));
  XlsxWorkbook book;
  book.title = scenario.name;

  XlsxSheet out;
  out.name = "Outputs";
  out.column_widths = {44, 44, 18, 22};
  out.rows.push_back({text("key", CellStyle::kHeader), text("label", CellStyle::kHeader),
                      text("value", CellStyle::kHeader), text("unit", CellStyle::kHeader)});
  std::vector<std::pair<std::string, const XlsxJson*>> scalars;
  flatten_scalars(j, "", scalars);
  for (const auto& [key, value] : scalars) {
    if (key.starts_with("scenario.") || key.starts_with("inputs.") ||
        key.starts_with("model_inputs."))
      continue;
    const OutputField* field = find_output_field(key);
    XlsxCell cell = json_cell(*value, key, "usd");
    if (field && cell.kind == XlsxCell::Kind::kNumber) cell.style = style_of(*field);
    out.rows.push_back({text(key), text(field ? std::string(field->label) : ""), cell,
                        text(field ? unit_of(*field) : "")});
  }
  book.sheets.push_back(std::move(out));

  XlsxSheet in;
  in.name = "Inputs";
  in.column_widths = {40, 22, 100};
  in.rows.push_back({text("key", CellStyle::kHeader), text("value", CellStyle::kHeader),
                     text("source", CellStyle::kHeader)});
  in.rows.push_back({text("scenario.name"), text(scenario.name), text(scenario.source)});
  in.rows.push_back({text("scenario.file"), text(scenario.file), text("")});
  // The GPU's catalog figures carry their own sources; the rest is the scenario's or the
  // catalog's defaults, named in the scenario's source.
  const auto gpu_source = [&](const std::string& key) -> std::string {
    if (key == "inputs.peak_flop_per_s") {
      const auto at = scenario.hardware.peak.find(scenario.precision);
      return at != scenario.hardware.peak.end() ? at->second.source : "";
    }
    if (key == "inputs.gpu_price_usd" && scenario.hardware.price)
      return scenario.hardware.price->source + (scenario.hardware.price->date.empty()
                                                    ? ""
                                                    : " (" + scenario.hardware.price->date + ")");
    if (key == "inputs.cloud_usd_per_gpu_hour" && scenario.hardware.cloud_price)
      return scenario.hardware.cloud_price->source +
             (scenario.hardware.cloud_price->date.empty()
                  ? ""
                  : " (" + scenario.hardware.cloud_price->date + ")");
    return "";
  };
  for (const auto& [key, value] : scalars) {
    if (!key.starts_with("inputs.") && !key.starts_with("model_inputs.")) continue;
    XlsxCell cell = json_cell(*value, key, "usd");
    if (cell.kind == XlsxCell::Kind::kNumber) {
      const std::string_view name = std::string_view(key).substr(key.find('.') + 1);
      cell.style = name.ends_with("_usd") || name.starts_with("cloud_usd") ||
                           name.starts_with("electricity_usd")
                       ? CellStyle::kMoney
                   : name == "mfu" ? CellStyle::kPercent
                                   : CellStyle::kNumber;
    }
    in.rows.push_back({text(key), cell, text(gpu_source(key))});
  }
  book.sheets.push_back(std::move(in));
  write_workbook(book, path);
}

void write_summary_workbook(const SweepPlan& plan, const SweepSummary& summary,
                            const SummaryOptions& options, const std::string& path) {
  const XlsxJson j = parsed(render_summary(plan, summary, options, Format::kJson));
  XlsxWorkbook book;
  book.title = j["sweep"]["name"].get<std::string>();
  XlsxSheet about = key_value_sheet("Sweep", j, "", "usd");
  // The statistics are their own sheet; leave them out of the key-value list.
  std::erase_if(about.rows, [](const std::vector<XlsxCell>& row) {
    return row.front().text.starts_with("outputs.");
  });
  book.sheets.push_back(std::move(about));

  XlsxSheet stats;
  stats.name = "Summary";
  stats.column_widths = {36, 40};
  static constexpr const char* kColumns[] = {"count", "min", "p5",  "p10",  "p50",
                                             "p90",   "p95", "max", "mean", "sd"};
  std::vector<XlsxCell> header{text("output", CellStyle::kHeader),
                               text("label", CellStyle::kHeader)};
  for (const char* c : kColumns) header.push_back(text(c, CellStyle::kHeader));
  stats.rows.push_back(header);
  for (const auto& [key, o] : j["outputs"].items()) {
    const OutputField* field = find_output_field(key);
    std::vector<XlsxCell> row{text(key), text(field ? std::string(field->label) : "")};
    for (const char* c : kColumns) {
      XlsxCell cell = o.contains(c) ? json_cell(o[c], c, "usd") : XlsxCell::empty();
      if (cell.kind == XlsxCell::Kind::kNumber && std::string_view(c) != "count" && field)
        cell.style = style_of(*field);
      row.push_back(cell);
    }
    stats.rows.push_back(std::move(row));
  }
  book.sheets.push_back(std::move(stats));

  for (const char* list : {"top", "pareto"}) {
    if (!j.contains(list)) continue;
    XlsxSheet sheet;
    sheet.name = list;
    append_table_rows(sheet, j[list]["points"], "usd");
    book.sheets.push_back(std::move(sheet));
  }
  write_workbook(book, path);
}

}  // namespace llmb
