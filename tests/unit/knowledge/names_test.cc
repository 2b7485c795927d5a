#include "refract/knowledge/names.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace refract {
namespace {

using ::testing::ElementsAre;

// A synthetic table: paroxetine and its CR form, with brands for each.
std::vector<NameCandidate> Candidates() {
  return {{"paroxetine", "paroxetine", ""},
          {"paroxetine", "Paroxetine (IR)", ""},
          {"paroxetine", "Paxil", "other name (FDA)"},
          {"paroxetine_cr", "paroxetine_cr", ""},
          {"paroxetine_cr", "Paxil CR", "other name (FDA)"},
          {"venlafaxine", "venlafaxine", ""},
          {"venlafaxine", "Efexor XL", "other name (BNF)"}};
}

TEST(NormalizeNameTest, IgnoresCaseSpacesUnderscoresAndHyphens) {
  EXPECT_EQ(NormalizeName("Venlafaxine_XL"), "venlafaxinexl");
  EXPECT_EQ(NormalizeName("Li-Liquid"), "liliquid");
  EXPECT_EQ(NormalizeName(" prolonged  release "), "prolongedrelease");
}

TEST(MatchNameTest, TheIdItselfNeedsNoNote) {
  const std::optional<NameMatch> match = MatchName("venlafaxine", Candidates());
  ASSERT_TRUE(match.has_value());
  EXPECT_EQ(match->id, "venlafaxine");
  EXPECT_EQ(match->how, "");
}

TEST(MatchNameTest, AnotherCaseIsReadAsTheIdWithANote) {
  const std::optional<NameMatch> match = MatchName("Venlafaxine", Candidates());
  ASSERT_TRUE(match.has_value());
  EXPECT_EQ(match->id, "venlafaxine");
  EXPECT_EQ(match->how, "written differently");
}

TEST(MatchNameTest, AnAliasSaysItsSource) {
  const std::optional<NameMatch> match = MatchName("EFEXOR-XL", Candidates());
  ASSERT_TRUE(match.has_value());
  EXPECT_EQ(match->id, "venlafaxine");
  EXPECT_EQ(match->how, "other name (BNF)");
}

TEST(MatchNameTest, DropsATrailingReleaseFormWhenTheRestIsKnown) {
  for (const char* input : {"venlafaxine XL", "Venlafaxine_XR", "venlafaxine prolonged release",
                            "venlafaxine modified-release", "venlafaxine LA"}) {
    const std::optional<NameMatch> match = MatchName(input, Candidates());
    ASSERT_TRUE(match.has_value()) << input;
    EXPECT_EQ(match->id, "venlafaxine") << input;
  }
  EXPECT_EQ(MatchName("venlafaxine XL", Candidates())->how, "release form XL ignored");
  EXPECT_EQ(MatchName("Paxil SR", Candidates())->how, "release form SR ignored; other name (FDA)");
}

TEST(MatchNameTest, AnExactMatchWinsOverDroppingTheSuffix) {
  EXPECT_EQ(MatchName("Paxil CR", Candidates())->id, "paroxetine_cr");
  EXPECT_EQ(MatchName("paroxetine CR", Candidates())->id, "paroxetine_cr");
  EXPECT_EQ(MatchName("paroxetine MR", Candidates())->id, "paroxetine");
}

TEST(MatchNameTest, UnknownNamesAndBareSuffixesDoNotMatch) {
  EXPECT_FALSE(MatchName("aspirin", Candidates()).has_value());
  EXPECT_FALSE(MatchName("XL", Candidates()).has_value());
  EXPECT_FALSE(MatchName("aspirin XL", Candidates()).has_value());
}

TEST(MatchNameTest, ANameOfTwoEntriesMatchesNeither) {
  std::vector<NameCandidate> candidates = Candidates();
  candidates.push_back({"venlafaxine", "Paxil", "other name (test)"});
  EXPECT_FALSE(MatchName("paxil", candidates).has_value());
  EXPECT_THAT(AmbiguousNames(candidates), ElementsAre("paxil (paroxetine, venlafaxine)"));
  EXPECT_TRUE(AmbiguousNames(Candidates()).empty());
}

}  // namespace
}  // namespace refract
