#include "sim/sweep/sweep_report.h"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <nlohmann/json.hpp>

#include "kernels/batch_cpu.h"
#include "sim/schema/dotted_json.h"
#include "sim/schema/format.h"
#include "sim/schema/output_fields.h"
#include "sim/schema/text_table.h"

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

// The row index as text, counted up in decimal rather than formatted again for every row.
class IndexText {
 public:
  explicit IndexText(std::uint64_t first) {
    char digits[kDigits];
    const char* end = std::to_chars(digits, digits + kDigits, first).ptr;
    start_ = kDigits - static_cast<std::size_t>(end - digits);
    std::memcpy(text_ + start_, digits, kDigits - start_);
  }
  // Writes the index at `out`, which has kDigits bytes of room.
  char* write(char* out) const {
    std::memcpy(out, text_ + start_, kDigits);  // fixed size; the tail is overwritten later
    return out + (kDigits - start_);
  }
  void increment() {
    std::size_t i = kDigits - 1;
    while (i >= start_ && text_[i] == '9') text_[i--] = '0';
    if (i < start_)
      text_[start_ = i] = '1';
    else
      ++text_[i];
  }

 private:
  static constexpr std::size_t kDigits = 24;  // 2^64 has 20
  char text_[2 * kDigits] = {};               // the digits end at kDigits
  std::size_t start_ = 0;
};

// A column's last number and its text. Sweeps repeat values down a column (every output that
// does not depend on the innermost axis; constant outputs such as the cluster's price), and
// formatting a double costs 50-70 ns here, against a few for a 32-byte copy.
struct LastNumber {
  std::uint64_t bits = 0;
  std::size_t length = 0;  // 0: nothing written yet
  char text[kMaxNumberChars];
};

// Writes `value` at `out`, which has kMaxNumberChars bytes of room, reusing the column's last
// text, or that of the column to its left in this row (flops and hardware FLOPs without
// recomputation), when the value is the same bit for bit (so -0 and 0 stay apart).
char* write_number(char* out, double value, LastNumber& last, const LastNumber* left) {
  const auto bits = std::bit_cast<std::uint64_t>(value);
  if (last.length > 0 && bits == last.bits) {
    std::memcpy(out, last.text, kMaxNumberChars);
    return out + last.length;
  }
  if (left != nullptr && left->length > 0 && bits == left->bits) {
    last = *left;
    std::memcpy(out, last.text, kMaxNumberChars);
    return out + last.length;
  }
  char* end = std::to_chars(out, out + kMaxNumberChars, value).ptr;
  last.bits = bits;
  last.length = static_cast<std::size_t>(end - out);
  std::memcpy(last.text, out, kMaxNumberChars);  // all the room: one fixed-size copy
  return end;
}

// Labels up to this long are copied as one fixed-size block.
constexpr std::size_t kShortLabel = 32;

// Copies a short piece of text; a comma, the usual CSV case, without a call to memcpy.
char* put(char* out, const std::string& text) {
  if (text.size() == 1) {
    *out = text[0];
    return out + 1;
  }
  std::memcpy(out, text.data(), text.size());
  return out + text.size();
}

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

// 20 log-spaced bins from min to max, summed from the fine histogram.
Json coarse_histogram(const OutputSummary& s, double scale) {
  Json edges = Json::array(), counts = Json::array();
  const double lo = s.moments.min, hi = s.moments.max;
  const double log_lo = std::log10(lo), log_span = std::log10(hi) - log_lo;
  // hi a few ulps above lo (an output the swept input does not move, up to rounding) has no
  // log span to divide: one bin, as for a constant output.
  if (!(lo > 0) || !(hi > lo) || !(log_span > 0) || !std::isfinite(log_span)) {
    edges = {json_number(lo * scale), json_number(hi * scale)};
    counts = {s.moments.count};
    return Json{{"edges", edges}, {"counts", counts}};
  }
  std::vector<std::uint64_t> coarse(kCoarseBins, 0);
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
    // t lies in [0, 1]; the comparisons also send a NaN to the first bin, never to a cast.
    const int coarse_bin = t >= 1 ? kCoarseBins - 1 : t > 0 ? static_cast<int>(t * kCoarseBins) : 0;
    coarse[static_cast<std::size_t>(coarse_bin)] += count;
  }
  for (int i = 0; i <= kCoarseBins; ++i)
    edges.push_back(std::pow(10.0, log_lo + log_span * i / kCoarseBins) * scale);
  for (auto c : coarse) counts.push_back(c);
  return Json{{"edges", edges}, {"counts", counts}};
}

