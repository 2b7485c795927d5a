// The evidence an option's evidence_level claims (UnsupportedLevel, checked by PrepareOptions) and
// the entry predicates it rests on.
#include <gtest/gtest.h>

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "refract/options/computed_evidence.h"

namespace refract {
namespace {

TEST(HasResultTest, ValueOrArmsWithCountsOrPercentagesAreAResult) {
  EvidenceEntry entry;
  EXPECT_FALSE(HasResult(entry));
  entry.arms = {ArmResult{"a", std::nullopt, std::nullopt, 30, 12.5}};  // n and mean only
  EXPECT_FALSE(HasResult(entry));
  entry.arms[0].percent = 40;
  EXPECT_TRUE(HasResult(entry));
  entry.arms = {ArmResult{"a", std::nullopt, 11, 30, std::nullopt}};
  EXPECT_TRUE(HasResult(entry));
  entry.arms[0].n.reset();  // events without n
  EXPECT_FALSE(HasResult(entry));
  entry.value = 0.3;
  EXPECT_TRUE(HasResult(entry));
}

TEST(IsResistantPopulationTest, TrdAndInadequateResponseAreResistant) {
  EXPECT_TRUE(IsResistantPopulation(EvidencePopulation::kTrd));
  EXPECT_TRUE(IsResistantPopulation(EvidencePopulation::kInadequateResponse));
  EXPECT_FALSE(IsResistantPopulation(EvidencePopulation::kGeneralDepression));
}

TEST(UnsupportedLevelTest, EachLevelNeedsTheEvidenceItClaims) {
  using L = EvidenceLevel;
  using P = EvidencePopulation;
  auto result = [](P population, std::optional<int> k = std::nullopt,
                   Favours favours = Favours::kHigher) {
    EvidenceEntry entry;
    entry.measure = EffectMeasure::kSmd;
    entry.value = 0.4;
    entry.se = 0.1;
    entry.population = population;
    entry.k = k;
    entry.favours = favours;
    return std::vector<EvidenceEntry>{entry};
  };
  struct Case {
    const char* name;
    EvidenceLevel level;
    std::vector<EvidenceEntry> evidence;
    bool synthesis;
    bool supported;
  };
  const Case cases[] = {
      {"TRD pooled estimate", L::kTrdMetaAnalysis, result(P::kTrd, 2), false, true},
      {"TRD single trial", L::kTrdMetaAnalysis, result(P::kTrd), false, false},
      {"TRD pooled, not comparative", L::kTrdMetaAnalysis,
       result(P::kTrd, 5, Favours::kNotComparative), false, false},
      {"pooled after one failure", L::kTrdMetaAnalysis, result(P::kInadequateResponse, 3), false,
       false},
      {"pooled after one failure", L::kInadequateResponseMetaAnalysis,
       result(P::kInadequateResponse, 3), false, true},
      {"pooled TRD", L::kInadequateResponseMetaAnalysis, result(P::kTrd, 2), false, true},
      {"TRD comparative trial", L::kTrdRct, result(P::kTrd), false, true},
      {"TRD cohort", L::kTrdRct, result(P::kTrd, std::nullopt, Favours::kNotComparative), false,
       false},
      {"general depression trial", L::kTrdRct, result(P::kGeneralDepression), false, false},
      {"a trial after one failure", L::kInadequateResponseRct, result(P::kInadequateResponse),
       false, true},
      {"general depression only", L::kInadequateResponseRct, result(P::kGeneralDepression), false,
       false},
      {"TRD cohort", L::kTrdNonRandomised, result(P::kTrd, std::nullopt, Favours::kNotComparative),
       false, true},
      {"nothing", L::kTrdNonRandomised, {}, false, false},
      {"general depression trial", L::kIndirect, result(P::kGeneralDepression), false, true},
      {"a synthesis only", L::kIndirect, {}, true, true},
      {"nothing", L::kIndirect, {}, false, false},
      {"nothing", L::kNotReviewed, {}, false, true},
      {"an entry", L::kNotReviewed, result(P::kGeneralDepression), false, false},
      {"a synthesis", L::kNotReviewed, {}, true, false},
      {"nothing", L::kNoTrdEstimate, {}, false, true},
      {"nothing", L::kNoCompletedTrdTrial, {}, false, true},
  };
  const SynthesisSpec spec;
  const SynthesisSpec* const own[] = {&spec};
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(ToString(c.level)) + ": " + c.name);
    Intervention option;
    option.evidence_level = c.level;
    option.evidence = c.evidence;
    const std::string missing =
        UnsupportedLevel(option, c.synthesis ? std::span<const SynthesisSpec* const>(own)
                                             : std::span<const SynthesisSpec* const>());
    EXPECT_EQ(missing.empty(), c.supported) << missing;
  }
}

}  // namespace
}  // namespace refract
