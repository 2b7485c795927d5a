// Change classification (measures-decisions.md §9): the §9.6 worked example reproduced row by row,
// the paired IAPT and deterioration examples, exact percent boundaries, remission schemes,
// Jacobson-Truax.
#include "refract/measures/change.h"

#include <gtest/gtest.h>

#include "measures_test_util.h"
#include "refract/measures/talking_therapies.h"

namespace refract::measures {
namespace {

using testing::Instrument;
using testing::Parameters;
using testing::Percent;
using testing::ScoreTotal;

// measures-decisions.md §9.6 illustrative norms (NOT published): s1 = 5, r = 0.84, M1 = 15, M0 = 3,
// s0 = 3.
JacobsonTruaxNorms WorkedExampleNorms() {
  return {.id = "docs/measures-decisions.md §9.6 illustrative",
          .clinical_sd = 5.0,
          .reliability = 0.84,
          .reliability_kind = "illustrative",
          .clinical_mean = 15.0,
          .functional_mean = 3.0,
          .functional_sd = 3.0};
}

ChangeResult Change(std::string_view id, int baseline, int follow_up, ChangeOptions options = {}) {
  const InstrumentDefinition& instrument = Instrument(id);
  StatusOr<ChangeResult> change =
      ClassifyChange(instrument, ScoreTotal(instrument, baseline),
                     ScoreTotal(instrument, follow_up), Parameters(), Percent(), options);
  EXPECT_TRUE(change.ok()) << change.status().message();
  return change.ok() ? *change : ChangeResult{};
}

struct WorkedRow {
  int follow_up;
  int delta;
  const char* band;
  double percent;
  PercentCategory category;
  bool kroenke;
  ReliableChangeDirection six_point;
  double jt_rc;
  JtClass class_c;
  JtClass class_b;
  RecoveryState iapt_recovery;
  ReliableChangeState iapt_change;
};

void PrintTo(const WorkedRow& row, std::ostream* os) { *os << "PHQ-9 19 -> " << row.follow_up; }

class WorkedExampleTest : public ::testing::TestWithParam<WorkedRow> {};

TEST_P(WorkedExampleTest, ReproducesTheTableRow) {
  const WorkedRow& row = GetParam();
  ChangeResult change = Change("phq9", 19, row.follow_up, {.norms = WorkedExampleNorms()});
  EXPECT_EQ(change.delta, row.delta);
  EXPECT_EQ(change.baseline_band, "moderately severe");
  EXPECT_EQ(change.follow_up_band, row.band);
  ASSERT_TRUE(change.percent.has_value());
  EXPECT_NEAR(change.percent->percent, row.percent, 0.05);
  EXPECT_EQ(change.percent->category, row.category);
  EXPECT_EQ(change.remission, false) << "PHQ-9 < 5 is never reached in the example";
  EXPECT_EQ(change.significant_improvement, row.kroenke);
  ASSERT_TRUE(change.reliable_change.has_value());
  EXPECT_EQ(change.reliable_change->threshold.value, 6);
  EXPECT_EQ(change.reliable_change->direction, row.six_point);
  ASSERT_TRUE(change.jacobson_truax.has_value());
  const JacobsonTruaxResult& jt = *change.jacobson_truax;
  EXPECT_NEAR(jt.rc, row.jt_rc, 0.005);
  ASSERT_TRUE(jt.c.has_value() && jt.b.has_value());
  EXPECT_EQ(jt.c->classification, row.class_c);
  EXPECT_EQ(jt.b->classification, row.class_b);
  EXPECT_TRUE(change.provisional()) << "the 6-point reliable-change value is tagged U";

  for (std::optional<int> gad7 : {std::optional<int>(), std::optional<int>(5)}) {
    StatusOr<TalkingTherapiesResult> iapt =
        ClassifyTalkingTherapies({.phq9_first = 19,
                                  .phq9_last = row.follow_up,
                                  .gad7_first = gad7,
                                  .gad7_last = gad7,
                                  .sessions_attended = 6},
                                 Parameters().talking_therapies);
    ASSERT_TRUE(iapt.ok());
    EXPECT_TRUE(iapt->case_start);
    EXPECT_EQ(iapt->recovery_state, row.iapt_recovery);
    EXPECT_EQ(iapt->reliable_change, row.iapt_change);
  }
}

// measures-decisions.md §9.6, every column of the table.
const WorkedRow kWorkedExample[] = {
    {16, -3, "moderately severe", 15.8, PercentCategory::kNonresponse, false,
     ReliableChangeDirection::kNone, -1.06, JtClass::kUnchanged, JtClass::kUnchanged,
     RecoveryState::kNotRecovered, ReliableChangeState::kNoReliableChange},
    {14, -5, "moderate", 26.3, PercentCategory::kPartialResponse, false,
     ReliableChangeDirection::kNone, -1.77, JtClass::kUnchanged, JtClass::kUnchanged,
     RecoveryState::kNotRecovered, ReliableChangeState::kNoReliableChange},
    {9, -10, "mild", 52.6, PercentCategory::kResponse, true, ReliableChangeDirection::kImprovement,
     -3.54, JtClass::kImproved, JtClass::kImproved, RecoveryState::kReliableRecovery,
     ReliableChangeState::kReliableImprovement},
    {6, -13, "mild", 68.4, PercentCategory::kResponse, true, ReliableChangeDirection::kImprovement,
     -4.60, JtClass::kRecovered, JtClass::kRecovered, RecoveryState::kReliableRecovery,
     ReliableChangeState::kReliableImprovement},
};

INSTANTIATE_TEST_SUITE_P(Phq9From19, WorkedExampleTest, ::testing::ValuesIn(kWorkedExample));

TEST(WorkedExampleTest, JacobsonTruaxArithmetic) {
  StatusOr<JacobsonTruaxResult> jt = JacobsonTruax(
      19, 9, Direction::kHigherWorse, WorkedExampleNorms(), Parameters().jacobson_truax);
  ASSERT_TRUE(jt.ok());
  EXPECT_NEAR(jt->se, 2.0, 1e-12);
  EXPECT_NEAR(jt->s_diff, 2.828, 0.0005);
  EXPECT_EQ(jt->min_reliable_change, 6) << "1.96 x 2.828 = 5.54, rounded up";
  EXPECT_TRUE(jt->reliable);
  EXPECT_NEAR(jt->a->cutoff, 5.0, 1e-12);
  EXPECT_NEAR(jt->b->cutoff, 9.0, 1e-12);
  EXPECT_NEAR(jt->c->cutoff, 7.5, 1e-12);
  EXPECT_FALSE(jt->b->crossed) << "9 is not < 9 (strict)";
  EXPECT_EQ(jt->reliable_change_class, JtClass::kImproved);
}

TEST(WorkedExampleTest, PairedIaptExample) {
  // PHQ-9 19 -> 9, GAD-7 12 -> 9: reliable improvement, still at caseness (GAD-7 9 >= 8).
  StatusOr<TalkingTherapiesResult> iapt = ClassifyTalkingTherapies(
      {.phq9_first = 19, .phq9_last = 9, .gad7_first = 12, .gad7_last = 9, .sessions_attended = 8},
      Parameters().talking_therapies);
  ASSERT_TRUE(iapt.ok());
  EXPECT_TRUE(iapt->case_start);
  EXPECT_TRUE(iapt->case_end);
  EXPECT_FALSE(iapt->recovery);
  EXPECT_TRUE(iapt->reliable_improvement);
  EXPECT_FALSE(iapt->rd_anx);
  EXPECT_FALSE(iapt->reliable_recovery);
  EXPECT_EQ(iapt->recovery_state, RecoveryState::kNotRecovered);
  EXPECT_EQ(iapt->reliable_change, ReliableChangeState::kReliableImprovement);
}

TEST(WorkedExampleTest, DeteriorationExample) {
  ChangeResult change = Change("phq9", 12, 18);
  EXPECT_EQ(change.delta, 6);
  EXPECT_EQ(change.reliable_change->direction, ReliableChangeDirection::kDeterioration);
  EXPECT_EQ(change.percent->category, PercentCategory::kNonresponse);
  EXPECT_EQ(change.baseline_band, "moderate");
  EXPECT_EQ(change.follow_up_band, "moderately severe");
  EXPECT_EQ(change.jacobson_truax_note, "no norms configured");
  EXPECT_FALSE(change.jacobson_truax.has_value());
}

struct PercentCase {
  int baseline;
  int follow_up;
  PercentCategory category;
};

TEST(PercentChangeTest, BoundariesUseExactIntegerArithmetic) {
  const PercentCase cases[] = {
      {20, 10, PercentCategory::kResponse},        {20, 11, PercentCategory::kPartialResponse},
      {20, 15, PercentCategory::kPartialResponse}, {20, 16, PercentCategory::kNonresponse},
      {27, 13, PercentCategory::kResponse},        {27, 14, PercentCategory::kPartialResponse},
      {27, 20, PercentCategory::kPartialResponse}, {27, 21, PercentCategory::kNonresponse},
      {3, 2, PercentCategory::kPartialResponse},   {12, 20, PercentCategory::kNonresponse},
      {1, 0, PercentCategory::kResponse},
  };
  for (const PercentCase& c : cases) {
    StatusOr<PercentChange> change =
        ClassifyPercentChange(c.baseline, c.follow_up, Direction::kHigherWorse, Percent());
    ASSERT_TRUE(change.ok());
    EXPECT_EQ(change->category, c.category) << c.baseline << " -> " << c.follow_up;
  }
}

TEST(PercentChangeTest, UndefinedForZeroBaselineAndForHigherBetterScales) {
  EXPECT_EQ(ClassifyPercentChange(0, 0, Direction::kHigherWorse, Percent()).status().code(),
            StatusCode::kFailedPrecondition);
  EXPECT_EQ(ClassifyPercentChange(10, 20, Direction::kHigherBetter, Percent()).status().code(),
            StatusCode::kInvalidArgument);
  ChangeResult zero = Change("phq9", 0, 3);
  EXPECT_FALSE(zero.percent.has_value());
  EXPECT_EQ(zero.percent_note,
            "percent change is undefined for a baseline of 0 (docs/measures-decisions.md §0.4)");
  EXPECT_FALSE(zero.significant_improvement.has_value());
}

TEST(ChangeTest, Who5UsesReliableChangeAndCutoffsOnly) {
  ChangeResult change = Change("who5", 10, 13);
  EXPECT_EQ(change.direction, Direction::kHigherBetter);
  EXPECT_FALSE(change.percent.has_value());
  EXPECT_NE(change.percent_note.find("higher-better"), std::string::npos);
  EXPECT_FALSE(change.remission.has_value());
  EXPECT_EQ(change.reliable_change->direction, ReliableChangeDirection::kImprovement);
  EXPECT_EQ(Change("who5", 13, 10).reliable_change->direction,
            ReliableChangeDirection::kDeterioration);
  EXPECT_EQ(Change("who5", 13, 11).reliable_change->direction, ReliableChangeDirection::kNone);
}

TEST(ChangeTest, JacobsonTruaxOnAHigherBetterScaleFlipsTheSigns) {
  JacobsonTruaxNorms norms{.id = "hypothetical",
                           .clinical_sd = 4,
                           .reliability = 0.8,
                           .clinical_mean = 8,
                           .functional_mean = 18,
                           .functional_sd = 4};
  ChangeResult change = Change("who5", 8, 17, {.norms = norms});
  const JacobsonTruaxResult& jt = *change.jacobson_truax;
  EXPECT_GT(jt.rc, 0);
  EXPECT_EQ(jt.reliable_change_class, JtClass::kImproved);
  EXPECT_NEAR(jt.a->cutoff, 16, 1e-12);  // M1 + 2 s1
  EXPECT_NEAR(jt.b->cutoff, 10, 1e-12);  // M0 - 2 s0
  EXPECT_EQ(jt.a->classification, JtClass::kRecovered);
  EXPECT_EQ(Change("who5", 17, 8, {.norms = norms}).jacobson_truax->reliable_change_class,
            JtClass::kDeteriorated);
}

TEST(ChangeTest, InvalidNormsAreAnError) {
  const InstrumentDefinition& phq9 = Instrument("phq9");
  StatusOr<ChangeResult> change = ClassifyChange(
      phq9, ScoreTotal(phq9, 19), ScoreTotal(phq9, 9), Parameters(), Percent(),
      {.norms = JacobsonTruaxNorms{.id = "bad", .clinical_sd = 5, .reliability = 1}});
  ASSERT_FALSE(change.ok());
  EXPECT_EQ(change.status().message(), "Jacobson-Truax norms 'bad': reliability must be in [0, 1)");
}

TEST(ChangeTest, MadrsRemissionThresholdIsSelectable) {
  ChangeResult by_default = Change("madrs", 30, 11);
  EXPECT_EQ(by_default.remission, false) << "default <= 10";
  EXPECT_TRUE(by_default.provisional()) << "<= 10 has no confirmed primary source";
  EXPECT_EQ(Change("madrs", 30, 10).remission, true);
  EXPECT_EQ(Change("madrs", 30, 12, {.remission = "le12"}).remission, true);
  EXPECT_EQ(Change("madrs", 30, 10, {.remission = "le9"}).remission, false);
  const InstrumentDefinition& madrs = Instrument("madrs");
  StatusOr<ChangeResult> unknown =
      ClassifyChange(madrs, ScoreTotal(madrs, 30), ScoreTotal(madrs, 9), Parameters(), Percent(),
                     {.remission = "le7"});
  EXPECT_EQ(unknown.status().message(), "MADRS has no remission threshold 'le7'");
}

TEST(ChangeTest, RemissionPerInstrument) {
  EXPECT_EQ(Change("phq9", 15, 4).remission, true);
  EXPECT_EQ(Change("phq9", 15, 5).remission, false);
  EXPECT_EQ(Change("qids_sr16", 15, 5).remission, true);
  EXPECT_EQ(Change("hamd17", 20, 7).remission, true);
  EXPECT_EQ(Change("hamd17", 20, 8).remission, false);
  EXPECT_EQ(Change("gad7", 15, 4).remission, true);
  EXPECT_EQ(Change("bdi2", 30, 13).remission, true);
}

TEST(ChangeTest, Gad7ReliableChangeFourOrBischoffSix) {
  ChangeResult nhs = Change("gad7", 12, 7);
  EXPECT_EQ(nhs.reliable_change->threshold.id, "nhs_tt");
  EXPECT_EQ(nhs.reliable_change->direction, ReliableChangeDirection::kImprovement);
  ChangeResult bischoff = Change("gad7", 12, 7, {.reliable_change = "bischoff2020"});
  EXPECT_EQ(bischoff.reliable_change->threshold.id, "bischoff2020");
  EXPECT_EQ(bischoff.reliable_change->direction, ReliableChangeDirection::kNone);
}

TEST(ChangeTest, PanasChangeIsPerSubscale) {
  const InstrumentDefinition& panas = Instrument("panas");
  ScoredAdministration before = testing::ScoreItems(panas, std::vector<std::optional<int>>(20, 2));
  ScoredAdministration after = testing::ScoreItems(panas, std::vector<std::optional<int>>(20, 1));
  StatusOr<ChangeResult> total = ClassifyChange(panas, before, after, Parameters(), Percent());
  EXPECT_EQ(total.status().message(), "PANAS has no total: choose a subscale");
  StatusOr<ChangeResult> na =
      ClassifyChange(panas, before, after, Parameters(), Percent(), {.subscale = "na"});
  ASSERT_TRUE(na.ok());
  EXPECT_EQ(na->scale, "na");
  EXPECT_EQ(na->percent->category, PercentCategory::kResponse);  // 20 -> 10
  StatusOr<ChangeResult> pa =
      ClassifyChange(panas, before, after, Parameters(), Percent(), {.subscale = "pa"});
  ASSERT_TRUE(pa.ok());
  EXPECT_EQ(pa->direction, Direction::kHigherBetter);
  EXPECT_FALSE(pa->percent.has_value());
}

TEST(ChangeTest, RefusesMismatchedOrUnscoredAdministrations) {
  const InstrumentDefinition& phq9 = Instrument("phq9");
  const InstrumentDefinition& gad7 = Instrument("gad7");
  StatusOr<ChangeResult> across =
      ClassifyChange(phq9, ScoreTotal(phq9, 10), ScoreTotal(gad7, 5), Parameters(), Percent());
  EXPECT_EQ(across.status().message(),
            "change is never computed across instruments (gad7 vs phq9, docs/measures-decisions.md "
            "§13.19)");
  ScoredAdministration unscored =
      testing::ScoreItems(phq9, {1, std::nullopt, std::nullopt, std::nullopt, 1, 1, 1, 1, 0});
  StatusOr<ChangeResult> missing =
      ClassifyChange(phq9, ScoreTotal(phq9, 10), unscored, Parameters(), Percent());
  EXPECT_EQ(missing.status().code(), StatusCode::kFailedPrecondition);
  ScoredAdministration other_frame = ScoreTotal(phq9, 8);
  other_frame.time_frame = "past week";
  EXPECT_EQ(ClassifyChange(phq9, ScoreTotal(phq9, 10), other_frame, Parameters(), Percent())
                .status()
                .code(),
            StatusCode::kInvalidArgument);
}

TEST(ChangeTest, ProratedTotalsAreComparedRoundedAndFlagged) {
  const InstrumentDefinition& phq9 = Instrument("phq9");
  ScoredAdministration prorated = testing::ScoreItems(phq9, {1, 1, 1, 1, 0, 0, 0, std::nullopt, 0});
  ChangeResult change =
      *ClassifyChange(phq9, ScoreTotal(phq9, 10), prorated, Parameters(), Percent());
  EXPECT_EQ(change.follow_up, 5);  // 4.5 rounded half up
  EXPECT_TRUE(change.prorated);
  EXPECT_EQ(change.percent->category, PercentCategory::kResponse);
}

}  // namespace
}  // namespace refract::measures
