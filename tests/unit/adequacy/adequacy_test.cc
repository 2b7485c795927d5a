#include "refract/adequacy/adequacy.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "embedded_knowledge.h"
#include "param_name.h"
#include "record_builder.h"

namespace refract {
namespace {

using test_support::AdTrial;
using test_support::AugmentationTrial;
using test_support::D;
using test_support::EmbeddedKnowledge;
using test_support::LithiumTrial;
using test_support::PsychotherapyTrial;
using test_support::SessionCourse;
using test_support::TreatmentBuilder;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

const Date kAsOf = D("2025-08-01");

AdequacyVerdict Assess(const Treatment& treatment, const KnowledgeBase& kb = EmbeddedKnowledge()) {
  return AssessAdequacy(treatment, kAsOf, kb, DefaultAdequacyRule(kb));
}

const AdequacyCheck* FindCheck(const AdequacyVerdict& verdict, const std::string& id) {
  for (const AdequacyCheck& check : verdict.checks) {
    if (check.id == id) return &check;
  }
  return nullptr;
}

// The outcome of one named check, for compact expectations: "pass", "fail" or "absent".
std::string CheckState(const AdequacyVerdict& verdict, const std::string& id) {
  const AdequacyCheck* check = FindCheck(verdict, id);
  return !check ? "absent" : check->passed ? "pass" : "fail";
}

// --- Weeks at or above the minimum dose (staging-decisions.md §2.1, §2.4)
// -----------------------------------

struct DurationCase {
  const char* name;
  const char* end;  // trials start on 2025-01-01; end dates are exclusive
  bool adequate;
};

class MinimumDurationTest : public ::testing::TestWithParam<DurationCase> {};

TEST_P(MinimumDurationTest, NeedsSixWeeksAtMinimumDose) {
  const DurationCase& c = GetParam();
  const AdequacyVerdict verdict = Assess(AdTrial("T1", "sertraline", "2025-01-01", c.end, 50));
  EXPECT_EQ(verdict.adequate, c.adequate);
  EXPECT_EQ(CheckState(verdict, "weeks_at_min_dose"), c.adequate ? "pass" : "fail");
}

INSTANTIATE_TEST_SUITE_P(
    Boundaries, MinimumDurationTest,
    ::testing::Values(DurationCase{"FortyTwoDaysIsSixWeeks", "2025-02-12", true},
                      DurationCase{"FortyOneDaysFails", "2025-02-11", false},
                      DurationCase{"FortyThreeDaysPasses", "2025-02-13", true},
                      DurationCase{"SameDayEndIsZeroDays", "2025-01-01", false}),
    test_support::RowName{});

TEST(AdequacyTest, TitrationDaysBelowMinimumDoseDoNotCount) {
  // 14 days at 25 mg, then 42 days at 50 mg: 8 weeks in total, 6 at the minimum dose.
  const Treatment trial =
      AdTrial("T1", "sertraline", "2025-01-01", "2025-02-26", 25).Dose("2025-01-15", 50).Build();
  const AdequacyVerdict verdict = Assess(trial);
  EXPECT_TRUE(verdict.adequate);
  EXPECT_DOUBLE_EQ(verdict.weeks_total, 8.0);
  ASSERT_TRUE(verdict.weeks_at_min_dose.has_value());
  EXPECT_DOUBLE_EQ(*verdict.weeks_at_min_dose, 6.0);
}

TEST(AdequacyTest, TitrationThatLeavesFortyOneDaysAtDoseFails) {
  const Treatment trial =
      AdTrial("T1", "sertraline", "2025-01-01", "2025-02-25", 25).Dose("2025-01-15", 50).Build();
  const AdequacyVerdict verdict = Assess(trial);
  EXPECT_FALSE(verdict.adequate);
  EXPECT_EQ(CheckState(verdict, "dose"), "pass");
  EXPECT_EQ(CheckState(verdict, "weeks_at_min_dose"), "fail");
}

TEST(AdequacyTest, DaysAfterADoseReductionBelowMinimumDoNotCount) {
  // 28 days at 50 mg, 28 days at 25 mg, 14 days at 50 mg: 42 days at the minimum dose.
  const Treatment trial = AdTrial("T1", "sertraline", "2025-01-01", "2025-03-12", 50)
                              .Dose("2025-01-29", 25)
                              .Dose("2025-02-26", 50)
                              .Build();
  const AdequacyVerdict verdict = Assess(trial);
  ASSERT_TRUE(verdict.weeks_at_min_dose.has_value());
  EXPECT_DOUBLE_EQ(*verdict.weeks_at_min_dose, 6.0);
  EXPECT_TRUE(verdict.adequate);
}

TEST(AdequacyTest, OngoingTrialRunsUntilAsOf) {
  const AdequacyVerdict verdict =
      Assess(AdTrial("T1", "sertraline", "2025-06-20", "2025-06-21", 50).Ongoing());  // 42 days
  EXPECT_TRUE(verdict.adequate);
  EXPECT_DOUBLE_EQ(verdict.weeks_total, 6.0);
}

TEST(AdequacyTest, DoseBelowMinimumFailsDoseAndWeeks) {
  const AdequacyVerdict verdict =
      Assess(AdTrial("T1", "sertraline", "2025-01-01", "2025-04-01", 25));
  EXPECT_FALSE(verdict.adequate);
  EXPECT_EQ(CheckState(verdict, "dose"), "fail");
  EXPECT_EQ(CheckState(verdict, "weeks_at_min_dose"), "fail");
  EXPECT_THAT(FindCheck(verdict, "dose")->detail, HasSubstr("minimum 50 mg/day"));
}

// A source without any dose (OMOP): adequacy rests on duration and relies on the unverified dose.
TEST(AdequacyTest, UnrecordedDoseRestsOnDuration) {
  Treatment long_trial = AdTrial("T1", "sertraline", "2025-01-01", "2025-04-01", 50);
  long_trial.doses.clear();
  long_trial.dose_unrecorded = true;
  AdequacyVerdict verdict = Assess(long_trial);
  EXPECT_TRUE(verdict.adequate);
  EXPECT_THAT(FindCheck(verdict, "dose")->detail, HasSubstr("dose not recorded"));
  EXPECT_THAT(verdict.uncertain_params, Contains("dose_unrecorded"));

  Treatment short_trial = AdTrial("T2", "sertraline", "2025-01-01", "2025-02-01", 50);
  short_trial.doses.clear();
  short_trial.dose_unrecorded = true;
  verdict = Assess(short_trial);
  EXPECT_FALSE(verdict.adequate);
  EXPECT_EQ(CheckState(verdict, "weeks_at_min_dose"), "fail");
  EXPECT_THAT(verdict.uncertain_params, Not(Contains("dose_unrecorded")));

  long_trial.dose_unrecorded = false;  // no dose steps and no flag: the dose check fails
  EXPECT_FALSE(Assess(long_trial).adequate);
}

TEST(AdequacyTest, UnknownDrugFailsTheDoseCheck) {
  const AdequacyVerdict verdict = Assess(AdTrial("T1", "aspirin", "2025-01-01", "2025-04-01", 100));
  EXPECT_FALSE(verdict.adequate);
  EXPECT_EQ(CheckState(verdict, "dose"), "fail");
  EXPECT_THAT(FindCheck(verdict, "dose")->detail, HasSubstr("no minimum dose known for 'aspirin'"));
}

TEST(AdequacyTest, DoseConventionSelectsTheMinimumDoseColumn) {
  KnowledgeBase kb = EmbeddedKnowledge();
  const Treatment venlafaxine = AdTrial("T1", "venlafaxine", "2025-01-01", "2025-04-01", 75);
  EXPECT_FALSE(Assess(venlafaxine, kb).adequate);  // ATRQ: 150 mg
  kb.dose_convention = "usual";
  EXPECT_TRUE(Assess(venlafaxine, kb).adequate);  // usual: 75 mg
}

TEST(AdequacyTest, MissingDoseColumnFallsBackToAtrqThenUsual) {
  KnowledgeBase kb = EmbeddedKnowledge();
  kb.dose_convention = "ddd";
  // nortriptyline has only an ATRQ dose (75 mg); lofepramine only usual (140) and DDD (105).
  EXPECT_TRUE(Assess(AdTrial("T1", "nortriptyline", "2025-01-01", "2025-04-01", 75), kb).adequate);
  kb.dose_convention = "atrq";
  EXPECT_FALSE(Assess(AdTrial("T1", "lofepramine", "2025-01-01", "2025-04-01", 105), kb).adequate);
  EXPECT_TRUE(Assess(AdTrial("T1", "lofepramine", "2025-01-01", "2025-04-01", 140), kb).adequate);
}

TEST(AdequacyTest, StopReasonIsNamedInTheWeeksDetail) {
  const AdequacyVerdict verdict = Assess(
      AdTrial("T1", "escitalopram", "2025-01-01", "2025-01-22", 10).Stop(StopReason::kIntolerance));
  EXPECT_THAT(FindCheck(verdict, "weeks_at_min_dose")->detail,
              HasSubstr("(stopped for intolerance)"));
}

TEST(AdequacyTest, AdverseEffectsAreNamedWithTheStopReason) {
  const AdequacyVerdict verdict =
      Assess(AugmentationTrial("A1", "aripiprazole", "T1", "2025-01-01", "2025-01-22", 5)
                 .Stop(StopReason::kIntolerance)
                 .AdverseEffects({"akathisia", "qtc_prolongation"}));
  EXPECT_THAT(FindCheck(verdict, "weeks_at_min_dose")->detail,
              HasSubstr("(stopped for intolerance: akathisia, QTc prolongation)"));
}

TEST(AdequacyTest, AdverseEffectsWithoutAnIntoleranceStopAreNamedToo) {
  const AdequacyVerdict verdict =
      Assess(AdTrial("T1", "escitalopram", "2025-01-01", "2025-01-22", 10)
                 .Stop(StopReason::kPatientChoice)
                 .AdverseEffects({"sexual_dysfunction"}));
  EXPECT_THAT(FindCheck(verdict, "weeks_at_min_dose")->detail,
              HasSubstr("(stopped by patient choice; adverse effects: sexual dysfunction)"));
}

// --- Serum level substitutes for dose (nortriptyline window 50-150 ng/mL)
// --------------------------

struct SerumCase {
  const char* name;
  double level;
  bool adequate;
};

class NortriptylineLevelTest : public ::testing::TestWithParam<SerumCase> {};

TEST_P(NortriptylineLevelTest, LevelInsideWindowSubstitutesForDose) {
  const SerumCase& c = GetParam();
  // 50 mg/day is below the 75 mg minimum; only the plasma level can make the trial adequate.
  const AdequacyVerdict verdict =
      Assess(AdTrial("T1", "nortriptyline", "2025-01-01", "2025-03-01", 50).SerumLevel(c.level));
  EXPECT_EQ(verdict.adequate, c.adequate);
  EXPECT_EQ(CheckState(verdict, "dose"), c.adequate ? "pass" : "fail");
  if (c.adequate) {
    EXPECT_THAT(FindCheck(verdict, "dose")->detail, HasSubstr("plasma level"));
  }
}

INSTANTIATE_TEST_SUITE_P(Window, NortriptylineLevelTest,
                         ::testing::Values(SerumCase{"BelowWindow", 49.9, false},
                                           SerumCase{"LowerEdge", 50, true},
                                           SerumCase{"Middle", 100, true},
                                           SerumCase{"UpperEdge", 150, true},
                                           SerumCase{"AboveWindow", 150.1, false}),
                         test_support::RowName{});

TEST(AdequacyTest, SerumLevelCountsEveryDayOfTheTrial) {
  const AdequacyVerdict verdict =
      Assess(AdTrial("T1", "nortriptyline", "2025-01-01", "2025-02-12", 25).SerumLevel(80));
  ASSERT_TRUE(verdict.weeks_at_min_dose.has_value());
  EXPECT_DOUBLE_EQ(*verdict.weeks_at_min_dose, 6.0);
  EXPECT_TRUE(verdict.adequate);
}

TEST(AdequacyTest, SerumLevelIsIgnoredForDrugsWithoutAWindow) {
  const AdequacyVerdict verdict =
      Assess(AdTrial("T1", "sertraline", "2025-01-01", "2025-03-01", 25).SerumLevel(100));
  EXPECT_FALSE(verdict.adequate);
  EXPECT_EQ(CheckState(verdict, "dose"), "fail");
}

// --- Augmentation (staging-decisions.md §2.2)
// ----------------------------------------------------------------

struct LithiumCase {
  const char* name;
  double level;
  bool adequate;
  bool relied_on_unconfirmed;  // the verdict differs across the 0.5-0.6 mmol/L range
};

class LithiumLevelTest : public ::testing::TestWithParam<LithiumCase> {};

TEST_P(LithiumLevelTest, JudgedBySerumLevelWithTheRangeRule) {
  const LithiumCase& c = GetParam();
  const AdequacyVerdict verdict =
      Assess(LithiumTrial("L1", "T1", "2025-01-01", "2025-03-01", c.level));
  EXPECT_EQ(verdict.adequate, c.adequate);
  EXPECT_EQ(CheckState(verdict, "serum_level"), c.adequate ? "pass" : "fail");
  if (c.relied_on_unconfirmed) {
    EXPECT_THAT(verdict.uncertain_params, ElementsAre("min_serum.lithium"));
  } else {
    EXPECT_THAT(verdict.uncertain_params, IsEmpty());
  }
}

INSTANTIATE_TEST_SUITE_P(Levels, LithiumLevelTest,
                         ::testing::Values(LithiumCase{"BelowRange", 0.4, false, false},
                                           LithiumCase{"AtLowerEnd", 0.5, true, true},
                                           LithiumCase{"InsideRange", 0.55, true, true},
                                           LithiumCase{"AtUpperEnd", 0.6, true, false},
                                           LithiumCase{"AboveRange", 0.8, true, false}),
                         test_support::RowName{});

TEST(AugmentationTest, LithiumWithoutALevelIsNotAdequate) {
  const AdequacyVerdict verdict = Assess(TreatmentBuilder("L1", TreatmentKind::kAugmentation)
                                             .Agent("lithium")
                                             .Augments("T1")
                                             .Start("2025-01-01")
                                             .End("2025-03-01"));
  EXPECT_FALSE(verdict.adequate);
  EXPECT_THAT(FindCheck(verdict, "serum_level")->detail, HasSubstr("serum level not recorded"));
}

TEST(AugmentationTest, NeedsFourWeeksAtTheMinimumDose) {
  // adequacy.augmentation_min_weeks = 4: 28 days pass, 27 fail.
  EXPECT_TRUE(Assess(AugmentationTrial("A1", "aripiprazole", "T1", "2025-01-01", "2025-01-29", 2))
                  .adequate);
  EXPECT_FALSE(Assess(AugmentationTrial("A1", "aripiprazole", "T1", "2025-01-01", "2025-01-28", 2))
                   .adequate);
}

TEST(AugmentationTest, LiothyronineMicrogramDoseIsComparedInMilligrams) {
  // 25 mcg/day = 0.025 mg/day, the minimum; the parser converts mcg_per_day to mg.
  EXPECT_TRUE(
      Assess(AugmentationTrial("A1", "liothyronine", "T1", "2025-01-01", "2025-03-01", 0.025))
          .adequate);
  const AdequacyVerdict low =
      Assess(AugmentationTrial("A1", "liothyronine", "T1", "2025-01-01", "2025-03-01", 0.020));
  EXPECT_FALSE(low.adequate);
  EXPECT_EQ(CheckState(low, "dose"), "fail");
}

TEST(AugmentationTest, DoseBelowAnUnconfirmedMinimumIsFlagged) {
  const AdequacyVerdict verdict =
      Assess(AugmentationTrial("A1", "aripiprazole", "T1", "2025-01-01", "2025-03-01", 1));
  EXPECT_FALSE(verdict.adequate);
  EXPECT_THAT(verdict.uncertain_params, Contains("min_dose.aripiprazole"));
}

TEST(AugmentationTest, DoseBelowAConfirmedMinimumIsNotFlagged) {
  const AdequacyVerdict verdict =
      Assess(AugmentationTrial("A1", "quetiapine", "T1", "2025-01-01", "2025-03-01", 100));
  EXPECT_FALSE(verdict.adequate);
  EXPECT_THAT(verdict.uncertain_params, Not(Contains("min_dose.quetiapine")));
}

TEST(AugmentationTest, UnknownAgentFailsTheDoseCheck) {
  const AdequacyVerdict verdict =
      Assess(AugmentationTrial("A1", "buspirone", "T1", "2025-01-01", "2025-03-01", 30));
  EXPECT_FALSE(verdict.adequate);
  EXPECT_THAT(FindCheck(verdict, "dose")->detail,
              HasSubstr("unknown augmenting agent 'buspirone'"));
}

// --- Psychotherapy (staging-decisions.md §2.3)
// ---------------------------------------------------------------

struct PsychotherapyCase {
  const char* name;
  const char* modality;
  int sessions;
  TherapistExperience therapist;
  const char* modality_check;
  const char* sessions_check;
  const char* therapist_check;
};

class PsychotherapyAdequacyTest : public ::testing::TestWithParam<PsychotherapyCase> {};

TEST_P(PsychotherapyAdequacyTest, ChecksModalitySessionsAndTherapist) {
  const PsychotherapyCase& c = GetParam();
  const AdequacyVerdict verdict =
      Assess(PsychotherapyTrial("P1", c.modality, "2025-01-01", "2025-04-01", c.sessions)
                 .Therapist(c.therapist));
  EXPECT_EQ(CheckState(verdict, "modality"), c.modality_check);
  EXPECT_EQ(CheckState(verdict, "sessions"), c.sessions_check);
  EXPECT_EQ(CheckState(verdict, "therapist"), c.therapist_check);
  EXPECT_EQ(verdict.adequate, std::string(c.modality_check) == "pass" &&
                                  std::string(c.sessions_check) == "pass" &&
                                  std::string(c.therapist_check) == "pass");
  EXPECT_FALSE(verdict.weeks_at_min_dose.has_value());
}

constexpr auto kExperienced = TherapistExperience::kExperienced;

INSTANTIATE_TEST_SUITE_P(
    Markowitz2022Rule, PsychotherapyAdequacyTest,
    ::testing::Values(PsychotherapyCase{"CbtNineSessionsExperienced", "cbt", 9, kExperienced,
                                        "pass", "pass", "pass"},
                      PsychotherapyCase{"EightSessionsTooFew", "cbt", 8, kExperienced, "pass",
                                        "fail", "pass"},
                      PsychotherapyCase{"TraineeTherapist", "ipt", 12,
                                        TherapistExperience::kTrainee, "pass", "pass", "fail"},
                      PsychotherapyCase{"TherapistNotRecorded", "ipt", 12,
                                        TherapistExperience::kUnknown, "pass", "pass", "fail"},
                      PsychotherapyCase{"NotEvidenceBased", "supportive", 20, kExperienced, "fail",
                                        "pass", "pass"},
                      PsychotherapyCase{"UnknownModality", "primal_scream", 20, kExperienced,
                                        "fail", "pass", "pass"}),
    test_support::RowName{});

TEST(PsychotherapyTest, TherapistIsNotCheckedWhenTheRuleDoesNotRequireIt) {
  const KnowledgeBase& kb = EmbeddedKnowledge();
  AdequacyRule rule = DefaultAdequacyRule(kb);
  rule.require_experienced_therapist = false;
  const AdequacyVerdict verdict =
      AssessAdequacy(PsychotherapyTrial("P1", "cbt", "2025-01-01", "2025-04-01", 9)
                         .Therapist(TherapistExperience::kTrainee),
                     kAsOf, kb, rule);
  EXPECT_TRUE(verdict.adequate);
  EXPECT_EQ(CheckState(verdict, "therapist"), "absent");
}

TEST(PsychotherapyTest, MissingSessionCountFails) {
  const AdequacyVerdict verdict =
      Assess(PsychotherapyTrial("P1", "cbt", "2025-01-01", "2025-04-01", 9).NoSessions());
  EXPECT_FALSE(verdict.adequate);
  EXPECT_THAT(FindCheck(verdict, "sessions")->detail, HasSubstr("sessions not recorded"));
}

TEST(PsychotherapyTest, TraineeDetailSaysAnExperiencedTherapistIsRequired) {
  const AdequacyVerdict verdict =
      Assess(PsychotherapyTrial("P1", "cbt", "2025-01-01", "2025-04-01", 9)
                 .Therapist(TherapistExperience::kTrainee));
  EXPECT_EQ(verdict.FailedSummary(),
            "therapist in training (an experienced therapist is required)");
}

// --- Session-counted courses: ECT, rTMS/iTBS, esketamine, ketamine
// --------------------------------

struct SessionCase {
  const char* name;
  TreatmentKind kind;
  int sessions;
  bool adequate;
  bool relied_on_unconfirmed;
};

class SessionCourseTest : public ::testing::TestWithParam<SessionCase> {};

TEST_P(SessionCourseTest, CountsTreatmentsAgainstTheMinimum) {
  const SessionCase& c = GetParam();
  const AdequacyVerdict verdict =
      Assess(SessionCourse("S1", c.kind, "2025-01-01", "2025-03-01", c.sessions));
  EXPECT_EQ(verdict.adequate, c.adequate);
  EXPECT_EQ(!verdict.uncertain_params.empty(), c.relied_on_unconfirmed)
      << ::testing::PrintToString(verdict.uncertain_params);
}

// ECT minimum 6 [U, range 6-12]; rTMS/iTBS 20 [U, 10-30]; esketamine 8 [D]; ketamine 6 [U, 4-8].
// A count is flagged only when the verdict differs across the range.
INSTANTIATE_TEST_SUITE_P(
    Minimums, SessionCourseTest,
    ::testing::Values(
        SessionCase{"EctFiveFails", TreatmentKind::kEct, 5, false, false},
        SessionCase{"EctSixPassesButReliesOnRange", TreatmentKind::kEct, 6, true, true},
        SessionCase{"EctElevenReliesOnRange", TreatmentKind::kEct, 11, true, true},
        SessionCase{"EctTwelvePassesWholeRange", TreatmentKind::kEct, 12, true, false},
        SessionCase{"RtmsNineteenFailsButReliesOnRange", TreatmentKind::kRtms, 19, false, true},
        SessionCase{"RtmsNineFailsWholeRange", TreatmentKind::kRtms, 9, false, false},
        SessionCase{"ItbsThirtyPasses", TreatmentKind::kItbs, 30, true, false},
        SessionCase{"EsketamineEightPasses", TreatmentKind::kEsketamine, 8, true, false},
        SessionCase{"EsketamineSevenFailsNotFlagged", TreatmentKind::kEsketamine, 7, false, false},
        SessionCase{"KetamineFiveFailsButReliesOnRange", TreatmentKind::kKetamine, 5, false, true},
        SessionCase{"KetamineEightPasses", TreatmentKind::kKetamine, 8, true, false}),
    test_support::RowName{});

TEST(SessionCourseTest, RangedParameterIsNamedWhenRelied) {
  const AdequacyVerdict verdict =
      Assess(SessionCourse("E1", TreatmentKind::kEct, "2025-01-01", "2025-03-01", 8));
  EXPECT_THAT(verdict.uncertain_params, ElementsAre("adequacy.ect_min_sessions"));
}

TEST(SessionCourseTest, MissingCountFailsWithDetail) {
  const AdequacyVerdict verdict =
      Assess(SessionCourse("E1", TreatmentKind::kEct, "2025-01-01", "2025-03-01", 8).NoSessions());
  EXPECT_FALSE(verdict.adequate);
  EXPECT_THAT(verdict.FailedSummary(), HasSubstr("number of treatments not recorded"));
}

// --- Adherence (staging-decisions.md §2.4: >= 80 % [U, no range])
// -------------------------------------------

struct AdherenceCase {
  const char* name;
  std::optional<double> pct;
  bool adequate;
  bool unverified;
  bool relied_on_unconfirmed;
};

class AdherenceTest : public ::testing::TestWithParam<AdherenceCase> {};

TEST_P(AdherenceTest, UnknownPassesKnownIsCompared) {
  const AdherenceCase& c = GetParam();
  TreatmentBuilder trial = AdTrial("T1", "sertraline", "2025-01-01", "2025-03-01", 50);
  if (c.pct) trial.Adherence(*c.pct);
  const AdequacyVerdict verdict = Assess(trial);
  EXPECT_EQ(verdict.adequate, c.adequate);
  EXPECT_EQ(verdict.adherence_unverified, c.unverified);
  EXPECT_EQ(CheckState(verdict, "adherence"), c.adequate ? "pass" : "fail");
  if (c.relied_on_unconfirmed) {
    EXPECT_THAT(verdict.uncertain_params, ElementsAre("adequacy.min_adherence_pct"));
  } else {
    EXPECT_THAT(verdict.uncertain_params, IsEmpty());
  }
}

INSTANTIATE_TEST_SUITE_P(Cases, AdherenceTest,
                         ::testing::Values(AdherenceCase{"Unknown", std::nullopt, true, true,
                                                         false},
                                           AdherenceCase{"AtThreshold", 80.0, true, false, false},
                                           AdherenceCase{"Full", 100.0, true, false, false},
                                           AdherenceCase{"JustBelow", 79.9, false, false, true},
                                           AdherenceCase{"Zero", 0.0, false, false, true}),
                         test_support::RowName{});

// --- Unconfirmed parameters
// ------------------------------------------------------------------------

TEST(UncertainParamsTest, UnconfirmedMinimumWeeksWithRangeIsReliedOnOnlyInsideTheRange) {
  const KnowledgeBase& kb = EmbeddedKnowledge();
  // maudsley_2009.min_weeks: 6 [U], range 4-8.
  const AdequacyRule rule{&kb.Param("maudsley_2009.min_weeks"),
                          &kb.Param("adequacy.psychotherapy_min_sessions"), false};
  auto uncertain = [&](const char* end) {
    return AssessAdequacy(AdTrial("T1", "sertraline", "2025-01-01", end, 50), kAsOf, kb, rule)
        .uncertain_params;
  };
  EXPECT_THAT(uncertain("2025-02-19"), ElementsAre("maudsley_2009.min_weeks"));  // 7 weeks
  EXPECT_THAT(uncertain("2025-01-29"), ElementsAre("maudsley_2009.min_weeks"));  // 4 weeks
  EXPECT_THAT(uncertain("2025-02-26"), IsEmpty());                               // 8 weeks
  EXPECT_THAT(uncertain("2025-01-22"), IsEmpty());                               // 3 weeks
}

TEST(UncertainParamsTest, UnconfirmedMinimumWithoutRangeIsReliedOnWhenItFails) {
  KnowledgeBase kb = EmbeddedKnowledge();
  kb.parameters["adequacy.default_min_weeks"].provenance.tag = Tag::kUnconfirmed;
  const Treatment short_trial = AdTrial("T1", "sertraline", "2025-01-01", "2025-02-01", 50);
  const Treatment long_trial = AdTrial("T1", "sertraline", "2025-01-01", "2025-04-01", 50);
  EXPECT_THAT(Assess(short_trial, kb).uncertain_params, ElementsAre("adequacy.default_min_weeks"));
  EXPECT_THAT(Assess(long_trial, kb).uncertain_params, IsEmpty());
}

TEST(UncertainParamsTest, ConfirmedMinimumIsNeverFlagged) {
  EXPECT_THAT(Assess(AdTrial("T1", "sertraline", "2025-01-01", "2025-02-01", 50)).uncertain_params,
              IsEmpty());
}

TEST(UncertainParamsTest, UnconfirmedDrugMinimumIsFlaggedOnlyWhenTheDoseFallsShort) {
  // fluvoxamine: 50 mg [U].
  EXPECT_THAT(Assess(AdTrial("T1", "fluvoxamine", "2025-01-01", "2025-03-01", 25)).uncertain_params,
              ElementsAre("min_dose.fluvoxamine"));
  EXPECT_THAT(Assess(AdTrial("T1", "fluvoxamine", "2025-01-01", "2025-03-01", 50)).uncertain_params,
              IsEmpty());
}

// --- Not applicable, summaries
// ---------------------------------------------------------------------

TEST(AdequacyTest, IntensifiedCareIsNotApplicable) {
  const AdequacyVerdict verdict = Assess(TreatmentBuilder("H1", TreatmentKind::kIntensifiedCare)
                                             .Start("2025-01-01")
                                             .End("2025-03-01")
                                             .Setting(CareSetting::kInpatient));
  EXPECT_FALSE(verdict.applicable);
  EXPECT_FALSE(verdict.adequate);
  EXPECT_THAT(verdict.checks, IsEmpty());
}

TEST(AdequacyTest, FailedSummaryJoinsFailedDetailsInOrder) {
  const AdequacyVerdict verdict =
      Assess(AdTrial("T1", "sertraline", "2025-01-01", "2025-01-15", 25).Adherence(50));
  const std::vector<std::string> expected = {FindCheck(verdict, "dose")->detail,
                                             FindCheck(verdict, "weeks_at_min_dose")->detail,
                                             FindCheck(verdict, "adherence")->detail};
  EXPECT_EQ(verdict.FailedSummary(), expected[0] + "; " + expected[1] + "; " + expected[2]);
}

TEST(AdequacyTest, FailedSummaryIsEmptyWhenAdequate) {
  EXPECT_EQ(Assess(AdTrial("T1", "sertraline", "2025-01-01", "2025-03-01", 50)).FailedSummary(),
            "");
}

TEST(AdequacyTest, CombinationIsJudgedLikeAnAntidepressant) {
  const Treatment combination =
      test_support::CombinationTrial("C1", "mirtazapine", "T1", "2025-01-01", "2025-02-12", 15);
  const AdequacyVerdict verdict = Assess(combination);
  EXPECT_TRUE(verdict.adequate);
  EXPECT_EQ(CheckState(verdict, "weeks_at_min_dose"), "pass");
}

// A verdict without words (AdequacyDetail::kVerdictOnly, population runs) is the verdict in words
// with the checks' details and the stop note left empty.
TEST(AdequacyTest, VerdictOnlyDiffersOnlyInTheWords) {
  const KnowledgeBase& kb = EmbeddedKnowledge();
  const AdequacyRule rule{&kb.Param("maudsley_2009.min_weeks"),
                          &kb.Param("adequacy.psychotherapy_min_sessions"), true};
  std::vector<Treatment> trials = {
      AdTrial("T1", "sertraline", "2025-01-01", "2025-01-15", 25)
          .Adherence(50)
          .Stop(StopReason::kIntolerance)
          .AdverseEffects({"akathisia"}),
      AdTrial("T2", "sertraline", "2025-01-01", "2025-02-19", 50),
      AdTrial("T3", "sertraline", "2025-01-01", "2025-04-01", 50).NoDoses(),
      AdTrial("T4", "no-such-drug", "2025-01-01", "2025-04-01", 50),
      LithiumTrial("L1", "T2", "2025-01-01", "2025-03-01", 0.3),
      AugmentationTrial("A1", "aripiprazole", "T2", "2025-01-01", "2025-03-01", 2),
      PsychotherapyTrial("P1", "cbt", "2025-01-01", "2025-04-01", 6)
          .Therapist(TherapistExperience::kTrainee),
      SessionCourse("E1", TreatmentKind::kEct, "2025-01-01", "2025-02-01", 4)};
  trials[2].dose_unrecorded = true;  // "dose not recorded in the source"
  for (const Treatment& trial : trials) {
    const AdequacyVerdict words = AssessAdequacy(trial, kAsOf, kb, rule);
    const AdequacyVerdict bare =
        AssessAdequacy(trial, kAsOf, kb, rule, AdequacyDetail::kVerdictOnly);
    EXPECT_TRUE(words.explained);
    EXPECT_FALSE(bare.explained) << trial.id;
    EXPECT_EQ(bare.adequate, words.adequate) << trial.id;
    EXPECT_EQ(bare.uncertain_params, words.uncertain_params) << trial.id;
    EXPECT_EQ(bare.adherence_unverified, words.adherence_unverified) << trial.id;
    EXPECT_EQ(bare.weeks_total, words.weeks_total) << trial.id;
    EXPECT_EQ(bare.weeks_at_min_dose, words.weeks_at_min_dose) << trial.id;
    EXPECT_EQ(bare.stop_note, "") << trial.id;
    ASSERT_EQ(bare.checks.size(), words.checks.size()) << trial.id;
    for (size_t i = 0; i < words.checks.size(); ++i) {
      EXPECT_EQ(bare.checks[i].id, words.checks[i].id) << trial.id;
      EXPECT_EQ(bare.checks[i].passed, words.checks[i].passed) << trial.id;
      EXPECT_FALSE(words.checks[i].detail.empty()) << trial.id;
      EXPECT_EQ(bare.checks[i].detail, "") << trial.id;
    }
  }
  EXPECT_EQ(AssessAdequacy(trials[0], kAsOf, kb, rule).stop_note,
            "stopped for intolerance: akathisia");
}

}  // namespace
}  // namespace refract
