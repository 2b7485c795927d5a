#include "refract/io/patient_json.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include "embedded_knowledge.h"
#include "param_name.h"
#include "record_builder.h"
#include "record_json.h"

namespace refract {
namespace {

using io_test::Lines;
using io_test::ValidRecordJson;
using nlohmann::json;
using test_support::D;
using test_support::EmbeddedKnowledge;
using ::testing::Contains;
using ::testing::SizeIs;
using ::testing::StartsWith;

StatusOr<PatientRecord> Parse(const json& document) {
  return test_support::ParseRecord(document.dump());
}

TEST(ParsePatientJsonTest, AcceptsTheValidRecord) {
  const StatusOr<PatientRecord> record = Parse(ValidRecordJson());
  ASSERT_TRUE(record.ok()) << record.status().message();
  EXPECT_EQ(record->id, "p1");
  EXPECT_EQ(record->as_of, D("2025-08-01"));
  EXPECT_EQ(record->diagnosis, Diagnosis::kMdd);
  EXPECT_EQ(record->episode.onset, D("2024-01-01"));
  EXPECT_EQ(record->episode.severity, Severity::kModerate);
  EXPECT_EQ(record->episode.lifetime_episodes, 2);
  EXPECT_EQ(record->demographics.sex, Sex::kFemale);
  EXPECT_EQ(record->demographics.education_years, 12);
  EXPECT_EQ(record->clinical.comorbid_anxiety, true);
  EXPECT_EQ(record->clinical.functional_impairment, Level::kModerate);
  EXPECT_FALSE(record->clinical.personality_disorder.has_value());
  EXPECT_THAT(record->treatments, SizeIs(8));
}

TEST(ParsePatientJsonTest, ReadsAnAntidepressantTrial) {
  const StatusOr<PatientRecord> record = Parse(ValidRecordJson());
  ASSERT_TRUE(record.ok()) << record.status().message();
  const Treatment& t = record->treatments[io_test::kSertraline];
  EXPECT_EQ(t.id, "T1");
  EXPECT_EQ(t.kind, TreatmentKind::kAntidepressant);
  EXPECT_EQ(t.agent, "sertraline");
  EXPECT_EQ(t.start, D("2024-02-01"));
  EXPECT_EQ(t.end, D("2024-04-01"));
  ASSERT_THAT(t.doses, SizeIs(2));
  EXPECT_EQ(t.doses[1].from, D("2024-03-01"));
  EXPECT_DOUBLE_EQ(t.doses[1].mg_per_day, 100);
  EXPECT_EQ(t.adherence_pct, 90);
  EXPECT_TRUE(t.prospective);
  ASSERT_TRUE(t.outcome.scores.has_value());
  EXPECT_EQ(t.outcome.scores->instrument, "madrs");
  EXPECT_EQ(t.outcome.scores->baseline, 30);
  EXPECT_EQ(t.outcome.scores->end, 26);
}

TEST(ParsePatientJsonTest, ConvertsMicrogramsToMilligrams) {
  const StatusOr<PatientRecord> record = Parse(ValidRecordJson());
  ASSERT_TRUE(record.ok()) << record.status().message();
  const Treatment& t3 = record->treatments[io_test::kLiothyronine];
  ASSERT_THAT(t3.doses, SizeIs(1));
  EXPECT_DOUBLE_EQ(t3.doses[0].mg_per_day, 0.025);
  EXPECT_EQ(t3.augments, "T1");
}

TEST(ParsePatientJsonTest, ReadsKindSpecificFields) {
  const StatusOr<PatientRecord> record = Parse(ValidRecordJson());
  ASSERT_TRUE(record.ok()) << record.status().message();
  const Treatment& cbt = record->treatments[io_test::kCbt];
  EXPECT_EQ(cbt.agent, "cbt");
  EXPECT_EQ(cbt.sessions, 12);
  EXPECT_EQ(cbt.therapist, TherapistExperience::kExperienced);
  EXPECT_EQ(cbt.format, TherapyFormat::kIndividual);
  EXPECT_EQ(cbt.combined_with, "T1");
  EXPECT_EQ(cbt.outcome.judgement, OutcomeCategory::kPartialResponse);
  EXPECT_EQ(record->treatments[io_test::kEct].laterality, EctLaterality::kBilateral);
  EXPECT_EQ(record->treatments[io_test::kInpatient].setting, CareSetting::kInpatient);
  EXPECT_EQ(record->treatments[io_test::kLithium].serum_level, 0.6);
  EXPECT_TRUE(record->treatments[io_test::kLithium].doses.empty());
  EXPECT_EQ(record->treatments[io_test::kNortriptyline].serum_level, 90);
  EXPECT_FALSE(record->treatments[io_test::kNortriptyline].end.has_value());  // ongoing
  EXPECT_EQ(record->treatments[io_test::kMirtazapine].augments, "N1");
}

TEST(ParsePatientJsonTest, AcceptsALeapDay) {
  json document = ValidRecordJson();
  document["demographics"]["birth_date"] = "2000-02-29";
  document["treatments"][io_test::kCbt]["start"] = "2024-02-29";
  const StatusOr<PatientRecord> record = Parse(document);
  ASSERT_TRUE(record.ok()) << record.status().message();
  EXPECT_EQ(record->treatments[io_test::kCbt].start, D("2024-02-29"));
}

TEST(ParsePatientJsonTest, SeverePsychoticImpliesPsychoticFeatures) {
  json document = ValidRecordJson();
  document["episode"] = {{"onset", "2024-01-01"}, {"severity", "severe_psychotic"}};
  const StatusOr<PatientRecord> record = Parse(document);
  ASSERT_TRUE(record.ok()) << record.status().message();
  EXPECT_TRUE(record->episode.psychotic_features);
}

TEST(ParsePatientJsonTest, NullIsTreatedAsAbsent) {
  json document = ValidRecordJson();
  document["demographics"]["sex"] = nullptr;
  const StatusOr<PatientRecord> record = Parse(document);
  ASSERT_TRUE(record.ok()) << record.status().message();
  EXPECT_FALSE(record->demographics.sex.has_value());
}

TEST(ParsePatientJsonTest, AcceptsEveryExample) {
  for (const auto& entry : std::filesystem::directory_iterator("examples")) {
    if (entry.path().extension() != ".json") continue;
    std::ifstream file(entry.path());
    std::stringstream text;
    text << file.rdbuf();
    const StatusOr<PatientRecord> record = test_support::ParseRecord(text.str());
    EXPECT_TRUE(record.ok()) << entry.path() << ": " << record.status().message();
  }
}

// --- Rejections: every error names the JSON path and the rule
// ---------------------------------------

struct RejectionCase {
  const char* name;
  std::function<void(json&)> mutate;
  std::string expected_line;  // the error line, or its beginning when the rule lists choices
};

class RejectionTest : public ::testing::TestWithParam<RejectionCase> {};

TEST_P(RejectionTest, NamesPathAndRule) {
  const RejectionCase& c = GetParam();
  json document = ValidRecordJson();
  c.mutate(document);
  const StatusOr<PatientRecord> record = Parse(document);
  ASSERT_FALSE(record.ok());
  EXPECT_EQ(record.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(Lines(record.status().message()), Contains(StartsWith(c.expected_line)))
      << record.status().message();
}

const RejectionCase kTopLevelRejections[] = {
    {"UnknownTopLevelField", [](json& r) { r["colour"] = "blue"; }, "$.colour: unknown field"},
    {"WrongFormat", [](json& r) { r["format"] = "refract-patient/2"; },
     "$.format: must be 'refract-patient/1' (got 'refract-patient/2')"},
    {"MissingFormat", [](json& r) { r.erase("format"); }, "$.format: is required"},
    {"MissingId", [](json& r) { r.erase("id"); }, "$.id: is required"},
    {"NullId", [](json& r) { r["id"] = nullptr; }, "$.id: is required"},
    {"EmptyId", [](json& r) { r["id"] = ""; }, "$.id: must not be empty"},
    {"IdNotAString", [](json& r) { r["id"] = 5; }, "$.id: must be a string"},
    {"MissingAsOf", [](json& r) { r.erase("as_of"); }, "$.as_of: is required"},
    {"AsOfNotAString", [](json& r) { r["as_of"] = 20250801; }, "$.as_of: must be a string"},
    {"AsOfNotALeapYear", [](json& r) { r["as_of"] = "2023-02-29"; },
     "$.as_of: must be a calendar date YYYY-MM-DD (got '2023-02-29')"},
    {"AsOfWithoutZeroPadding", [](json& r) { r["as_of"] = "2025-8-1"; },
     "$.as_of: must be a calendar date YYYY-MM-DD (got '2025-8-1')"},
    {"AsOfWithTime", [](json& r) { r["as_of"] = "2025-08-01T00:00:00Z"; },
     "$.as_of: must be a calendar date YYYY-MM-DD"},
    {"UnknownDiagnosis", [](json& r) { r["diagnosis"] = "mdd2"; },
     "$.diagnosis: 'mdd2' is not one of: mdd, bipolar, other"},
    {"MissingDiagnosis", [](json& r) { r.erase("diagnosis"); }, "$.diagnosis: is required"},
    {"MissingEpisode", [](json& r) { r.erase("episode"); }, "$.episode: is required"},
    {"EpisodeNotAnObject", [](json& r) { r["episode"] = json::array(); },
     "$.episode: must be an object"},
    {"MissingTreatments", [](json& r) { r.erase("treatments"); }, "$.treatments: is required"},
    {"TreatmentsNotAnArray", [](json& r) { r["treatments"] = json::object(); },
     "$.treatments: must be an array"},
    {"DemographicsNotAnObject", [](json& r) { r["demographics"] = "none"; },
     "$.demographics: must be an object"},
};

const RejectionCase kNestedRejections[] = {
    {"UnknownEpisodeField", [](json& r) { r["episode"]["chronic"] = true; },
     "$.episode.chronic: unknown field"},
    {"UnknownDemographicsField", [](json& r) { r["demographics"]["name"] = "x"; },
     "$.demographics.name: unknown field"},
    {"UnknownClinicalField", [](json& r) { r["clinical"]["insomnia"] = true; },
     "$.clinical.insomnia: unknown field"},
    {"UnknownOutcomeField", [](json& r) { r["treatments"][0]["outcome"]["note"] = "x"; },
     "$.treatments[0].outcome.note: unknown field"},
    {"UnknownDoseStepField", [](json& r) { r["treatments"][0]["doses"][0]["route"] = "oral"; },
     "$.treatments[0].doses[0].route: unknown field"},
    {"UnknownTreatmentField", [](json& r) { r["treatments"][0]["colour"] = "red"; },
     "$.treatments[0].colour: unknown field"},
    {"OnsetMissing", [](json& r) { r["episode"].erase("onset"); }, "$.episode.onset: is required"},
    {"OnsetAfterAsOf", [](json& r) { r["episode"]["onset"] = "2025-08-02"; },
     "$.episode.onset: must not be after as_of (2025-08-01)"},
    {"BirthDateAfterAsOf", [](json& r) { r["demographics"]["birth_date"] = "2025-09-01"; },
     "$.demographics.birth_date: must not be after as_of (2025-08-01)"},
    {"SeverePsychoticWithoutPsychoticFeatures",
     [](json& r) {
       r["episode"]["severity"] = "severe_psychotic";
       r["episode"]["psychotic_features"] = false;
     },
     "$.episode.psychotic_features: must be true when severity is severe_psychotic"},
    {"PsychoticFeaturesNotABool", [](json& r) { r["episode"]["psychotic_features"] = "yes"; },
     "$.episode.psychotic_features: must be true or false"},
    {"UnknownSeverity", [](json& r) { r["episode"]["severity"] = "extreme"; },
     "$.episode.severity: 'extreme' is not one of: subsyndromal, mild, moderate, severe, "
     "severe_psychotic"},
    {"EducationYearsAsFloat", [](json& r) { r["demographics"]["education_years"] = 12.0; },
     "$.demographics.education_years: must be an integer"},
    {"EducationYearsOutOfRange", [](json& r) { r["demographics"]["education_years"] = 41; },
     "$.demographics.education_years: must be between 0 and 40 (got 41)"},
    {"LifetimeEpisodesZero", [](json& r) { r["episode"]["lifetime_episodes"] = 0; },
     "$.episode.lifetime_episodes: must be between 1 and 1000 (got 0)"},
    {"UnknownSex", [](json& r) { r["demographics"]["sex"] = "unknown"; },
     "$.demographics.sex: 'unknown' is not one of: female, male, other"},
    {"ClinicalFlagNotABool", [](json& r) { r["clinical"]["comorbid_anxiety"] = 1; },
     "$.clinical.comorbid_anxiety: must be true or false"},
};

INSTANTIATE_TEST_SUITE_P(TopLevel, RejectionTest, ::testing::ValuesIn(kTopLevelRejections),
                         test_support::RowName{});
INSTANTIATE_TEST_SUITE_P(Nested, RejectionTest, ::testing::ValuesIn(kNestedRejections),
                         test_support::RowName{});

struct TextCase {
  const char* name;
  const char* text;
  const char* expected_prefix;
};

class MalformedTextTest : public ::testing::TestWithParam<TextCase> {};

TEST_P(MalformedTextTest, IsRejectedAtTheRoot) {
  const StatusOr<PatientRecord> record = test_support::ParseRecord(GetParam().text);
  ASSERT_FALSE(record.ok());
  EXPECT_EQ(record.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(record.status().message(), StartsWith(GetParam().expected_prefix));
}

INSTANTIATE_TEST_SUITE_P(
    Texts, MalformedTextTest,
    ::testing::Values(TextCase{"Empty", "", "$: not valid JSON"},
                      TextCase{"Truncated", R"({"format": "refract-patient/1", )",
                               "$: not valid JSON"},
                      TextCase{"TrailingGarbage", "{} x", "$: not valid JSON"},
                      TextCase{"BareWord", "patient", "$: not valid JSON"},
                      TextCase{"ArrayRoot", "[]", "$: must be an object"},
                      TextCase{"NumberRoot", "42", "$: must be an object"},
                      TextCase{"StringRoot", R"("record")", "$: must be an object"},
                      TextCase{"NullRoot", "null", "$: must be an object"}),
    test_support::RowName{});

TEST(ParsePatientJsonTest, ReportsEveryErrorTogetherOnePerLine) {
  json document = ValidRecordJson();
  document["colour"] = "blue";
  document["episode"]["onset"] = "2025-08-02";
  document["treatments"][0]["drug"] = "aspirin";
  document["treatments"][2]["sessions"] = 12.5;
  const StatusOr<PatientRecord> record = Parse(document);
  ASSERT_FALSE(record.ok());
  const std::vector<std::string> lines = Lines(record.status().message());
  EXPECT_THAT(lines, Contains("$.colour: unknown field"));
  EXPECT_THAT(lines, Contains("$.episode.onset: must not be after as_of (2025-08-01)"));
  EXPECT_THAT(lines, Contains("$.treatments[0].drug: unknown antidepressant 'aspirin' (accepted "
                              "ids: refract ids drugs)"));
  EXPECT_THAT(lines, Contains("$.treatments[2].sessions: must be an integer"));
  EXPECT_THAT(lines, SizeIs(4)) << record.status().message();
}

TEST(ParsePatientJsonTest, SingleErrorIsASingleLine) {
  json document = ValidRecordJson();
  document["treatments"][0]["drug"] = "aspirin";
  const StatusOr<PatientRecord> record = Parse(document);
  ASSERT_FALSE(record.ok());
  EXPECT_EQ(record.status().message(),
            "$.treatments[0].drug: unknown antidepressant 'aspirin' (accepted ids: refract ids "
            "drugs)");
}

}  // namespace
}  // namespace refract
