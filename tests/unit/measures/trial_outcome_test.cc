// TrialOutcomeInstruments: the depression-severity instruments whose totals record a treatment
// trial's outcome, read by the adequacy engine from the instrument definitions (one file per
// threshold). The values are those of staging-decisions.md §3 and measures-decisions.md §9.2.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "measures_test_util.h"

namespace refract::measures {
namespace {

using testing::Knowledge;

struct Expected {
  std::string name;
  int max_total;
  int remission_max;
  Tag tag;
};

TEST(TrialOutcomeInstrumentsTest, AreTheFiveDepressionInstrumentsWithTheirRemissionThresholds) {
  // staging-decisions.md §3 / measures-decisions.md §9.2: PHQ-9 < 5, QIDS-SR16 <= 5, HAM-D17 <= 7,
  // MADRS <= 10, BDI-II <= 13. measures-decisions.md marks the primary source of QIDS <= 5, MADRS
  // <= 10 and the BDI-II convention UNCERTAIN (U).
  const std::map<std::string, Expected> expected = {
      {"phq9", {"PHQ-9", 27, 4, Tag::kEstablished}},
      {"qids_sr16", {"QIDS-SR16", 27, 5, Tag::kUnconfirmed}},
      {"hamd17", {"HAM-D17", 52, 7, Tag::kEstablished}},
      {"madrs", {"MADRS", 60, 10, Tag::kUnconfirmed}},
      {"bdi2", {"BDI-II", 63, 13, Tag::kUnconfirmed}},
  };
  std::map<std::string, Expected> actual;
  for (const Instrument& instrument : TrialOutcomeInstruments(Knowledge().instruments)) {
    actual[instrument.id] = {instrument.name, instrument.max_total, instrument.remission_max,
                             instrument.provenance.tag};
  }
  ASSERT_EQ(actual.size(), expected.size());
  for (const auto& [id, want] : expected) {
    ASSERT_TRUE(actual.contains(id)) << id;
    EXPECT_EQ(actual[id].name, want.name) << id;
    EXPECT_EQ(actual[id].max_total, want.max_total) << id;
    EXPECT_EQ(actual[id].remission_max, want.remission_max) << id;
    EXPECT_EQ(actual[id].tag, want.tag) << id;
  }
}

TEST(TrialOutcomeInstrumentsTest, UsesTheDefaultRemissionThresholdAndSkipsUnmarkedInstruments) {
  InstrumentDefinition madrs = testing::Instrument("madrs");
  madrs.default_remission =
      "le12";  // MADRS <= 12, the alternative threshold (staging-decisions.md §3)
  InstrumentDefinition gad7 = testing::Instrument("gad7");  // has a remission row, not an outcome
  const std::vector<Instrument> outcomes = TrialOutcomeInstruments({madrs, gad7});
  ASSERT_EQ(outcomes.size(), 1u);
  EXPECT_EQ(outcomes[0].id, "madrs");
  EXPECT_EQ(outcomes[0].remission_max, 12);
}

}  // namespace
}  // namespace refract::measures
