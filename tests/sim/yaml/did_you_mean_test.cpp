#include "sim/yaml/did_you_mean.h"

#include <gtest/gtest.h>

namespace llmb {
namespace {

const std::vector<std::string> kHardwareKeys{
    "gpu", "count", "tdp", "memory", "server_power", "gpus_per_server", "price", "cloud_price"};

TEST(ClosestMatch, SwappedNeighboursCountAsOneEdit) {
  // "cuont" is "count" with u and o swapped: one edit, within the 2 allowed for 5 letters.
  EXPECT_EQ(closest_match("cuont", kHardwareKeys), "count");
}

TEST(ClosestMatch, IgnoresCase) {
  EXPECT_EQ(closest_match("COUNT", kHardwareKeys), "count");
}

TEST(ClosestMatch, FindsAMissingOrExtraLetter) {
  EXPECT_EQ(closest_match("serverpower", kHardwareKeys), "server_power");
  EXPECT_EQ(closest_match("prices", kHardwareKeys), "price");
  EXPECT_EQ(closest_match("gp", kHardwareKeys), "gpu");
}

TEST(ClosestMatch, PrefersTheNearestCandidate) {
  // "gpus_per_srv" is 3 edits from "gpus_per_server" and far from every other key.
  EXPECT_EQ(closest_match("gpus_per_srv", kHardwareKeys), "gpus_per_server");
  EXPECT_EQ(closest_match("cloud_prize", kHardwareKeys), "cloud_price");
}

TEST(ClosestMatch, ReturnsNothingWhenNoCandidateIsPlausible) {
  EXPECT_EQ(closest_match("bananas", kHardwareKeys), "");
  EXPECT_EQ(closest_match("zzz", kHardwareKeys), "");
  EXPECT_EQ(closest_match("count", {}), "");
}

TEST(ClosestMatch, ShortWordsAllowOneEditOnly) {
  // Words up to four letters allow one edit: "tpd" (a swap) is one, "xyp" (two changes) is two.
  EXPECT_EQ(closest_match("tpd", {"tdp"}), "tdp");
  EXPECT_EQ(closest_match("xyp", {"tdp"}), "");
}

TEST(ClosestMatch, MiddleLengthWordsAllowTwoEdits) {
  // Five to eight letters: two edits pass, three do not.
  EXPECT_EQ(closest_match("mamory", {"memory"}), "memory");
  EXPECT_EQ(closest_match("mamorx", {"memory"}), "memory");
  EXPECT_EQ(closest_match("mamxrx", {"memory"}), "");
}

TEST(ClosestMatch, SuggestsTheGpuACatalogNameIsOneLetterFrom) {
  const std::vector<std::string> gpus{"V100",     "A100-40GB", "A100-80GB", "A800",
                                      "H100-SXM", "H800",      "H200"};
  EXPECT_EQ(closest_match("A100-80G", gpus), "A100-80GB");
  EXPECT_EQ(closest_match("h100-sxm", gpus), "H100-SXM");
  EXPECT_EQ(closest_match("V1OO", gpus), "");  // two letter-O slips in four letters: too far
}

TEST(DidYouMean, QuotesTheSuggestionInParentheses) {
  EXPECT_EQ(did_you_mean("cuont", kHardwareKeys), " (did you mean \"count\"?)");
}

TEST(DidYouMean, IsEmptyWithoutASuggestion) {
  EXPECT_EQ(did_you_mean("bananas", kHardwareKeys), "");
}

}  // namespace
}  // namespace llmb
