#include "sim/sweep/sweep_report.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <nlohmann/json.hpp>

#include "sim/output/format.h"
#include "sim/output/output_fields.h"

namespace llmb {
namespace {

using Json = nlohmann::ordered_json;

constexpr double kQuantiles[] = {0.05, 0.10, 0.50, 0.90, 0.95};
constexpr const char* kQuantileNames[] = {"p5", "p10", "p50", "p90", "p95"};
constexpr int kCoarseBins = 20;

const OutputField& field_at(int f) {
  return training_output_fields()[static_cast<std::size_t>(f)];
}

// Numbers in rows are the shortest text that reads back as the same double: std::to_chars.
// A hand-laid variant on the digits of fmt's internal Dragonbox measured 0.95M against 0.98M
// rows/s on one thread and 1.64M against 1.46M on two (a noisy machine): not enough to keep a
// formatter of our own on a library's internal API.
// Room a number needs: "-1.2345678901234567e-308".
constexpr std::size_t kMaxNumberChars = 32;

char* write_number(char* out, double value) {
  return std::to_chars(out, out + kMaxNumberChars, value).ptr;
}

char* write_number(char* out, std::uint64_t value) {
  return std::to_chars(out, out + kMaxNumberChars, value).ptr;
}

// A chunk's text, written through a pointer into a string that grows ahead of it.
class TextBuffer {
 public:
  explicit TextBuffer(std::size_t expected) { text_.resize(expected); }
  // Room for `bytes` more characters at the returned position.
  char* room(std::size_t bytes) {
    if (used_ + bytes > text_.size()) text_.resize(std::max(2 * text_.size(), used_ + bytes));
    return text_.data() + used_;
  }
  void advance_to(const char* end) { used_ = static_cast<std::size_t>(end - text_.data()); }
  std::string take() {
    text_.resize(used_);
    return std::move(text_);
  }

