#include "sim/scaling/runs_csv.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <fstream>
#include <optional>
#include <sstream>

#include "sim/input_error.h"
#include "sim/read_input_file.h"
#include "sim/units.h"
#include "sim/yaml/input_limits.h"

namespace llmb {
namespace {

struct Field {
  std::string text;
  int column = 1;  // 1-based character position of the field's start
};

// One line of comma-separated fields; double quotes enclose fields with commas, "" is a quote.
std::vector<Field> split_line(const std::string& line) {
  std::vector<Field> fields;
  std::size_t i = 0;
  while (true) {
    Field field;
    field.column = static_cast<int>(i) + 1;
    if (i < line.size() && line[i] == '"') {
      ++i;
      while (i < line.size()) {
        if (line[i] == '"') {
          if (i + 1 < line.size() && line[i + 1] == '"') {
            field.text.push_back('"');
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        field.text.push_back(line[i++]);
      }
      while (i < line.size() && line[i] != ',') ++i;
    } else {
      while (i < line.size() && line[i] != ',') field.text.push_back(line[i++]);
    }
    fields.push_back(std::move(field));
    if (i >= line.size()) break;
    ++i;  // the comma
  }
  return fields;
}

std::string trimmed(std::string_view text) {
  std::size_t begin = 0, end = text.size();
  while (begin < end && std::isspace(static_cast<unsigned char>(text[begin]))) ++begin;
  while (end > begin && std::isspace(static_cast<unsigned char>(text[end - 1]))) --end;
  return std::string(text.substr(begin, end - begin));
}

// "Model Size" -> "modelsize", "n_params" -> "nparams": case, spaces and punctuation ignored.
std::string normalized(std::string_view name) {
  std::string out;
  for (char c : name)
    if (std::isalnum(static_cast<unsigned char>(c)))
      out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  return out;
}

struct Role {
  const char* what;                // for messages
  std::vector<std::string> names;  // normalised header names that mean it
  const char* shown_names;
  Dimension dimension;  // for values written with units: "70B", "1e21 FLOP"
  // The range a value must lie in: at most the scenario limits for sizes, so that 6 N D stays
  // finite (1e308 parameters overflowed it).
  double min, max;
};

const Role kParams{"the parameter count",
                   {"n", "params", "parameters", "modelsize", "nparams", "numparams", "paramcount"},
                   "N, params, parameters or \"Model Size\"",
                   Dimension::kCount,
                   1,
                   limits::kMaxParams};
const Role kTokens{"the training tokens",
                   {"d", "tokens", "trainingtokens", "ntokens", "numtokens", "datasize"},
                   "D, tokens or \"Training Tokens\"",
                   Dimension::kCount,
                   1,
                   limits::kMaxTokens};
const Role kFlop{
    "the training compute",
    {"c", "flop", "flops", "trainingflop", "trainingflops", "compute", "trainingcompute"},
    "FLOPs, compute or \"Training FLOP\"",
    Dimension::kFlop,
    6,
    6 * limits::kMaxParams* limits::kMaxTokens};
const Role kLoss{
    "the final loss",
    {"loss", "l", "finalloss", "trainloss", "validationloss", "valloss", "evalloss", "testloss"},
    "loss",
    Dimension::kDimensionless,
    1e-6,
    100};  // nats per token: far above any model's loss

// The index of the one header field that means `role`, if any.
std::optional<std::size_t> find_column(const std::vector<Field>& header, const Role& role,
                                       const std::string& label) {
  std::optional<std::size_t> found;
  for (std::size_t i = 0; i < header.size(); ++i) {
    const std::string name = normalized(header[i].text);
    if (std::find(role.names.begin(), role.names.end(), name) == role.names.end()) continue;
    if (found)
      throw InputError(
          {label, 1, header[i].column}, "header",
          fmt::format("two columns could be {}: \"{}\" and \"{}\"; keep one", role.what,
                      trimmed(header[*found].text), trimmed(header[i].text)));
    found = i;
  }
  return found;
}

[[noreturn]] void missing_column(const std::vector<Field>& header, const Role& role,
                                 const std::string& label, const char* extra = "") {
  std::vector<std::string> names;
  for (const Field& f : header) names.push_back(trimmed(f.text));
  throw InputError({label, 1, 1}, "header",
                   fmt::format("no column for {} (named {}){}; the header has {}", role.what,
                               role.shown_names, extra, fmt::join(names, ", ")));
}

// A positive, finite number: plain ("6.8e9") or with a unit of the column's dimension ("70B").
double read_value(const Field& field, const std::string& column_name, const Role& role,
                  const std::string& label, int line) {
  const std::string text = trimmed(field.text);
  const SourceLoc where{label, line, field.column};
  if (text.empty()) throw InputError(where, column_name, "missing value");
  double value = 0;
  const auto [stop, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || stop != text.data() + text.size()) {
    try {
      value = parse_quantity(text, role.dimension);
    } catch (const UnitError&) {
      throw InputError(where, column_name, "expected a number", text);
    }
  }
  if (!std::isfinite(value)) throw InputError(where, column_name, "must be a finite number", text);
  if (!(value > 0)) throw InputError(where, column_name, "must be positive", text);
  if (value < role.min || value > role.max)
    throw InputError(where, column_name,
                     fmt::format("must be from {:g} to {:g} ({})", role.min, role.max, role.what),
                     text);
  return value;
}

}  // namespace

LossRunsFile parse_loss_runs(const std::string& text, const std::string& label) {
  LossRunsFile file;
  file.path = label;
  std::istringstream stream(text);
  std::string line;
  int line_number = 0;
  std::vector<Field> header;
  std::optional<std::size_t> params_at, tokens_at, flop_at, loss_at;
  while (std::getline(stream, line)) {
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (trimmed(line).empty()) continue;
    if (header.empty()) {
      if (line_number == 1 && line.size() >= 3 && line.compare(0, 3, "\xEF\xBB\xBF") == 0)
        line.erase(0, 3);  // a byte-order mark
      header = split_line(line);
      params_at = find_column(header, kParams, label);
      tokens_at = find_column(header, kTokens, label);
      flop_at = find_column(header, kFlop, label);
      loss_at = find_column(header, kLoss, label);
      if (!params_at) missing_column(header, kParams, label);
      if (!tokens_at && !flop_at)
        missing_column(header, kTokens, label,
                       ", nor for the training compute to derive them from");
      if (!loss_at) missing_column(header, kLoss, label);
      file.params_column = trimmed(header[*params_at].text);
      if (tokens_at)
        file.tokens_column = trimmed(header[*tokens_at].text);
      else
        file.flop_column = trimmed(header[*flop_at].text);
      file.loss_column = trimmed(header[*loss_at].text);
      continue;
    }
    const std::vector<Field> fields = split_line(line);
    if (fields.size() != header.size())
      throw InputError({label, line_number, 1}, "",
                       fmt::format("expected {} fields as in the header", header.size()),
                       fmt::format("{}", fields.size()));
    LossRun run;
    run.params = read_value(fields[*params_at], file.params_column, kParams, label, line_number);
    if (tokens_at) {
      run.tokens = read_value(fields[*tokens_at], file.tokens_column, kTokens, label, line_number);
    } else {
      const double flop = read_value(fields[*flop_at], file.flop_column, kFlop, label, line_number);
      run.tokens = flop / (kTrainingFlopPerParamToken * run.params);
      if (run.tokens < kTokens.min || run.tokens > kTokens.max)
        throw InputError({label, line_number, fields[*flop_at].column}, file.flop_column,
                         fmt::format("gives {:g} tokens at 6 N D, outside {:g} to {:g}", run.tokens,
                                     kTokens.min, kTokens.max),
                         trimmed(fields[*flop_at].text));
    }
    run.loss = read_value(fields[*loss_at], file.loss_column, kLoss, label, line_number);
    file.runs.push_back(run);
  }
  if (header.empty()) throw InputError({label, 1, 1}, "", "empty file: expected a header and runs");
  if (file.runs.empty()) throw InputError({label, 1, 1}, "", "no runs after the header");
  return file;
}

LossRunsFile read_loss_runs(const std::string& path) {
  return parse_loss_runs(read_input_file(path), path);
}

std::vector<LossRun> runs_for_fit(const LossRunsFile& file, int drop_highest) {
  std::vector<LossRun> runs = file.runs;
  const auto drop = static_cast<std::size_t>(std::max(drop_highest, 0));
  if (drop > 0) {
    // Stable: of equal losses the earlier run goes first, so the choice follows the file.
    std::vector<std::size_t> order(runs.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t x, std::size_t y) { return runs[x].loss > runs[y].loss; });
    std::vector<bool> dropped(runs.size(), false);
    for (std::size_t i = 0; i < std::min(drop, order.size()); ++i) dropped[order[i]] = true;
    std::vector<LossRun> kept;
    for (std::size_t i = 0; i < runs.size(); ++i)
      if (!dropped[i]) kept.push_back(runs[i]);
    runs = std::move(kept);
  }
  if (runs.size() < static_cast<std::size_t>(kFittedParameters)) {
    const std::string after =
        drop > 0 ? fmt::format(" after dropping the {} highest losses", drop) : std::string();
    throw InputError({file.path, 1, 1}, "",
                     fmt::format("{} runs{}: fitting {} parameters needs at least {}", runs.size(),
                                 after, kFittedParameters, kFittedParameters),
                     fmt::format("{} runs in the file", file.runs.size()));
  }
  return runs;
}

}  // namespace llmb
