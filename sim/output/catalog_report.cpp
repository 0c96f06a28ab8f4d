#include "sim/output/catalog_report.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "sim/schema/dotted_json.h"
#include "sim/schema/format.h"
#include "sim/schema/text_table.h"

namespace llmb {
namespace {

using Json = nlohmann::ordered_json;

std::string peak_cell(const GpuSpec& gpu, const std::string& precision) {
  const auto found = gpu.peak.find(precision);
  return found == gpu.peak.end() ? "-" : fmt::format("{:.5g}", found->second.value / 1e12);
}

// One row per GPU: its dense peak at each precision a table has room for (bf16 shows fp16 where
// a GPU has no bf16), then each figure with a column, in its unit.
std::string render_table(const Catalog& catalog) {
  const std::vector<std::string> precisions = {"fp64", "fp32", "tf32", "bf16", "fp8", "fp4"};
  std::vector<TextColumn> columns = {{"gpu", Align::kLeft}};
  for (const std::string& precision : precisions)
    columns.push_back({precision, Align::kRight, "TFLOP/s"});
  for (const auto& figure : gpu_figures())
    if (*figure.table_header) columns.push_back({figure.table_header});
  TextTable table(std::move(columns), 0);
  for (const auto& [name, gpu] : catalog.gpus) {
    std::vector<std::string> cells = {name};
    for (const std::string& precision : precisions)
      cells.push_back(precision == "bf16" && !gpu.peak.contains("bf16")
                          ? peak_cell(gpu, "fp16")
                          : peak_cell(gpu, precision));
    for (const auto& figure : gpu_figures()) {
      if (!*figure.table_header) continue;
      const auto& value = gpu.*figure.member;
      cells.push_back(value ? format_quantity(value->value, figure.dimension) : "-");
    }
    table.row(std::move(cells));
  }
  return table.text();
}

Json sourced_json(const Sourced& value) {
  Json j{{"value", value.value}, {"source", value.source}};
  if (!value.date.empty()) j["date"] = value.date;
  return j;
}

// One row per GPU, every figure in base units (FLOP/s, bytes, W, USD), with the date of each
// price; empty where the catalog has no figure.
std::string render_csv(const Catalog& catalog) {
  std::string text = "gpu,description,released";
  for (const std::string& precision : precision_names())
    text += fmt::format(",peak_{}_flop_per_s", precision);
  for (const auto& figure : gpu_figures()) {
    text += fmt::format(",{}", figure.json_key);
    if (figure.is_price) text += fmt::format(",{}_date", figure.json_key);
  }
  text += "\n";
  for (const auto& [name, gpu] : catalog.gpus) {
    text += fmt::format("{},{},{}", csv_quoted(name), csv_quoted(gpu.description),
                        csv_quoted(gpu.released));
    for (const std::string& precision : precision_names()) {
      const auto found = gpu.peak.find(precision);
      text += found == gpu.peak.end() ? "," : fmt::format(",{:.17g}", found->second.value);
    }
    for (const auto& figure : gpu_figures()) {
      const auto& value = gpu.*figure.member;
      text += value ? fmt::format(",{:.17g}", value->value) : ",";
      if (figure.is_price) text += "," + (value ? csv_quoted(value->date) : std::string());
    }
    text += "\n";
  }
  return text;
}

}  // namespace

std::string render_catalog(const Catalog& catalog, Format format, bool with_sources) {
  if (format == Format::kCsv) return render_csv(catalog);
  if (format == Format::kJson) {
    Json gpus;
    for (const auto& [name, gpu] : catalog.gpus) {
      Json j{{"description", gpu.description}, {"released", gpu.released}};
      for (const auto& [precision, value] : gpu.peak)
        j["peak_flop_per_s"][precision] = sourced_json(value);
      for (const auto& figure : gpu_figures())
        if (const auto& value = gpu.*figure.member) j[figure.json_key] = sourced_json(*value);
      gpus[name] = j;
    }
    Json rates = Json::array();
    for (const ExchangeRate& r : catalog.exchange_rates.rates)
      rates.push_back({{"currency", r.currency},
                       {"year", r.year},
                       {"per_usd", r.per_usd},
                       {"source", r.source},
                       {"date", r.date}});
    return json_document(Json{{"gpus", gpus}, {"exchange_rates", rates}});
  }

  std::string text = render_table(catalog);
  text +=
      "\nDense peaks (no sparsity); bf16 column shows fp16 where a GPU has no bf16 (V100).\n"
      "server: the power of one server of gpus_per_server GPUs (a whole rack for NVL72 parts).\n";
  if (!with_sources) return text + "Run with --sources for the source of every number.\n";

  for (const auto& [name, gpu] : catalog.gpus) {
    text += fmt::format("\n{} ({}, released {})\n", name, gpu.description, gpu.released);
    for (const auto& [precision, value] : gpu.peak)
      text += fmt::format("  peak.{:<14} {}\n", precision, value.source);
    for (const auto& figure : gpu_figures()) {
      const auto& value = gpu.*figure.member;
      if (!value) continue;
      text += fmt::format("  {:<19} {}{}\n", figure.key, value->source,
                          value->date.empty() ? "" : fmt::format(" [{}]", value->date));
    }
  }
  if (!catalog.exchange_rates.rates.empty()) {
    text += "\nExchange rates, units per US dollar (yearly averages)\n";
    for (const ExchangeRate& r : catalog.exchange_rates.rates)
      text +=
          fmt::format("  {} {} {:<10g} {} [{}]\n", r.currency, r.year, r.per_usd, r.source, r.date);
  }
  return text;
}

}  // namespace llmb