Json summary_json(const SweepPlan& plan, const SweepSummary& summary,
                  const SummaryOptions& options) {
  Json j;
  j["sweep"] = {
      {"name", plan.file().name}, {"file", plan.file().file}, {"base", plan.file().base_path}};
  j["count"] = summary.count;
  j["grid_points"] = plan.grid_points();
  j["samples"] = plan.file().samples;
  j["seed"] = plan.file().seed;
  Json outputs;
  for (int f = 0; f < kTrainingOutputFields; ++f) {
    const OutputField& field = field_at(f);
    const OutputSummary& s = summary.outputs[static_cast<std::size_t>(f)];
    const double k = field.key_unit_per_base;
    Json o{{"count", s.moments.count}, {"min", json_number(s.moments.min * k)}};
    for (std::size_t q = 0; q < std::size(kQuantiles); ++q)
      o[kQuantileNames[q]] = json_number(s.quantile(kQuantiles[q]) * k);
    o["max"] = json_number(s.moments.max * k);
    o["mean"] = json_number(s.moments.mean * k);
    o["sd"] = json_number(s.moments.count > 1 ? std::sqrt(s.moments.m2 / (s.moments.count - 1)) * k
                                              : 0.0);
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
                          const SummaryOptions& options) {
  std::string text = fmt::format("{}\n", plan.file().name);
  if (!plan.file().description.empty()) text += fmt::format("  {}\n", plan.file().description);
  text += fmt::format("  {} points ({} grid x {} samples, seed {})\n\n",
                      format_grouped(static_cast<double>(summary.count)),
                      format_grouped(static_cast<double>(plan.grid_points())),
                      format_grouped(static_cast<double>(plan.file().samples)), plan.file().seed);
  TextTable quantiles({{"output", Align::kLeft},
                       {"min"},
                       {"P5"},
                       {"P10"},
                       {"P50"},
                       {"P90"},
                       {"P95"},
                       {"max"},
                       {"mean"},
                       {"sd"}});
  for (int f = 0; f < kTrainingOutputFields; ++f) {
    const OutputField& field = field_at(f);
    const OutputSummary& s = summary.outputs[static_cast<std::size_t>(f)];
    const double sd = s.moments.count > 1 ? std::sqrt(s.moments.m2 / (s.moments.count - 1)) : 0.0;
    std::vector<std::string> cells = {std::string(field.key)};
    for (double base : {s.moments.min, s.quantile(0.05), s.quantile(0.10), s.quantile(0.5),
                        s.quantile(0.9), s.quantile(0.95), s.moments.max, s.moments.mean, sd})
      cells.push_back(fmt::format("{:.4g}", base * field.key_unit_per_base));
    quantiles.row(std::move(cells));
  }
  text += quantiles.text();
  text +=
      "\n  Quantiles come from a histogram with 256 bins per octave (bins at most 0.39% wide).\n";
  if (options.top_k > 0) {
    const OutputField& by = field_at(options.top_output);
    text += fmt::format("\n  {} points with the {} {}:\n", summary.top.size(),
                        options.top_highest ? "highest" : "lowest", by.key);
    TextTable top({{"point", Align::kLeft}, {std::string(by.key)}, {"inputs", Align::kLeft}});
    for (const auto& p : summary.top)
      top.row({fmt::format("#{}", p.index), fmt::format("{:.5g}", p.value * by.key_unit_per_base),
               inputs_text(point_inputs(plan, p.index))});
    text += top.text();
  }
  if (options.pareto) {
    const OutputField& cost = field_at(options.pareto_cost_output);
    text += fmt::format("\n  Pareto front of {} against wall_days ({} points):\n", cost.key,
                        summary.pareto.size());
    TextTable front({{"point", Align::kLeft},
                     {"wall_days"},
                     {std::string(cost.key)},
                     {"inputs", Align::kLeft}});
    for (const auto& p : summary.pareto)
      front.row({fmt::format("#{}", p.index), fmt::format("{:.4g}", p.wall_s / 86400.0),
                 fmt::format("{:.5g}", p.cost * cost.key_unit_per_base),
                 inputs_text(point_inputs(plan, p.index))});
    text += front.text();
  }
  return text;
}

}  // namespace

