#include "sim/scaling/law_catalog.h"

#include <fmt/format.h>

#include <filesystem>
#include <optional>

#include "sim/input_error.h"
#include "sim/yaml/did_you_mean.h"
#include "sim/yaml/document.h"
#include "sim/yaml/fields.h"

namespace llmb {
namespace {

// Exponents beyond 10 or constants beyond 1e30 are typos, not laws.
constexpr double kMaxExponent = 10;
constexpr double kMaxConstant = 1e30;

const std::vector<std::string> kForms{"parametric", "kaplan"};

// Repetition half-lives beyond a thousand epochs are typos: Muennighoff et al. fit 15.4.
constexpr double kMaxRepetitionDecay = 1e3;
const char* const kRepeatedTokensDecay = "repeated_tokens_decay";
const char* const kExcessParamsDecay = "excess_params_decay";

// Both repetition constants or neither: one without the other is half a law.
std::optional<DataRepetition> read_repetition(const Fields& f) {
  const auto tokens = f.optional_quantity(kRepeatedTokensDecay, Dimension::kDimensionless,
                                          positive(kMaxRepetitionDecay));
  const auto params = f.optional_quantity(kExcessParamsDecay, Dimension::kDimensionless,
                                          positive(kMaxRepetitionDecay));
  if (tokens.has_value() != params.has_value())
    f.fail(tokens ? kExcessParamsDecay : kRepeatedTokensDecay,
           fmt::format("missing: {} and {} go together", kRepeatedTokensDecay, kExcessParamsDecay));
  if (!tokens) return std::nullopt;
  return DataRepetition{*tokens, *params, ""};
}

NamedLaw read_law(const Fields& f, const std::string& name, bool catalog_file,
                  const DataRepetition& repetition) {
  NamedLaw named;
  named.name = name;
  named.file = f.document().label();
  named.description = f.optional_text("description").value_or("");
  named.source = f.optional_text("source").value_or("");
  named.caveat = f.optional_text("caveat").value_or("");
  const DataRepetition own = read_repetition(f).value_or(repetition);
  if (catalog_file && named.source.empty())
    f.fail("source", "missing: every catalog law names its source");
  const std::string form = f.choice("form", kForms, "parametric");
  ScalingLaw& law = named.law;
  if (form == "kaplan") {
    law.form = kLawKaplan;
    law.n_c = f.quantity("N_c", Dimension::kCount, positive(kMaxConstant));
    law.d_c = f.quantity("D_c", Dimension::kCount, positive(kMaxConstant));
    law.alpha_n = f.quantity("alpha_N", Dimension::kDimensionless, positive(kMaxExponent));
    law.alpha_d = f.quantity("alpha_D", Dimension::kDimensionless, positive(kMaxExponent));
    f.reject_unknown({"description", "source", "caveat", "form", "N_c", "D_c", "alpha_N", "alpha_D",
                      kRepeatedTokensDecay, kExcessParamsDecay});
  } else {
    law.form = kLawParametric;
    law.e = f.quantity("E", Dimension::kDimensionless, non_negative(kMaxExponent));
    law.a = f.quantity("A", Dimension::kDimensionless, positive(kMaxConstant));
    law.b = f.quantity("B", Dimension::kDimensionless, positive(kMaxConstant));
    law.alpha = f.quantity("alpha", Dimension::kDimensionless, positive(kMaxExponent));
    law.beta = f.quantity("beta", Dimension::kDimensionless, positive(kMaxExponent));
    f.reject_unknown({"description", "source", "caveat", "form", "E", "A", "B", "alpha", "beta",
                      kRepeatedTokensDecay, kExcessParamsDecay});
  }
  law.repeated_tokens_decay = own.repeated_tokens_decay;
  law.excess_params_decay = own.excess_params_decay;
  return named;
}

// The file's `data_repetition` section, or `fallback` where it has none.
DataRepetition read_repetition_section(const Fields& root, bool catalog_file,
                                       const DataRepetition& fallback) {
  DataRepetition repetition = fallback;
  if (root.has("data_repetition")) {
    const Fields section = root.child("data_repetition");
    const std::string source = section.optional_text("source").value_or("");
    if (catalog_file && source.empty())
      section.fail("source", "missing: the catalog's repetition constants name their source");
    const auto read = read_repetition(section);
    if (!read) section.fail(kRepeatedTokensDecay, "missing: needs a number of epochs such as 15.4");
    repetition = *read;
    repetition.source = source;
    section.reject_unknown({"source", kRepeatedTokensDecay, kExcessParamsDecay});
  }
  return repetition;
}

std::vector<NamedLaw> read_laws(const Document& doc, bool catalog_file,
                                const DataRepetition& fallback) {
  const Fields root(doc, doc.root(), "");
  const DataRepetition repetition = read_repetition_section(root, catalog_file, fallback);
  const Fields laws = root.child("laws");
  std::vector<NamedLaw> out;
  for (const std::string& name : laws.keys())
    out.push_back(read_law(laws.child(name), name, catalog_file, repetition));
  if (out.empty()) root.fail("laws", "expected at least one law");
  root.reject_unknown({"laws", "data_repetition"});
  return out;
}

std::vector<std::string> names_of(const std::vector<NamedLaw>& laws) {
  std::vector<std::string> names;
  for (const NamedLaw& law : laws) names.push_back(law.name);
  return names;
}

}  // namespace

std::vector<NamedLaw> load_scaling_laws(const std::string& path, bool catalog_file,
                                        const DataRepetition& fallback) {
  return read_laws(Document::load_file(path), catalog_file, fallback);
}

std::vector<NamedLaw> parse_scaling_laws(const std::string& text, const std::string& label,
                                         bool catalog_file, const DataRepetition& fallback) {
  return read_laws(Document::parse(text, label), catalog_file, fallback);
}

std::string scaling_laws_path(const std::string& catalog_dir) {
  return catalog_dir + "/scaling_laws.yaml";
}

NamedLaw resolve_scaling_law(const std::string& name_or_file, const std::string& catalog_dir,
                             const std::string& option) {
  // A catalog directory of the user's (--catalog) may have no laws; a law file still works.
  std::vector<NamedLaw> catalog;
  std::error_code error;
  const std::string catalog_path = scaling_laws_path(catalog_dir);
  if (std::filesystem::exists(catalog_path, error)) catalog = load_scaling_laws(catalog_path, true);
  for (const NamedLaw& law : catalog)
    if (law.name == name_or_file) return law;

  if (!std::filesystem::exists(name_or_file, error)) {
    const std::vector<std::string> names = names_of(catalog);
    throw InputError({"command line", 1, 1}, option,
                     fmt::format("neither a law of the catalog ({}) nor a file{}",
                                 fmt::join(names, ", "), did_you_mean(name_or_file, names)),
                     name_or_file);
  }
  // A law file of the user's without repetition constants takes the catalog's.
  DataRepetition catalog_repetition;
  if (!catalog.empty()) {
    const Document doc = Document::load_file(catalog_path);
    catalog_repetition = read_repetition_section(Fields(doc, doc.root(), ""), true, {});
  }
  std::vector<NamedLaw> laws = load_scaling_laws(name_or_file, false, catalog_repetition);
  if (laws.size() != 1)
    throw InputError({name_or_file, 1, 1}, "laws",
                     fmt::format("holds {} laws ({}); give a file with one", laws.size(),
                                 fmt::join(names_of(laws), ", ")));
  return laws.front();
}

}  // namespace llmb
