#include "refract/app/next_steps.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "embedded_knowledge.h"
#include "param_name.h"
#include "record_builder.h"
#include "refract/io/assessment_json.h"

namespace refract {
namespace {

using nlohmann::json;
using test_support::AdTrial;
using test_support::AssessWithEmbedded;
using test_support::AssessWithOptions;
using test_support::AugmentationTrial;
using test_support::D;
using test_support::EmbeddedKnowledge;
using test_support::EmbeddedOptions;
using test_support::PsychotherapyTrial;
using test_support::RecordBuilder;
using ::testing::AllOf;
using ::testing::Contains;
using ::testing::Field;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::StartsWith;

// ---- Helpers -----------------------------------------------------------------------------------

OptionsInput InputFor(const PatientRecord& record) {
  return BuildOptionsInput(record, AssessWithEmbedded(record), EmbeddedKnowledge(),
                           EmbeddedOptions()->ranking);
}

const Fact* Find(const std::vector<Fact>& facts, std::string_view id) {
  auto it = std::find_if(facts.begin(), facts.end(), [&](const Fact& f) { return f.id == id; });
  if (it == facts.end()) {
    ADD_FAILURE() << "no fact " << id;
    return nullptr;
  }
  return &*it;
}

std::optional<bool> ConditionOf(const OptionsInput& input, std::string_view id) {
  const Fact* fact = Find(input.conditions, id);
  return fact ? fact->value : std::nullopt;
}

// An adequate (8+ weeks at a therapeutic dose, adherent) antidepressant trial with MADRS scores.
Treatment AdequateAd(std::string id, std::string drug, std::string_view start, std::string_view end,
                     double mg, int baseline, int final_score) {
  return AdTrial(std::move(id), std::move(drug), start, end, mg)
      .Adherence(90)
      .Scores("madrs", baseline, final_score);
}

// Two adequate failed trials of different SSRI/SNRI antidepressants in the current episode.
RecordBuilder TwoFailedAds() {
  RecordBuilder builder;
  builder.Add(AdequateAd("T1", "sertraline", "2024-02-01", "2024-04-15", 100, 30, 27))
      .Add(AdequateAd("T2", "venlafaxine", "2024-05-01", "2024-07-15", 225, 29, 26));
  return builder;
}

// A PHQ-9 with every item 2 except item 9 (nullopt: unanswered).
Administration Phq9(std::string_view date, std::optional<int> item9) {
  Administration administration;
  administration.instrument = "phq9";
  administration.date = D(date);
  administration.items = {2, 2, 2, 2, 2, 2, 2, 2, item9};
  return administration;
}

std::vector<std::string> Codes(const std::vector<SafetySignal>& signals) {
  std::vector<std::string> codes;
  for (const SafetySignal& signal : signals) codes.push_back(signal.code);
  return codes;
}

const ModelResult* TwoFailures(const Assessment& assessment) {
  for (const ModelResult& model : assessment.staging) {
    if (model.model_id == "two_failures") return &model;
  }
  return nullptr;
}

std::vector<std::string> RankedIds(const OptionsReport& report) {
  std::vector<std::string> ids;
  for (const OptionResult& result : report.ranked) ids.push_back(result.option->id);
  return ids;
}

// ---- Facts -------------------------------------------------------------------------------------

using Edit = std::function<void(PatientRecord&)>;

Edit Onset(const char* date) {
  return [date](PatientRecord& r) { r.episode.onset = D(date); };
}
Edit SeverityIs(Severity severity) {
  return [severity](PatientRecord& r) {
    r.episode.severity = severity;
    r.episode.psychotic_features = severity == Severity::kSeverePsychotic;
  };
}
Edit Education(int years) {
  return [years](PatientRecord& r) { r.demographics.education_years = years; };
}
Edit Born(const char* date) {
  return [date](PatientRecord& r) { r.demographics.birth_date = D(date); };
}
Edit Area(InterpersonalArea area) {
  return [area](PatientRecord& r) { r.clinical.interpersonal_problem_area = area; };
}
Edit Mentalizing(MentalizingCapacity capacity) {
  return [capacity](PatientRecord& r) { r.clinical.mentalizing = capacity; };
}
Edit Adversity(bool present) {
  return [present](PatientRecord& r) { r.clinical.childhood_adversity = present; };
}
Edit WithTrial(Treatment trial) {
  return [trial](PatientRecord& r) { r.treatments.push_back(trial); };
}
Edit Both(Edit first, Edit second) {
  return [first, second](PatientRecord& r) {
    first(r);
    second(r);
  };
}

struct FactCase {
  const char* name;
  Edit edit;  // applied to RecordBuilder().Build(), when set
  const char* fact;
  std::optional<bool> expected;
};

void PrintTo(const FactCase& c, std::ostream* os) { *os << c.name; }

class FactTest : public ::testing::TestWithParam<FactCase> {};

TEST_P(FactTest, IsDerivedFromTheRecord) {
  PatientRecord record = RecordBuilder().Build();
  if (GetParam().edit) GetParam().edit(record);
  const OptionsInput input = InputFor(record);
  const Fact* fact = Find(input.facts, GetParam().fact);
  ASSERT_NE(fact, nullptr);
  EXPECT_EQ(fact->value, GetParam().expected) << fact->detail;
}

constexpr std::nullopt_t kNotRecorded = std::nullopt;

// The default record: as_of 2025-08-01, onset 2024-01-01 (578 days), moderate severity. From
// 2023-08-02 to as_of is 730 days (facts.long_episode_days), from 2023-08-01 731.
const FactCase kFactCases[] = {
    {"SevereIsHigh", SeverityIs(Severity::kSevere), "severity_high", true},
    {"SeverePsychoticIsHigh", SeverityIs(Severity::kSeverePsychotic), "severity_high", true},
    {"ModerateIsNotHigh", {}, "severity_high", false},
    {"Episode730DaysIsNotOver2Years", Onset("2023-08-02"), "episode_over_2_years", false},
    {"Episode731DaysIsOver2Years", Onset("2023-08-01"), "episode_over_2_years", true},
    {"SevereShortEpisodeIsSevereNonChronic", SeverityIs(Severity::kSevere), "severe_non_chronic",
     true},
    {"SevereLongEpisodeIsNotSevereNonChronic",
     Both(SeverityIs(Severity::kSevere), Onset("2023-08-01")), "severe_non_chronic", false},
    {"Education8YearsIsLow", Education(8), "education_8_years_or_less", true},
    {"Education9YearsIsNotLow", Education(9), "education_8_years_or_less", false},
    {"EducationMissingIsNotRecorded", {}, "education_8_years_or_less", kNotRecorded},
    {"Age65OnTheBirthday", Born("1960-08-01"), "age_65_or_over", true},
    {"Age64TheDayBeforeTheBirthday", Born("1960-08-02"), "age_65_or_over", false},
    {"Age65AMonthAfterTheBirthday", Born("1960-07-01"), "age_65_or_over", true},
    {"AgeAtAsOfNotToday",  // 64 on 2004-12-31, whatever the clock says
     Both(Born("1940-01-01"), [](PatientRecord& r) { r.as_of = D("2004-12-31"); }),
     "age_65_or_over", false},
    {"BirthDateMissingIsNotRecorded", {}, "age_65_or_over", kNotRecorded},
    {"InterpersonalAreaNoneIsFalse", Area(InterpersonalArea::kNone), "interpersonal_problem_area",
     false},
    {"InterpersonalAreaGriefIsTrue", Area(InterpersonalArea::kGrief), "interpersonal_problem_area",
     true},
    {"InterpersonalAreaMissingIsNotRecorded", {}, "interpersonal_problem_area", kNotRecorded},
    {"LowMentalizingIsLow", Mentalizing(MentalizingCapacity::kLow), "low_mentalizing", true},
    {"LowMentalizingIsNotHigh", Mentalizing(MentalizingCapacity::kLow), "high_mentalizing", false},
    {"HighMentalizingIsHigh", Mentalizing(MentalizingCapacity::kHigh), "high_mentalizing", true},
    {"HighMentalizingIsNotLow", Mentalizing(MentalizingCapacity::kHigh), "low_mentalizing", false},
    {"ModerateMentalizingIsNotLow", Mentalizing(MentalizingCapacity::kModerate), "low_mentalizing",
     false},
    {"MentalizingMissingIsNotRecorded", {}, "high_mentalizing", kNotRecorded},
    {"ChronicWithAdversity", Both(Adversity(true), Onset("2023-08-01")),
     "chronic_with_childhood_adversity", true},
    {"AdversityWithoutChronicity", Adversity(true), "chronic_with_childhood_adversity", false},
    {"ChronicityWithoutAdversity", Both(Adversity(false), Onset("2023-08-01")),
     "chronic_with_childhood_adversity", false},
    {"ChronicWithAdversityNotRecorded", Onset("2023-08-01"), "chronic_with_childhood_adversity",
     kNotRecorded},
    {"AtypicalFeatures", [](PatientRecord& r) { r.clinical.atypical_features = true; },
     "atypical_features", true},
    {"NoTrialsIsNoMedicationFailure", {}, "prior_medication_failure", false},
    {"OneFailedAdIsAMedicationFailure",
     WithTrial(AdequateAd("T1", "sertraline", "2024-02-01", "2024-04-15", 100, 30, 27)),
     "prior_medication_failure", true},
    {"FailedPsychotherapyIsNotAMedicationFailure",
     WithTrial(PsychotherapyTrial("P1", "cbt", "2024-02-01", "2024-06-01", 16)
                   .Judgement(OutcomeCategory::kNonresponse)),
     "prior_medication_failure", false},
};

INSTANTIATE_TEST_SUITE_P(Facts, FactTest, ::testing::ValuesIn(kFactCases), test_support::RowName{});

TEST(BuildOptionsInputTest, DerivesEveryFactWithTheRankingThresholds) {
  EXPECT_EQ(EmbeddedOptions()->ranking.Weight("facts.long_episode_days").value, 730);
  EXPECT_EQ(DaysBetween(D("2023-08-02"), D("2025-08-01")), 730);
  const OptionsInput input = InputFor(RecordBuilder().Onset("2023-08-01").Build());
  for (std::string_view id : kFactIds) EXPECT_NE(Find(input.facts, id), nullptr) << id;
  EXPECT_EQ(input.facts.size(), kFactIds.size());
  const Fact* fact = Find(input.facts, "episode_over_2_years");
  ASSERT_NE(fact, nullptr);
  EXPECT_THAT(fact->detail, HasSubstr("731"));
}

// ---- Conditions and safety signals -------------------------------------------------------------

TEST(BuildOptionsInputTest, ConditionsComeFromDiagnosisEpisodeAndClinicalFields) {
  PatientRecord record = RecordBuilder()
                             .Diagnosis(Diagnosis::kBipolar)
                             .Severity(Severity::kSeverePsychotic, /*psychotic_features=*/true)
                             .Build();
  record.clinical.substance_use = true;
  const OptionsInput input = InputFor(record);
  EXPECT_EQ(ConditionOf(input, "bipolar"), true);
  EXPECT_EQ(ConditionOf(input, "psychotic_features"), true);
  EXPECT_EQ(ConditionOf(input, "active_substance_use"), true);

  const OptionsInput plain = InputFor(RecordBuilder().Build());
  EXPECT_EQ(ConditionOf(plain, "bipolar"), false);  // diagnosis mdd
  EXPECT_EQ(ConditionOf(plain, "psychotic_features"), false);
  EXPECT_EQ(ConditionOf(plain, "active_substance_use"), std::nullopt);
  EXPECT_EQ(plain.conditions.size(), kCautionConditions.size());
}

TEST(BuildOptionsInputTest, RecordedConditionsAreReadAndTheRestAreNotRecorded) {
  PatientRecord record = RecordBuilder().Build();
  record.conditions = {{"pregnancy", true}, {"seizure_history", false}};
  const OptionsInput input = InputFor(record);
  EXPECT_EQ(ConditionOf(input, "pregnancy"), true);
  EXPECT_EQ(ConditionOf(input, "seizure_history"), false);
  for (const char* id : {"metal_implant", "active_suicidality", "uncontrolled_hypertension"}) {
    EXPECT_EQ(ConditionOf(input, id), std::nullopt) << id;
  }
}

TEST(BuildOptionsInputTest, AkathisiaOnAnAntipsychoticAugmentationIsACaution) {
  RecordBuilder builder;
  builder.Add(AdTrial("T1", "sertraline", "2024-02-01", "2024-04-15", 100)
                  .Scores("madrs", 30, 27)
                  .AdverseEffects({"akathisia"}));
  EXPECT_EQ(ConditionOf(InputFor(builder.Build()), "antipsychotic_akathisia"), false);
  builder.Add(AugmentationTrial("A1", "aripiprazole", "T1", "2024-03-01", "2024-03-20", 5)
                  .Stop(StopReason::kIntolerance)
                  .AdverseEffects({"akathisia"}));
  const PatientRecord record = builder.Build();
  const OptionsInput input = InputFor(record);
  EXPECT_EQ(ConditionOf(input, "antipsychotic_akathisia"), true);
  EXPECT_EQ(Find(input.conditions, "antipsychotic_akathisia")->detail,
            "akathisia recorded on A1 (aripiprazole)");
  const Assessment assessment = test_support::AssessWithOptions(record);
  const OptionResult* option = assessment.options->Find("antipsychotic_augmentation");
  ASSERT_NE(option, nullptr);
  EXPECT_THAT(
      option->cautions,
      Contains(AllOf(Field(&CautionView::status, CautionStatus::kApplies),
                     Field(&CautionView::detail, "akathisia recorded on A1 (aripiprazole)"))));
}

// PHQ-9s with these item 9 values (nullopt: unanswered), a month apart up to 2025-07-01.
struct SafetyCase {
  const char* name;
  std::vector<std::optional<int>> item9;
  std::optional<bool> recorded_suicidality;  // conditions.active_suicidality
  std::vector<std::string> signals;
  std::optional<bool> active_suicidality;  // the derived condition
};

void PrintTo(const SafetyCase& c, std::ostream* os) { *os << c.name; }

class SafetySignalTest : public ::testing::TestWithParam<SafetyCase> {};

TEST_P(SafetySignalTest, ReadsTheLatestAdministrationOfEachInstrument) {
  PatientRecord record = RecordBuilder().Build();
  const int count = static_cast<int>(GetParam().item9.size());
  for (int i = 0; i < count; ++i) {
    record.assessments.push_back(Phq9(AddDays(D("2025-07-01"), 30 * (i - count + 1)).ToString(),
                                      GetParam().item9[static_cast<size_t>(i)]));
  }
  if (GetParam().recorded_suicidality) {
    record.conditions["active_suicidality"] = *GetParam().recorded_suicidality;
  }
  const OptionsInput input = InputFor(record);
  EXPECT_EQ(Codes(input.safety_signals), GetParam().signals);
  EXPECT_EQ(ConditionOf(input, "active_suicidality"), GetParam().active_suicidality);
}

const SafetyCase kSafetyCases[] = {
    // A positive item is a signal (the safety action), not a recorded suicidality: the condition
    // stays what the clinician recorded (a positive item is a prompt, not a risk estimate).
    {"PositiveItemOnTheLatest", {0, 2}, std::nullopt, {"SAFETY_ITEM9"}, std::nullopt},
    {"PositiveItemKeepsTheRecordedScreen", {1}, false, {"SAFETY_ITEM9"}, false},
    {"EarlierPositiveFollowedByZero", {3, 0}, std::nullopt, {}, std::nullopt},
    {"UnansweredItemIsASignalButNotImputed",
     {std::nullopt},
     std::nullopt,
     {"SAFETY_ITEM_UNANSWERED"},
     std::nullopt},
    {"RecordedActiveSuicidality", {}, true, {"ACTIVE_SUICIDALITY"}, true},
    {"RecordedAbsentAndItemZero", {0}, false, {}, false},
};

INSTANTIATE_TEST_SUITE_P(Signals, SafetySignalTest, ::testing::ValuesIn(kSafetyCases),
                         test_support::RowName{});

// ---- Failure counts ----------------------------------------------------------------------------

TEST(BuildOptionsInputTest, FailedAntidepressantTrialsAreTheTwoFailureModelsCountedTrials) {
  PatientRecord record = TwoFailedAds()
                             .Add(AdTrial("T3", "escitalopram", "2024-08-01", "2024-08-20", 10)
                                      .Scores("madrs", 28, 27))  // under 6 weeks: not counted
                             .Build();
  const Assessment assessment = AssessWithEmbedded(record);
  const ModelResult* model = TwoFailures(assessment);
  ASSERT_NE(model, nullptr);
  const OptionsInput input =
      BuildOptionsInput(record, assessment, EmbeddedKnowledge(), EmbeddedOptions()->ranking);
  EXPECT_EQ(input.failed_antidepressant_trials, static_cast<int>(model->counted_trials.size()));
  EXPECT_EQ(input.failed_antidepressant_trials, 2);
  const Fact* fact = Find(input.facts, "prior_medication_failure");
  ASSERT_NE(fact, nullptr);
  EXPECT_EQ(fact->value, true);
  EXPECT_THAT(fact->detail, HasSubstr("2 adequate failed"));
}

TEST(BuildOptionsInputTest, FailedTreatmentsCountEveryAdequateFailureOfTheEpisodeOnly) {
  PatientRecord record =
      TwoFailedAds()
          .Add(AdequateAd("OLD", "fluoxetine", "2022-01-01", "2022-04-01", 20, 30, 29))
          .Add(PsychotherapyTrial("P1", "cbt", "2024-08-01", "2024-12-01", 16)
                   .Judgement(OutcomeCategory::kNonresponse))
          .Add(PsychotherapyTrial("P2", "ipt", "2025-01-01", "2025-02-01", 4)
                   .Judgement(OutcomeCategory::kNonresponse))  // too few sessions: inadequate
          .Build();
  const OptionsInput input = InputFor(record);
  ASSERT_EQ(input.trials.size(), 4u);  // OLD belongs to an earlier episode
  for (const TrialSummary& trial : input.trials) {
    EXPECT_NE(trial.id, "OLD");
    EXPECT_EQ(trial.adequate, trial.id != "P2") << trial.id << ": " << trial.shortfall;
  }
  EXPECT_EQ(input.failed_treatments, 3);  // T1, T2 and P1
  EXPECT_EQ(input.failed_antidepressant_trials, 2);
}

// ---- Contexts and notes ------------------------------------------------------------------------

// Sertraline 100 mg since 2025-07-10: about 3 weeks by as_of, short of the 6-week minimum.
Treatment ShortOngoing() {
  return AdTrial("M2", "sertraline", "2025-07-10", "2025-08-01", 100).Ongoing();
}

struct ContextCase {
  const char* name;
  Treatment trial;
  bool expected;
};

void PrintTo(const ContextCase& c, std::ostream* os) { *os << c.name; }

class OngoingTrialContextTest : public ::testing::TestWithParam<ContextCase> {};

TEST_P(OngoingTrialContextTest, FlagsAnOngoingAntidepressantShortOfAdequacy) {
  const OptionsInput input = InputFor(RecordBuilder().Add(GetParam().trial).Build());
  const Fact* context = Find(input.contexts, "ongoing_antidepressant_not_yet_adequate");
  ASSERT_NE(context, nullptr);
  EXPECT_EQ(context->value, GetParam().expected) << context->detail;
  if (GetParam().expected) {
    EXPECT_THAT(context->detail, HasSubstr(GetParam().trial.id));
  }
}

INSTANTIATE_TEST_SUITE_P(
    Contexts, OngoingTrialContextTest,
    ::testing::Values(
        ContextCase{"BelowMinimumDose",
                    AdTrial("M1", "sertraline", "2025-03-01", "2025-08-01", 25).Ongoing(), true},
        ContextCase{"ShortOfMinimumDuration", ShortOngoing(), true},
        ContextCase{
            "OngoingAndAdequate",
            AdTrial("M3", "sertraline", "2025-03-01", "2025-08-01", 100).Adherence(90).Ongoing(),
            false},
        ContextCase{"EndedBelowMinimumDose",
                    AdTrial("M4", "sertraline", "2025-03-01", "2025-06-01", 25), false}),
    test_support::RowName{});

TEST(AssessWithOptionsTest, OptimiseDoseIsRankedOnlyWhileATrialIsShortOfAdequacy) {
  const Assessment with = AssessWithOptions(RecordBuilder().Add(ShortOngoing()).Build());
  const OptionResult* optimise = with.options->Find("optimise_dose");
  ASSERT_NE(optimise, nullptr);
  EXPECT_GT(optimise->rank, 0);
  EXPECT_THAT(optimise->components, Contains(Field(&OptionComponent::id, "context.applies")));
  const Assessment without = AssessWithOptions(RecordBuilder().Build());
  const OptionResult* absent = without.options->Find("optimise_dose");
  ASSERT_NE(absent, nullptr);
  EXPECT_THAT(absent->exclusions,
              Contains(Field(&Exclusion::kind, ExclusionKind::kSituationAbsent)));
}

TEST(BuildOptionsInputTest, LatestTrialInRemissionAddsTheContinueNote) {
  const PatientRecord record =
      TwoFailedAds()
          .Add(AdequateAd("T3", "mirtazapine", "2024-09-01", "2024-11-15", 30, 30, 6))
          .Build();
  const OptionsInput input = InputFor(record);
  const std::string& message = EmbeddedOptions()->ranking.Message("continue_what_works").text;
  const auto note = std::find_if(input.notes.begin(), input.notes.end(),
                                 [&](const std::string& n) { return n.starts_with(message); });
  ASSERT_NE(note, input.notes.end());
  EXPECT_THAT(*note, HasSubstr("T3 (mirtazapine): remission"));
  EXPECT_EQ(std::count_if(input.notes.begin(), input.notes.end(),
                          [&](const std::string& n) { return n.starts_with(message); }),
            1);
  const Assessment assessment = AssessWithOptions(record);
  EXPECT_THAT(assessment.options->notes, Contains(*note));
}

TEST(BuildOptionsInputTest, NoContinueNoteWhenTheLatestTrialFailed) {
  const PatientRecord record =  // remission first, then a failure
      RecordBuilder()
          .Add(AdequateAd("T1", "sertraline", "2024-02-01", "2024-04-15", 100, 30, 6))
          .Add(AdequateAd("T2", "venlafaxine", "2024-05-01", "2024-07-15", 225, 29, 26))
          .Build();
  const std::string& message = EmbeddedOptions()->ranking.Message("continue_what_works").text;
  EXPECT_THAT(InputFor(record).notes, Not(Contains(StartsWith(message))));
}

// The add-on options assume a current antidepressant: its absence is said, its presence is not.
TEST(BuildOptionsInputTest, NoOngoingAntidepressantIsNoted) {
  const std::string& message = EmbeddedOptions()->ranking.Message("no_ongoing_antidepressant").text;
  EXPECT_THAT(InputFor(TwoFailedAds().Build()).notes, Contains(message));
  const PatientRecord ongoing =
      TwoFailedAds()
          .Add(AdTrial("T3", "mirtazapine", "2024-09-01", "2024-11-15", 30).Ongoing())
          .Build();
  EXPECT_THAT(InputFor(ongoing).notes, Not(Contains(message)));
}

// ---- End to end --------------------------------------------------------------------------------

TEST(AssessWithOptionsTest, BipolarRanksNothingButStillShowsTheSafetyAction) {
  PatientRecord record = RecordBuilder().Diagnosis(Diagnosis::kBipolar).Build();
  record.assessments = {Phq9("2025-07-20", 1)};
  const Assessment assessment = AssessWithOptions(record);
  ASSERT_TRUE(assessment.options.has_value());
  const OptionsReport& report = *assessment.options;
  EXPECT_FALSE(report.applicable);
  EXPECT_FALSE(report.not_applicable_reason.empty());
  EXPECT_THAT(report.not_applicable_reason, HasSubstr("Bipolar"));
  EXPECT_THAT(report.ranked, IsEmpty());
  ASSERT_EQ(report.safety_actions.size(), 1u);
  EXPECT_EQ(report.safety_actions[0].code, "SAFETY_ASSESSMENT");
  EXPECT_THAT(Codes(report.safety_actions[0].signals), Contains("SAFETY_ITEM9"));
  const json trace = json::parse(OptionsToJson(assessment, "cbt", false));
  EXPECT_TRUE(trace["option"].is_null());
  EXPECT_EQ(trace["not_applicable_reason"], report.not_applicable_reason);
}

TEST(AssessWithOptionsTest, TwoFailedAntidepressantsPutAnEvidenceBasedPsychotherapyInTheTopFive) {
  const Assessment assessment = AssessWithOptions(TwoFailedAds().Build());
  const OptionsReport& report = *assessment.options;
  EXPECT_TRUE(report.applicable);
  ASSERT_EQ(report.safety_actions.size(), 1u);  // no self-harm item: the routine prompt to ask
  EXPECT_EQ(report.safety_actions[0].code, "SAFETY_NOT_ASSESSED");
  ASSERT_GE(report.ranked.size(), 5u);
  const auto top5 = std::vector<OptionResult>(report.ranked.begin(), report.ranked.begin() + 5);
  const bool psychotherapy = std::any_of(top5.begin(), top5.end(), [](const OptionResult& r) {
    const auto& classes = r.option->treatment_classes;
    return std::find(classes.begin(), classes.end(), "psychotherapy_evidence_based") !=
           classes.end();
  });
  EXPECT_TRUE(psychotherapy) << ::testing::PrintToString(RankedIds(report));
  const OptionResult* cbt = report.Find("cbt");
  ASSERT_NE(cbt, nullptr);
  EXPECT_THAT(cbt->components, Contains(Field(&OptionComponent::id, "history.psychotherapy_gap")));
}

// The esketamine label (and the two_failures model that its eligibility counts with) asks for two
// *different* antidepressants; a re-trial of the same drug is one failure (distinct-agent rule,
// tests/vignettes/staging/35-same-drug-twice-distinct-agent-rule.json: "Two failures: 1 distinct
// drug -> not TRD").
TEST(AssessWithOptionsTest, SameDrugTwiceDoesNotMakeEsketamineIndicated) {
  const PatientRecord record =
      RecordBuilder()
          .Add(AdequateAd("T1", "sertraline", "2024-02-01", "2024-04-15", 100, 30, 27))
          .Add(AdequateAd("T2", "sertraline", "2024-05-01", "2024-07-15", 200, 29, 27))
          .Build();
  const Assessment assessment = AssessWithOptions(record);
  ASSERT_NE(TwoFailures(assessment), nullptr);
  ASSERT_EQ(TwoFailures(assessment)->meets, false);
  const OptionResult* esketamine = assessment.options->Find("esketamine");
  ASSERT_NE(esketamine, nullptr);
  EXPECT_EQ(esketamine->rank, 0);
  EXPECT_THAT(esketamine->exclusions,
              Contains(Field(&Exclusion::kind, ExclusionKind::kNotYetIndicated)));
}

struct DeclineCase {
  const char* name;
  Edit edit;  // applied to TwoFailedAds(), when set
};

void PrintTo(const DeclineCase& c, std::ostream* os) { *os << c.name; }

class DeclinedEctTest : public ::testing::TestWithParam<DeclineCase> {};

TEST_P(DeclinedEctTest, IsNeverRanked) {
  PatientRecord record = TwoFailedAds().Build();
  if (GetParam().edit) GetParam().edit(record);
  record.preferences.declines.push_back("ect");
  const Assessment assessment = AssessWithOptions(record);
  EXPECT_THAT(RankedIds(*assessment.options), Not(Contains("ect")));
  const OptionResult* ect = assessment.options->Find("ect");
  ASSERT_NE(ect, nullptr);
  EXPECT_THAT(ect->exclusions, Contains(Field(&Exclusion::kind, ExclusionKind::kDeclined)));
}

INSTANTIATE_TEST_SUITE_P(
    Records, DeclinedEctTest,
    ::testing::Values(DeclineCase{"TwoFailures", {}},
                      DeclineCase{"NoHistory", [](PatientRecord& r) { r.treatments.clear(); }},
                      DeclineCase{"SeverePsychotic", SeverityIs(Severity::kSeverePsychotic)},
                      // A declined option is not rescued by preferring its category.
                      DeclineCase{
                          "PrefersNeuromodulation",
                          [](PatientRecord& r) { r.preferences.prefers = {"neuromodulation"}; }}),
    test_support::RowName{});

TEST(AssessWithOptionsTest, AssessmentJsonCarriesTheRankedOptionsWithEvidence) {
  const json out = json::parse(AssessmentToJson(AssessWithOptions(TwoFailedAds().Build()), false));
  const json& options = out["options"];
  ASSERT_TRUE(options.is_object()) << out.dump();
  ASSERT_TRUE(options["ranked"].is_array() && !options["ranked"].empty());
  int with_citations = 0;
  for (size_t i = 0; i < options["ranked"].size(); ++i) {
    const json& option = options["ranked"][i];
    SCOPED_TRACE(option.value("id", "?"));
    EXPECT_TRUE(option["id"].is_string());
    EXPECT_EQ(option["rank"], static_cast<int>(i) + 1);
    EXPECT_TRUE(option["score"].is_number());
    ASSERT_TRUE(option["components"].is_array());
    EXPECT_FALSE(option["components"].empty());
    for (const json& component : option["components"]) {
      EXPECT_TRUE(component.contains("id") && component.contains("points"));
    }
    ASSERT_TRUE(option["evidence"]["entries"].is_array());
    for (const json& entry : option["evidence"]["entries"]) {
      EXPECT_FALSE(entry.value("citation", "").empty());
      ++with_citations;
    }
  }
  EXPECT_GT(with_citations, 0);
  EXPECT_EQ(options["failed_antidepressant_trials"], 2);
}

TEST(AssessWithOptionsTest, OptionsJsonTracesOneOption) {
  const Assessment assessment = AssessWithOptions(TwoFailedAds().Build());
  const json out = json::parse(OptionsToJson(assessment, "cbt", false));
  EXPECT_EQ(out["format"], "refract-options/1");
  EXPECT_EQ(out["patient_id"], "test-patient");
  const json& option = out["option"];
  ASSERT_TRUE(option.is_object());
  EXPECT_EQ(option["id"], "cbt");
  EXPECT_TRUE(option["course"].is_array() && !option["course"].empty());
  EXPECT_TRUE(option["measurement"].is_array() && !option["measurement"].empty());
  EXPECT_FALSE(option["components"].empty());
  for (const json& entry : option["evidence"]["entries"]) {
    EXPECT_TRUE(entry.contains("outcome"));  // the full trace
  }
  EXPECT_TRUE(out["safety_actions"].is_array());
  EXPECT_TRUE(json::parse(OptionsToJson(assessment, "hypnosis", false))["option"].is_null());
  EXPECT_TRUE(json::parse(OptionsToJson(assessment, "", false))["options"]["ranked"].is_array());
}

}  // namespace
}  // namespace refract
