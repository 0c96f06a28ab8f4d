#include "sim/scaling/law_catalog.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "sim/input_error.h"

namespace llmb {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::StartsWith;

const std::string kCatalogDir = LLMB_SOURCE_DIR "/scenarios/catalog";

std::string parse_error(const std::string& text) {
  try {
    parse_scaling_laws(text, "my.yaml", false);
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

const std::string kOneLaw =
    "laws:\n"
    "  mine:\n"
    "    form: parametric\n"
    "    E: 1.7\n"
    "    A: 400\n"
    "    B: 400\n"
    "    alpha: 0.3\n"
    "    beta: 0.3\n";

TEST(ScalingLawCatalog, BundledLawsAreChinchillaEpochKaplanAndMuennighoffWithSources) {
  const auto laws = load_scaling_laws(scaling_laws_path(kCatalogDir), true);
  ASSERT_EQ(laws.size(), 4u);
  EXPECT_EQ(laws[0].name, "chinchilla");
  EXPECT_EQ(laws[1].name, "epoch");
  EXPECT_EQ(laws[2].name, "kaplan");
  EXPECT_EQ(laws[3].name, "muennighoff");
  for (const NamedLaw& law : laws) {
    EXPECT_FALSE(law.source.empty()) << law.name;
    EXPECT_TRUE(law_is_valid(law.law)) << law.name;
  }
}

TEST(ScalingLawCatalog, BundledValuesAreThePublishedOnes) {
  const auto laws = load_scaling_laws(scaling_laws_path(kCatalogDir), true);
  const ScalingLaw& chinchilla = laws[0].law;  // Hoffmann et al. 2022, section 3.3
  EXPECT_EQ(chinchilla.form, kLawParametric);
  EXPECT_DOUBLE_EQ(chinchilla.e, 1.69);
  EXPECT_DOUBLE_EQ(chinchilla.a, 406.4);
  EXPECT_DOUBLE_EQ(chinchilla.b, 410.7);
  EXPECT_DOUBLE_EQ(chinchilla.alpha, 0.34);
  EXPECT_DOUBLE_EQ(chinchilla.beta, 0.28);
  const ScalingLaw& epoch = laws[1].law;  // Besiroglu et al. 2024, section 3
  EXPECT_DOUBLE_EQ(epoch.e, 1.8172);
  EXPECT_DOUBLE_EQ(epoch.a, 482.01);
  EXPECT_DOUBLE_EQ(epoch.b, 2085.43);
  EXPECT_DOUBLE_EQ(epoch.alpha, 0.3478);
  EXPECT_DOUBLE_EQ(epoch.beta, 0.3658);
  const ScalingLaw& kaplan = laws[2].law;  // Kaplan et al. 2020, Table 2
  EXPECT_EQ(kaplan.form, kLawKaplan);
  EXPECT_DOUBLE_EQ(kaplan.n_c, 6.4e13);
  EXPECT_DOUBLE_EQ(kaplan.d_c, 1.8e13);
  EXPECT_DOUBLE_EQ(kaplan.alpha_n, 0.076);
  EXPECT_DOUBLE_EQ(kaplan.alpha_d, 0.103);
  // Muennighoff et al. 2023, huggingface/datablations README: logs of A, B, E as published.
  const ScalingLaw& muennighoff = laws[3].law;
  EXPECT_NEAR(std::log(muennighoff.a), 6.255414, 1e-12);
  EXPECT_NEAR(std::log(muennighoff.b), 7.3049974, 1e-12);
  EXPECT_NEAR(std::log(muennighoff.e), 0.6254804, 1e-12);
  EXPECT_DOUBLE_EQ(muennighoff.repeated_tokens_decay, 15.387756);
  EXPECT_DOUBLE_EQ(muennighoff.excess_params_decay, 5.309743);
}

TEST(ScalingLawCatalog, LawsWithoutTheirOwnRepetitionConstantsTakeTheCatalogs) {
  const auto laws = load_scaling_laws(scaling_laws_path(kCatalogDir), true);
  for (const NamedLaw& law : laws) {
    EXPECT_DOUBLE_EQ(law.law.repeated_tokens_decay, 15.387756) << law.name;
    EXPECT_DOUBLE_EQ(law.law.excess_params_decay, 5.309743) << law.name;
  }
}

TEST(ScalingLawCatalog, ChinchillaApproachThreeCarriesItsCaveat) {
  const auto laws = load_scaling_laws(scaling_laws_path(kCatalogDir), true);
  EXPECT_THAT(laws[0].caveat, HasSubstr("Besiroglu et al. 2024"));
  EXPECT_TRUE(laws[1].caveat.empty());
}

TEST(ScalingLawCatalog, OneRepetitionConstantWithoutTheOtherIsRejected) {
  EXPECT_THAT(parse_error(kOneLaw + "    repeated_tokens_decay: 15\n"),
              HasSubstr("laws.mine.excess_params_decay: missing: repeated_tokens_decay and "
                        "excess_params_decay go together"));
}

TEST(ResolveScalingLaw, AUserLawWithoutRepetitionConstantsTakesTheCatalogs) {
  const std::string path = ::testing::TempDir() + "/one_law.yaml";
  std::ofstream(path) << kOneLaw;
  const NamedLaw law = resolve_scaling_law(path, kCatalogDir, "--law");
  EXPECT_DOUBLE_EQ(law.law.repeated_tokens_decay, 15.387756);
  EXPECT_DOUBLE_EQ(law.law.excess_params_decay, 5.309743);
}

TEST(ScalingLawCatalog, UserLawNeedsNoSource) {
  const auto laws = parse_scaling_laws(kOneLaw, "my.yaml", false);
  ASSERT_EQ(laws.size(), 1u);
  EXPECT_DOUBLE_EQ(laws[0].law.alpha, 0.3);
}

TEST(ScalingLawCatalog, CatalogLawWithoutSourceIsRejected) {
  EXPECT_THROW(parse_scaling_laws(kOneLaw, "scaling_laws.yaml", true), InputError);
}

TEST(ScalingLawCatalog, NonPositiveExponentReportsFileLineAndKeyPath) {
  std::string text = kOneLaw;
  text.replace(text.find("alpha: 0.3"), 10, "alpha: -0.3");
  EXPECT_EQ(parse_error(text), "my.yaml:7:12: laws.mine.alpha: must be positive (got -0.3)");
}

TEST(ScalingLawCatalog, ZeroExponentIsRejected) {
  std::string text = kOneLaw;
  text.replace(text.find("beta: 0.3"), 9, "beta: 0");
  EXPECT_THAT(parse_error(text), StartsWith("my.yaml:8:11: laws.mine.beta: must be positive"));
}

TEST(ScalingLawCatalog, UnknownKeyIsRejectedWithASuggestion) {
  std::string text = kOneLaw + "    betta: 0.3\n";
  EXPECT_EQ(parse_error(text),
            "my.yaml:9:5: laws.mine.betta: unknown key (did you mean \"beta\"?)");
}

TEST(ScalingLawCatalog, KaplanFormNeedsItsOwnConstants) {
  EXPECT_THAT(parse_error("laws:\n  k:\n    form: kaplan\n    N_c: 6.4e13\n"),
              HasSubstr("laws.k.D_c: missing"));
}

TEST(ScalingLawCatalog, UnknownFormIsRejected) {
  EXPECT_THAT(
      parse_error("laws:\n  k:\n    form: kaplin\n"),
      HasSubstr("laws.k.form: must be one of parametric, kaplan (did you mean \"kaplan\"?)"));
}

TEST(ResolveScalingLaw, FindsACatalogLawByName) {
  EXPECT_EQ(resolve_scaling_law("epoch", kCatalogDir, "--law").name, "epoch");
}

TEST(ResolveScalingLaw, UnknownNameIsACommandLineError) {
  try {
    resolve_scaling_law("chinchila", kCatalogDir, "--law");
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()),
              "command line:1:1: --law: neither a law of the catalog (chinchilla, epoch, kaplan, "
              "muennighoff) "
              "nor a file (did you mean \"chinchilla\"?) (got chinchila)");
  }
}

class ResolveScalingLawFile : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "llmb-laws-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string write(const std::string& name, const std::string& text) {
    const std::string path = (dir_ / name).string();
    std::ofstream(path) << text;
    return path;
  }
  fs::path dir_;
};

TEST_F(ResolveScalingLawFile, ReadsTheOneLawOfAFile) {
  const NamedLaw law = resolve_scaling_law(write("mine.yaml", kOneLaw), kCatalogDir, "--law");
  EXPECT_EQ(law.name, "mine");
  EXPECT_DOUBLE_EQ(law.law.e, 1.7);
}

TEST_F(ResolveScalingLawFile, AFileWithTwoLawsIsRejected) {
  const std::string path = write(
      "two.yaml", kOneLaw + "  other:\n    E: 1\n    A: 1\n    B: 1\n    alpha: 1\n    beta: 1\n");
  EXPECT_THROW(resolve_scaling_law(path, kCatalogDir, "--law"), InputError);
}

}  // namespace
}  // namespace llmb
