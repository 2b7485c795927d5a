// Rejections inside treatments[] (src/io/treatment_json.cc): kind-specific fields, dates, doses,
// outcomes and cross-references. Each names the exact JSON path and the rule.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "embedded_knowledge.h"
#include "param_name.h"
#include "record_json.h"
#include "refract/io/patient_json.h"

namespace refract {
namespace {

using io_test::kCbt;
using io_test::kEct;
using io_test::kInpatient;
using io_test::kLiothyronine;
using io_test::kLithium;
using io_test::kMirtazapine;
using io_test::kNortriptyline;
using io_test::kSertraline;
using io_test::Lines;
using io_test::ValidRecordJson;
using nlohmann::json;
using ::testing::Contains;
using ::testing::StartsWith;

struct TreatmentCase {
  const char* name;
  int index;  // the treatment to change
  std::function<void(json&)> mutate;
  std::string expected_line;
};

class TreatmentRejectionTest : public ::testing::TestWithParam<TreatmentCase> {};

TEST_P(TreatmentRejectionTest, NamesPathAndRule) {
  const TreatmentCase& c = GetParam();
  json document = ValidRecordJson();
  c.mutate(document["treatments"][c.index]);
  const StatusOr<PatientRecord> record = test_support::ParseRecord(document.dump());
  ASSERT_FALSE(record.ok());
  EXPECT_EQ(record.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(Lines(record.status().message()), Contains(StartsWith(c.expected_line)))
      << record.status().message();
}

const TreatmentCase kFieldRejections[] = {
    {"TreatmentNotAnObject", kSertraline, [](json& t) { t = "T1"; },
     "$.treatments[0]: must be an object"},
    {"MissingKind", kSertraline, [](json& t) { t.erase("kind"); },
     "$.treatments[0].kind: is required"},
    {"UnknownKind", kSertraline, [](json& t) { t["kind"] = "herbal"; },
     "$.treatments[0].kind: 'herbal' is not one of: antidepressant, augmentation"},
    {"MissingTreatmentId", kSertraline, [](json& t) { t.erase("id"); },
     "$.treatments[0].id: is required"},
    {"SessionsNotAllowedForAntidepressant", kSertraline, [](json& t) { t["sessions"] = 3; },
     "$.treatments[0].sessions: not allowed for kind 'antidepressant'"},
    {"AugmentsNotAllowedForAntidepressant", kSertraline, [](json& t) { t["augments"] = "N1"; },
     "$.treatments[0].augments: not allowed for kind 'antidepressant'"},
    {"PlasmaLevelNotAllowedWithoutWindow", kSertraline,
     [](json& t) { t["serum_level_ng_ml"] = 90; },
     "$.treatments[0].serum_level_ng_ml: not allowed for kind 'antidepressant'"},
    {"DrugNotAllowedForPsychotherapy", kCbt, [](json& t) { t["drug"] = "sertraline"; },
     "$.treatments[2].drug: not allowed for kind 'psychotherapy'"},
    {"LateralityNotAllowedForPsychotherapy", kCbt, [](json& t) { t["laterality"] = "bilateral"; },
     "$.treatments[2].laterality: not allowed for kind 'psychotherapy'"},
    {"OutcomeNotAllowedForIntensifiedCare", kInpatient,
     [](json& t) {
       t["outcome"] = {{"judgement", "nonresponse"}};
     },
     "$.treatments[4].outcome: not allowed for kind 'intensified_care'"},
    {"DosesNotAllowedForEct", kEct, [](json& t) { t["doses"] = json::array(); },
     "$.treatments[3].doses: not allowed for kind 'ect'"},
    {"MissingSetting", kInpatient, [](json& t) { t.erase("setting"); },
     "$.treatments[4].setting: is required"},
    {"SessionsAsFloat", kCbt, [](json& t) { t["sessions"] = 12.5; },
     "$.treatments[2].sessions: must be an integer"},
    {"SessionsAsString", kCbt, [](json& t) { t["sessions"] = "12"; },
     "$.treatments[2].sessions: must be an integer"},
    {"NegativeSessions", kEct, [](json& t) { t["sessions"] = -1; },
     "$.treatments[3].sessions: must be between 0 and 1000 (got -1)"},
    {"MissingEctSessions", kEct, [](json& t) { t.erase("sessions"); },
     "$.treatments[3].sessions: is required"},
    {"UnknownLaterality", kEct, [](json& t) { t["laterality"] = "left"; },
     "$.treatments[3].laterality: 'left' is not one of: bilateral"},
    {"UnknownTherapist", kCbt, [](json& t) { t["therapist"] = "expert"; },
     "$.treatments[2].therapist: 'expert' is not one of: experienced, trainee, unknown"},
    {"AdherenceAboveHundred", kSertraline, [](json& t) { t["adherence_pct"] = 101; },
     "$.treatments[0].adherence_pct: must be between 0.0 and 100.0 (got 101)"},
    {"AdherenceAsString", kSertraline, [](json& t) { t["adherence_pct"] = "90"; },
     "$.treatments[0].adherence_pct: must be a number"},
    {"LithiumLevelOutOfRange", kLithium, [](json& t) { t["serum_level_mmol_l"] = 6; },
     "$.treatments[5].serum_level_mmol_l: must be between 0.0 and 5.0 (got 6)"},
    {"ProspectiveNotABool", kSertraline, [](json& t) { t["prospective"] = "yes"; },
     "$.treatments[0].prospective: must be true or false"},
    {"UnknownStopReason", kSertraline, [](json& t) { t["stop_reason"] = "boredom"; },
     "$.treatments[0].stop_reason: 'boredom' is not one of: none, intolerance"},
};

const TreatmentCase kDateRejections[] = {
    {"InvalidStartDate", kSertraline, [](json& t) { t["start"] = "2024-13-01"; },
     "$.treatments[0].start: must be a date YYYY-MM-DD, YYYY-MM (year-month) or YYYY (year) (got "
     "'2024-13-01')"},
    {"EndNotALeapDay", kSertraline, [](json& t) { t["end"] = "2023-02-29"; },
     "$.treatments[0].end: must be a date YYYY-MM-DD, YYYY-MM (year-month) or YYYY (year) (got "
     "'2023-02-29')"},
    {"EndBeforeStart", kCbt, [](json& t) { t["end"] = "2024-04-30"; },
     "$.treatments[2].end: must not be before start (2024-05-01)"},
    {"StartAfterAsOf", kCbt,
     [](json& t) {
       t["start"] = "2025-08-02";
       t.erase("end");
     },
     "$.treatments[2].start: must not be after as_of (2025-08-01)"},
    {"EndAfterAsOf", kCbt, [](json& t) { t["end"] = "2025-08-02"; },
     "$.treatments[2].end: must not be after as_of (2025-08-01)"},
    {"MissingStart", kEct, [](json& t) { t.erase("start"); }, "$.treatments[3].start: is required"},
};

const TreatmentCase kKnowledgeRejections[] = {
    {"UnknownDrug", kSertraline, [](json& t) { t["drug"] = "aspirin"; },
     "$.treatments[0].drug: unknown antidepressant 'aspirin'"},
    {"AugmenterGivenAsDrug", kSertraline, [](json& t) { t["drug"] = "lithium"; },
     "$.treatments[0].drug: unknown antidepressant 'lithium'"},
    {"MissingDrug", kSertraline, [](json& t) { t.erase("drug"); },
     "$.treatments[0].drug: is required"},
    {"UnknownAugmentingAgent", kLiothyronine, [](json& t) { t["agent"] = "buspirone"; },
     "$.treatments[1].agent: unknown augmenting agent 'buspirone'"},
    {"AntidepressantGivenAsAgent", kLiothyronine, [](json& t) { t["agent"] = "sertraline"; },
     "$.treatments[1].agent: unknown augmenting agent 'sertraline'"},
    {"UnknownModality", kCbt, [](json& t) { t["modality"] = "primal_scream"; },
     "$.treatments[2].modality: unknown psychotherapy modality 'primal_scream'"},
    {"UnknownInstrument", kSertraline, [](json& t) { t["outcome"]["instrument"] = "beck"; },
     "$.treatments[0].outcome.instrument: unknown instrument 'beck'"},
    {"MisspeltAgentSuggestsTheNearestAndListsAShortTable", kLiothyronine,
     [](json& t) { t["agent"] = "aripiprazol"; },
     "$.treatments[1].agent: unknown augmenting agent 'aripiprazol': did you mean "
     "'aripiprazole'? (accepted ids: quetiapine, aripiprazole, brexpiprazole, cariprazine, "
     "olanzapine, lithium, liothyronine; refract ids augmenters)"},
    {"MisspeltDrugPointsToTheIdsCommandForALongTable", kSertraline,
     [](json& t) { t["drug"] = "sertralin"; },
     "$.treatments[0].drug: unknown antidepressant 'sertralin': did you mean 'sertraline'? "
     "(accepted ids: refract ids drugs)"},
    {"MisspeltBrandSuggestsTheBrandAndItsId", kSertraline, [](json& t) { t["drug"] = "Zolof"; },
     "$.treatments[0].drug: unknown antidepressant 'Zolof': did you mean 'Zoloft' (sertraline)?"},
    {"MisspeltModality", kCbt, [](json& t) { t["modality"] = "ipd"; },
     "$.treatments[2].modality: unknown psychotherapy modality 'ipd': did you mean 'ipt'?"},
    {"MisspeltOutcomeInstrument", kSertraline,
     [](json& t) { t["outcome"]["instrument"] = "madras"; },
     "$.treatments[0].outcome.instrument: unknown instrument 'madras': did you mean 'madrs'? "
     "(accepted ids: "},
    {"MisspeltEnumValue", kCbt, [](json& t) { t["therapist"] = "experinced"; },
     "$.treatments[2].therapist: 'experinced' is not one of: experienced, trainee, unknown; did "
     "you mean 'experienced'?"},
    {"UnknownAdverseEffect", kSertraline, [](json& t) { t["adverse_effects"] = {"akathsia"}; },
     "$.treatments[0].adverse_effects[0]: unknown adverse effect 'akathsia': did you mean "
     "'akathisia'?"},
    {"AdverseEffectTwice", kSertraline,
     [](json& t) {
       t["adverse_effects"] = {"sedation", "Sedation"};
     },
     "$.treatments[0].adverse_effects[1]: 'sedation' is listed twice"},
    {"AdverseEffectNotAString", kSertraline, [](json& t) { t["adverse_effects"] = {3}; },
     "$.treatments[0].adverse_effects[0]: must be a non-empty string"},
    {"AdverseEffectsNotAllowedForIntensifiedCare", kInpatient,
     [](json& t) { t["adverse_effects"] = {"sedation"}; },
     "$.treatments[4].adverse_effects: not allowed for kind 'intensified_care'"},
};

const TreatmentCase kDoseRejections[] = {
    {"DoseStepsOutOfOrder", kSertraline,
     [](json& t) {
       t["doses"] = {{{"from", "2024-03-01"}, {"mg_per_day", 50}},
                     {{"from", "2024-02-01"}, {"mg_per_day", 100}}};
     },
     "$.treatments[0].doses[1].from: dose steps must be in strictly increasing date order"},
    {"DoseStepsOnTheSameDay", kSertraline, [](json& t) { t["doses"][1]["from"] = "2024-02-01"; },
     "$.treatments[0].doses[1].from: dose steps must be in strictly increasing date order"},
    {"DoseStepBeforeTrialStart", kSertraline, [](json& t) { t["doses"][0]["from"] = "2024-01-31"; },
     "$.treatments[0].doses[0].from: must not be before the trial start"},
    {"DoseStepAfterTrialEnd", kSertraline, [](json& t) { t["doses"][1]["from"] = "2024-04-02"; },
     "$.treatments[0].doses[1].from: must not be after the trial end"},
    {"DoseStepAfterAsOfInOngoingTrial", kNortriptyline,
     [](json& t) {
       t["doses"].push_back({{"from", "2025-08-02"}, {"mg_per_day", 75}});
     },
     "$.treatments[6].doses[1].from: must not be after the trial end"},
    {"DoseStepWithoutAmount", kSertraline, [](json& t) { t["doses"][0].erase("mg_per_day"); },
     "$.treatments[0].doses[0]: must give exactly one of mg_per_day or mcg_per_day"},
    {"DoseStepWithBothUnits", kLiothyronine, [](json& t) { t["doses"][0]["mg_per_day"] = 0.025; },
     "$.treatments[1].doses[0]: must give exactly one of mg_per_day or mcg_per_day"},
    {"ZeroDose", kSertraline, [](json& t) { t["doses"][0]["mg_per_day"] = 0; },
     "$.treatments[0].doses[0].mg_per_day: must be between 0.001 and 10000.0 (got 0)"},
    {"DoseAsString", kSertraline, [](json& t) { t["doses"][0]["mg_per_day"] = "50"; },
     "$.treatments[0].doses[0].mg_per_day: must be a number"},
    {"EmptyDoses", kSertraline, [](json& t) { t["doses"] = json::array(); },
     "$.treatments[0].doses: must list at least one dose step"},
    {"MissingDoses", kSertraline, [](json& t) { t.erase("doses"); },
     "$.treatments[0].doses: is required"},
    {"MissingDosesForDoseJudgedAugmenter", kLiothyronine, [](json& t) { t.erase("doses"); },
     "$.treatments[1].doses: is required"},
    {"DoseStepNotAnObject", kSertraline, [](json& t) { t["doses"][0] = 50; },
     "$.treatments[0].doses[0]: must be an object"},
    {"DoseStepWithoutDate", kSertraline, [](json& t) { t["doses"][0].erase("from"); },
     "$.treatments[0].doses[0].from: is required"},
};

const TreatmentCase kOutcomeRejections[] = {
    {"OutcomeWithNeitherScoresNorJudgement", kSertraline,
     [](json& t) { t["outcome"] = json::object(); },
     "$.treatments[0].outcome: must give scores (instrument, baseline, end) or a judgement"},
    {"ScoresWithoutInstrument", kSertraline, [](json& t) { t["outcome"].erase("instrument"); },
     "$.treatments[0].outcome.instrument: is required when baseline or end scores are given"},
    {"BaselineAboveMadrsMaximum", kSertraline, [](json& t) { t["outcome"]["baseline"] = 61; },
     "$.treatments[0].outcome.baseline: must be between 0 and 60 (got 61)"},
    {"EndAboveHamdMaximum", kEct, [](json& t) { t["outcome"]["end"] = 53; },
     "$.treatments[3].outcome.end: must be between 0 and 52 (got 53)"},
    {"NegativeScore", kSertraline, [](json& t) { t["outcome"]["end"] = -1; },
     "$.treatments[0].outcome.end: must be between 0 and 60 (got -1)"},
    {"ScoreAsFloat", kSertraline, [](json& t) { t["outcome"]["baseline"] = 30.5; },
     "$.treatments[0].outcome.baseline: must be an integer"},
    {"UnknownJudgement", kCbt, [](json& t) { t["outcome"]["judgement"] = "better"; },
     "$.treatments[2].outcome.judgement: 'better' is not one of: nonresponse"},
    {"OutcomeNotAnObject", kCbt, [](json& t) { t["outcome"] = "nonresponse"; },
     "$.treatments[2].outcome: must be an object"},
};

const TreatmentCase kReferenceRejections[] = {
    {"DuplicateTrialId", kLiothyronine, [](json& t) { t["id"] = "T1"; },
     "$.treatments[1].id: duplicate trial id 'T1'"},
    {"AugmentsAPsychotherapy", kLiothyronine, [](json& t) { t["augments"] = "P1"; },
     "$.treatments[1].augments: must name another trial of kind 'antidepressant' (got 'P1')"},
    {"AugmentsAnotherAugmentation", kLithium, [](json& t) { t["augments"] = "A1"; },
     "$.treatments[5].augments: must name another trial of kind 'antidepressant' (got 'A1')"},
    {"AugmentsAMissingTrial", kLiothyronine, [](json& t) { t["augments"] = "T9"; },
     "$.treatments[1].augments: must name another trial of kind 'antidepressant' (got 'T9')"},
    {"CombinationAugmentsItself", kMirtazapine, [](json& t) { t["augments"] = "C1"; },
     "$.treatments[7].augments: must name another trial of kind 'antidepressant' (got 'C1')"},
    {"AugmentationWithoutBase", kLiothyronine, [](json& t) { t.erase("augments"); },
     "$.treatments[1].augments: is required"},
    {"CombinedWithEct", kCbt, [](json& t) { t["combined_with"] = "E1"; },
     "$.treatments[2].combined_with: must name a pharmacotherapy trial (got 'E1')"},
    {"CombinedWithMissingTrial", kCbt, [](json& t) { t["combined_with"] = "nope"; },
     "$.treatments[2].combined_with: must name a pharmacotherapy trial (got 'nope')"},
    {"CombinedWithItself", kCbt, [](json& t) { t["combined_with"] = "P1"; },
     "$.treatments[2].combined_with: must name a pharmacotherapy trial (got 'P1')"},
};

INSTANTIATE_TEST_SUITE_P(Fields, TreatmentRejectionTest, ::testing::ValuesIn(kFieldRejections),
                         test_support::RowName{});
INSTANTIATE_TEST_SUITE_P(Dates, TreatmentRejectionTest, ::testing::ValuesIn(kDateRejections),
                         test_support::RowName{});
INSTANTIATE_TEST_SUITE_P(Knowledge, TreatmentRejectionTest,
                         ::testing::ValuesIn(kKnowledgeRejections), test_support::RowName{});
INSTANTIATE_TEST_SUITE_P(Doses, TreatmentRejectionTest, ::testing::ValuesIn(kDoseRejections),
                         test_support::RowName{});
INSTANTIATE_TEST_SUITE_P(Outcomes, TreatmentRejectionTest, ::testing::ValuesIn(kOutcomeRejections),
                         test_support::RowName{});
INSTANTIATE_TEST_SUITE_P(References, TreatmentRejectionTest,
                         ::testing::ValuesIn(kReferenceRejections), test_support::RowName{});

TEST(TreatmentJsonTest, CombinedWithMayNameAnAugmentationOrCombination) {
  for (const char* partner : {"T1", "A1", "C1"}) {
    json document = ValidRecordJson();
    document["treatments"][kCbt]["combined_with"] = partner;
    const StatusOr<PatientRecord> record = test_support::ParseRecord(document.dump());
    EXPECT_TRUE(record.ok()) << partner << ": " << record.status().message();
  }
}

TEST(TreatmentJsonTest, DuplicateIdsAreReportedOncePerRepeat) {
  json document = ValidRecordJson();
  document["treatments"][kCbt]["id"] = "T1";
  document["treatments"][kEct]["id"] = "T1";
  const StatusOr<PatientRecord> record = test_support::ParseRecord(document.dump());
  ASSERT_FALSE(record.ok());
  const auto lines = Lines(record.status().message());
  EXPECT_THAT(lines, Contains("$.treatments[2].id: duplicate trial id 'T1'"));
  EXPECT_THAT(lines, Contains("$.treatments[3].id: duplicate trial id 'T1'"));
}

}  // namespace
}  // namespace refract