 private:
  std::string text_;
  std::size_t used_ = 0;
};

bool needs_quotes(const std::string& text) {
  return text.find_first_of(",\"\n") != std::string::npos;
}

void append_csv_text(std::string& out, const std::string& text) {
  if (!needs_quotes(text)) {
    out += text;
    return;
  }
  out += '"';
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

// Column names of the inputs: every axis path, then every random path.
std::vector<std::string> input_columns(const SweepPlan& plan) {
  std::vector<std::string> names;
  for (const auto& axis : plan.axes())
    names.insert(names.end(), axis.paths.begin(), axis.paths.end());
  for (const auto& random : plan.file().randoms) names.push_back(random.path);
  return names;
}

// The point's inputs as a JSON object: axis settings as written, random draws in base units.
Json point_inputs(const SweepPlan& plan, std::uint64_t index) {
  Json j;
  const SweepPlanView view = plan.view();
  const std::uint64_t grid = grid_index_of(view, index);
  for (std::size_t a = 0; a < plan.axes().size(); ++a) {
    const AxisSpec& axis = plan.axes()[a];
    const std::size_t s = plan.setting_of(a, grid);
    for (std::size_t p = 0; p < axis.paths.size(); ++p) j[axis.paths[p]] = axis.labels[s][p];
  }
  for (std::size_t r = 0; r < plan.file().randoms.size(); ++r)
    j[plan.file().randoms[r].path] = sweep_random_value(view, index, static_cast<int>(r));
  return j;
}

Json number(double v) {
  return std::isfinite(v) ? Json(v) : Json(nullptr);
}

// 20 log-spaced bins from min to max, summed from the fine histogram.
Json coarse_histogram(const OutputSummary& s, double scale) {
  Json edges = Json::array(), counts = Json::array();
  const double lo = s.moments.min, hi = s.moments.max;
  if (!(lo > 0) || !(hi > lo)) {
    edges = {number(lo * scale), number(hi * scale)};
    counts = {s.moments.count};
    return Json{{"edges", edges}, {"counts", counts}};
  }
  std::vector<std::uint64_t> coarse(kCoarseBins, 0);
  const double log_lo = std::log10(lo), log_span = std::log10(hi) - log_lo;
  for (int i = 0; i < static_cast<int>(s.histogram.size()); ++i) {
    const int bin = s.first_bin + i;
    const std::uint64_t count = s.histogram[static_cast<std::size_t>(i)];
    if (count == 0) continue;
    double center = lo;
    if (bin == kBinOverflow)
      center = hi;
    else if (bin >= kFirstLogBin)
      center = std::sqrt(histogram_bin_low(bin) * histogram_bin_low(bin + 1));
    const double t = (std::log10(std::clamp(center, lo, hi)) - log_lo) / log_span;
    coarse[static_cast<std::size_t>(
        std::min(kCoarseBins - 1, static_cast<int>(t * kCoarseBins)))] += count;
  }
  for (int i = 0; i <= kCoarseBins; ++i)
    edges.push_back(std::pow(10.0, log_lo + log_span * i / kCoarseBins) * scale);
  for (auto c : coarse) counts.push_back(c);
  return Json{{"edges", edges}, {"counts", counts}};
}

Json summary_json(const SweepPlan& plan, const SweepSummary& summary, const SummaryOptions& options,
                  const RunFacts& facts) {
  Json j;
  j["sweep"] = {
      {"name", plan.file().name}, {"file", plan.file().file}, {"base", plan.file().base_path}};
  j["count"] = summary.count;
  j["grid_points"] = plan.grid_points();
  j["samples"] = plan.file().samples;
  j["seed"] = plan.file().seed;
  j["device"] = facts.device;
  j["seconds"] = facts.seconds;
  Json outputs;
  for (int f = 0; f < kTrainingOutputFields; ++f) {
    const OutputField& field = field_at(f);
    const OutputSummary& s = summary.outputs[static_cast<std::size_t>(f)];
    const double k = field.key_unit_per_base;
    Json o{{"count", s.moments.count}, {"min", number(s.moments.min * k)}};
    for (std::size_t q = 0; q < std::size(kQuantiles); ++q)
      o[kQuantileNames[q]] = number(s.quantile(kQuantiles[q]) * k);
    o["max"] = number(s.moments.max * k);
    o["mean"] = number(s.moments.mean * k);
    o["sd"] =
        number(s.moments.count > 1 ? std::sqrt(s.moments.m2 / (s.moments.count - 1)) * k : 0.0);
    o["histogram"] = coarse_histogram(s, k);
    outputs[std::string(field.key)] = o;
  }
  j["outputs"] = outputs;
  if (options.top_k > 0) {
    const OutputField& by = field_at(options.top_output);
    Json top = Json::array();
    for (const auto& p : summary.top)
      top.push_back({{"index", p.index},
                     {std::string(by.key), p.value * by.key_unit_per_base},
                     {"inputs", point_inputs(plan, p.index)}});
    j["top"] = {
        {"by", by.key}, {"order", options.top_highest ? "highest" : "lowest"}, {"points", top}};
  }
  if (options.pareto) {
    const OutputField& cost = field_at(options.pareto_cost_output);
    Json front = Json::array();
    for (const auto& p : summary.pareto)
      front.push_back({{"index", p.index},
                       {"wall_days", p.wall_s / 86400.0},
                       {std::string(cost.key), p.cost * cost.key_unit_per_base},
                       {"inputs", point_inputs(plan, p.index)}});
    j["pareto"] = {{"cost", cost.key}, {"points", front}};
  }
  return j;
}

std::string inputs_text(const Json& inputs) {
  std::string text;
  for (auto it = inputs.begin(); it != inputs.end(); ++it) {
    if (!text.empty()) text += ", ";
    text += it.key() + "=" +
            (it->is_string() ? it->get<std::string>() : fmt::format("{:.4g}", it->get<double>()));
  }
  return text;
}

std::string summary_table(const SweepPlan& plan, const SweepSummary& summary,
                          const SummaryOptions& options, const RunFacts& facts) {
  std::string text = fmt::format("{}\n", plan.file().name);
  if (!plan.file().description.empty()) text += fmt::format("  {}\n", plan.file().description);
  text += fmt::format(
      "  {} points ({} grid x {} samples, seed {}) on {} in {:.3g} s: {:.3g} points/s\n\n",
      format_grouped(static_cast<double>(summary.count)),
      format_grouped(static_cast<double>(plan.grid_points())),
      format_grouped(static_cast<double>(plan.file().samples)), plan.file().seed, facts.device,
      facts.seconds, facts.seconds > 0 ? static_cast<double>(summary.count) / facts.seconds : 0.0);
  text += fmt::format("  {:<28} {:>10} {:>10} {:>10} {:>10} {:>10} {:>10} {:>10} {:>10} {:>10}\n",
                      "output", "min", "P5", "P10", "P50", "P90", "P95", "max", "mean", "sd");
  for (int f = 0; f < kTrainingOutputFields; ++f) {
    const OutputField& field = field_at(f);
    const OutputSummary& s = summary.outputs[static_cast<std::size_t>(f)];
    const double k = field.key_unit_per_base;
    const double sd = s.moments.count > 1 ? std::sqrt(s.moments.m2 / (s.moments.count - 1)) : 0.0;
    text += fmt::format(
        "  {:<28} {:>10.4g} {:>10.4g} {:>10.4g} {:>10.4g} {:>10.4g} {:>10.4g} {:>10.4g} {:>10.4g} "
        "{:>10.4g}\n",
        field.key, s.moments.min * k, s.quantile(0.05) * k, s.quantile(0.10) * k,
        s.quantile(0.5) * k, s.quantile(0.9) * k, s.quantile(0.95) * k, s.moments.max * k,
        s.moments.mean * k, sd * k);
  }
  text +=
      "\n  Quantiles come from a histogram with 256 bins per octave (bins at most 0.39% wide).\n";
  if (options.top_k > 0) {
    const OutputField& by = field_at(options.top_output);
    text += fmt::format("\n  {} points with the {} {}:\n", summary.top.size(),
                        options.top_highest ? "highest" : "lowest", by.key);
    for (const auto& p : summary.top)
      text += fmt::format("  #{:<12} {:>12.5g}  {}\n", p.index, p.value * by.key_unit_per_base,
                          inputs_text(point_inputs(plan, p.index)));
  }
  if (options.pareto) {
    const OutputField& cost = field_at(options.pareto_cost_output);
    text += fmt::format("\n  Pareto front of {} against wall_days ({} points):\n", cost.key,
                        summary.pareto.size());
    for (const auto& p : summary.pareto)
      text +=
          fmt::format("  #{:<12} {:>10.4g} days {:>12.5g}  {}\n", p.index, p.wall_s / 86400.0,
                      p.cost * cost.key_unit_per_base, inputs_text(point_inputs(plan, p.index)));
  }
  return text;
}

}  // namespace

std::string rows_header(const SweepPlan& plan, RowFormat format, const std::vector<int>& outputs) {
  if (format == RowFormat::kJsonLines) return {};
  std::string header = "index";
  for (const auto& name : input_columns(plan)) {
    header += ',';
    append_csv_text(header, name);
  }
  for (int f : outputs) header += fmt::format(",{}", field_at(f).key);
  return header + "\n";
}

std::string format_rows(const SweepPlan& plan, RowFormat format, const std::vector<int>& outputs,
                        std::uint64_t begin, std::uint64_t end, const TrainingOutputs* results) {
  const SweepPlanView view = plan.view();
  const bool json = format == RowFormat::kJsonLines;
  // What goes before each column's value: its key, quoted once per chunk, or a comma.
  std::vector<std::string> keys;
  for (const auto& name : input_columns(plan)) keys.push_back(json ? ",\"" + name + "\":" : ",");
  for (int f : outputs)
    keys.push_back(json ? ",\"" + std::string(field_at(f).key) + "\":" : std::string(","));
  std::vector<double> scales;
  std::size_t number_bytes = 40;  // the index and the row's ends
  for (const auto& key : keys) number_bytes += key.size() + kMaxNumberChars;
  for (int f : outputs) scales.push_back(field_at(f).key_unit_per_base);
  // Each axis path's setting as it appears in a row, redone only when the setting changes.
  std::vector<std::size_t> settings;
  std::vector<std::string> labels;
  for (const auto& axis : plan.axes()) {
    settings.insert(settings.end(), axis.paths.size(), SIZE_MAX);
    labels.insert(labels.end(), axis.paths.size(), std::string());
  }
  const std::size_t randoms = plan.file().randoms.size();

  TextBuffer text((end - begin) * (number_bytes / 2));
  for (std::uint64_t i = begin; i < end; ++i) {
    const std::uint64_t grid = grid_index_of(view, i);
    std::size_t label_bytes = 0;
    for (std::size_t a = 0, column = 0; a < plan.axes().size(); ++a) {
      const AxisSpec& axis = plan.axes()[a];
      const std::size_t s = plan.setting_of(a, grid);
      for (std::size_t p = 0; p < axis.paths.size(); ++p, ++column) {
        if (settings[column] != s) {
          settings[column] = s;
          std::string& label = labels[column];
          label.clear();
          if (json)
            label = Json(axis.labels[s][p]).dump();
          else
            append_csv_text(label, axis.labels[s][p]);
        }
        label_bytes += labels[column].size();
      }
    }
    char* out = text.room(number_bytes + label_bytes);
    if (json) {
      std::memcpy(out, "{\"index\":", 9);
      out += 9;
    }
    out = write_number(out, i);
    std::size_t column = 0;
    for (; column < labels.size(); ++column) {
      std::memcpy(out, keys[column].data(), keys[column].size());
      out += keys[column].size();
      std::memcpy(out, labels[column].data(), labels[column].size());
      out += labels[column].size();
    }
    for (std::size_t k = 0; k < randoms; ++k, ++column) {
      std::memcpy(out, keys[column].data(), keys[column].size());
      out += keys[column].size();
      out = write_number(out, sweep_random_value(view, i, static_cast<int>(k)));
    }
    const TrainingOutputs& r = results[i - begin];
    for (std::size_t o = 0; o < outputs.size(); ++o, ++column) {
      const double v = output_field(r, outputs[o]) * scales[o];
      std::memcpy(out, keys[column].data(), keys[column].size());
      out += keys[column].size();
      if (json && !std::isfinite(v)) {
        std::memcpy(out, "null", 4);
        out += 4;
      } else {
        out = write_number(out, v);
      }
    }
    if (json) *out++ = '}';
    *out++ = '\n';
    text.advance_to(out);
  }
  return text.take();
}

std::string render_summary(const SweepPlan& plan, const SweepSummary& summary,
                           const SummaryOptions& options, Format format, const RunFacts& facts) {
  if (format == Format::kJson) return summary_json(plan, summary, options, facts).dump(2) + "\n";
  return summary_table(plan, summary, options, facts);
}

}  // namespace llmb