RowFormatter::RowFormatter(const SweepPlan& plan, RowFormat format, std::vector<int> outputs)
    : plan_(plan), format_(format), outputs_(std::move(outputs)) {
  const bool json = format_ == RowFormat::kJsonLines;
  for (const auto& name : input_columns(plan_)) keys_.push_back(json ? ",\"" + name + "\":" : ",");
  for (int f : outputs_) {
    keys_.push_back(json ? ",\"" + std::string(field_at(f).key) + "\":" : std::string(","));
    scales_.push_back(field_at(f).key_unit_per_base);
  }
  row_bytes_ = 40;  // the index, the row's ends
  for (const auto& key : keys_) row_bytes_ += key.size() + kMaxNumberChars;
  for (const auto& axis : plan_.axes()) {
    for (std::size_t p = 0; p < axis.paths.size(); ++p) {
      std::vector<std::string> texts;
      std::size_t longest = 0;
      for (const auto& setting : axis.labels) {
        std::string label;
        if (json)
          label = Json(setting[p]).dump();
        else
          append_csv_text(label, setting[p]);
        longest = std::max(longest, label.size());
        texts.push_back(std::move(label));
      }
      LabelColumn& column = labels_.emplace_back();
      column.width = std::max(longest, kShortLabel);
      column.slots.assign(texts.size() * column.width, ' ');
      for (std::size_t s = 0; s < texts.size(); ++s) {
        std::memcpy(column.slots.data() + s * column.width, texts[s].data(), texts[s].size());
        column.lengths.push_back(static_cast<std::uint32_t>(texts[s].size()));
      }
      row_bytes_ += column.width;
    }
  }
}

double RowFormatter::estimated_bytes() const {
  const std::uint64_t total = plan_.total();
  const std::uint64_t sample = std::min<std::uint64_t>(total, 4096);
  if (sample == 0) return static_cast<double>(header().size());
  std::vector<TrainingOutputs> results(sample);
  evaluate_points_cpu(plan_.view(), 0, sample, results.data());
  TextBuffer text;
  write(0, sample, results.data(), text);
  const double per_row = static_cast<double>(text.view().size()) / static_cast<double>(sample);
  return static_cast<double>(header().size()) + per_row * static_cast<double>(total);
}

std::string RowFormatter::header() const {
  if (format_ == RowFormat::kJsonLines) return {};
  std::string header = "index";
  for (const auto& name : input_columns(plan_)) {
    header += ',';
    append_csv_text(header, name);
  }
  for (int f : outputs_) header += fmt::format(",{}", field_at(f).key);
  return header + "\n";
}

void RowFormatter::write(std::uint64_t begin, std::uint64_t end, const TrainingOutputs* results,
                         TextBuffer& text) const {
  const SweepPlanView view = plan_.view();
  const bool json = format_ == RowFormat::kJsonLines;
  const std::size_t randoms = plan_.file().randoms.size();
  // Per chunk, so that threads share nothing they write.
  std::vector<LastNumber> last(randoms + outputs_.size());
  text.reserve(text.size() + (end - begin) * row_bytes_ / 2);
  IndexText index(begin);
  for (std::uint64_t i = begin; i < end; ++i, index.increment()) {
    const std::uint64_t grid = grid_index_of(view, i);
    char* out = text.room(row_bytes_);
    if (json) {
      std::memcpy(out, "{\"index\":", 9);
      out += 9;
    }
    out = index.write(out);
    std::size_t column = 0;
    for (std::size_t a = 0; a < plan_.axes().size(); ++a) {
      const std::size_t s = plan_.setting_of(a, grid);
      for (std::size_t p = 0; p < plan_.axes()[a].paths.size(); ++p, ++column) {
        out = put(out, keys_[column]);
        const LabelColumn& labels = labels_[column];
        const char* label = labels.slots.data() + s * labels.width;
        if (labels.width == kShortLabel)
          std::memcpy(out, label, kShortLabel);
        else
          std::memcpy(out, label, labels.lengths[s]);
        out += labels.lengths[s];
      }
    }
    for (std::size_t k = 0; k < randoms; ++k, ++column) {
      out = put(out, keys_[column]);
      out = write_number(out, sweep_random_value(view, i, static_cast<int>(k)), last[k],
                         k > 0 ? &last[k - 1] : nullptr);
    }
    const TrainingOutputs& r = results[i - begin];
    for (std::size_t o = 0; o < outputs_.size(); ++o, ++column) {
      const double v = output_field(r, outputs_[o]) * scales_[o];
      out = put(out, keys_[column]);
      if (json && !std::isfinite(v)) {
        std::memcpy(out, "null", 4);
        out += 4;
      } else {
        out = write_number(out, v, last[randoms + o], o > 0 ? &last[randoms + o - 1] : nullptr);
      }
    }
    if (json) *out++ = '}';
    *out++ = '\n';
    text.advance_to(out);
  }
}

std::string render_summary(const SweepPlan& plan, const SweepSummary& summary,
                           const SummaryOptions& options, Format format) {
  if (format == Format::kJson) return json_document(summary_json(plan, summary, options));
  return summary_table(plan, summary, options);
}

std::string run_facts_line(std::uint64_t points, const RunFacts& facts) {
  return fmt::format("{} points on {} in {:.3g} s: {:.3g} points/s",
                     format_grouped(static_cast<double>(points)), facts.device, facts.seconds,
                     facts.seconds > 0 ? static_cast<double>(points) / facts.seconds : 0.0);
}

}  // namespace llmb
