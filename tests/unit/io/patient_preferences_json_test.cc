// The record's `preferences`, `conditions` and `clinical.atypical_features` (next-step options).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "embedded_knowledge.h"
#include "param_name.h"
#include "record_json.h"
#include "refract/io/patient_json.h"

namespace refract {
namespace {

using io_test::Lines;
using io_test::ValidRecordJson;
using nlohmann::json;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::Pair;
using ::testing::StartsWith;
using ::testing::UnorderedElementsAre;

StatusOr<PatientRecord> Parse(const json& document) {
  return test_support::ParseRecord(document.dump());
}

PatientRecord ParseValid(const json& document) {
  StatusOr<PatientRecord> record = Parse(document);
  if (!record.ok()) {
    ADD_FAILURE() << record.status().message();
    return {};
  }
  return std::move(record).value();
}

TEST(PatientPreferencesJsonTest, AbsentPreferencesAndConditionsAreEmpty) {
  const PatientRecord record = ParseValid(ValidRecordJson());
  EXPECT_THAT(record.preferences.prefers, IsEmpty());
  EXPECT_THAT(record.preferences.declines, IsEmpty());
  EXPECT_THAT(record.conditions, IsEmpty());
  EXPECT_FALSE(record.clinical.atypical_features.has_value());
}

TEST(PatientPreferencesJsonTest, ReadsOptionIdsAndCategoriesInOrder) {
  json document = ValidRecordJson();
  document["preferences"] = {{"prefers", {"cbt", "psychotherapy"}},
                             {"declines", {"ect", "glutamatergic", "lithium_augmentation"}}};
  const PatientRecord record = ParseValid(document);
  EXPECT_THAT(record.preferences.prefers, ElementsAre("cbt", "psychotherapy"));
  EXPECT_THAT(record.preferences.declines,
              ElementsAre("ect", "glutamatergic", "lithium_augmentation"));
}

TEST(PatientPreferencesJsonTest, AcceptsEveryCategoryName) {
  json document = ValidRecordJson();
  document["preferences"] = {{"prefers",
                              {"psychotherapy", "medication_strategy", "neuromodulation",
                               "glutamatergic", "psychedelic", "lifestyle"}}};
  EXPECT_THAT(ParseValid(document).preferences.prefers, ::testing::SizeIs(6));
}

TEST(PatientPreferencesJsonTest, PrefersAloneOrDeclinesAlone) {
  json document = ValidRecordJson();
  document["preferences"] = {{"declines", {"neuromodulation"}}};
  const PatientRecord record = ParseValid(document);
  EXPECT_THAT(record.preferences.prefers, IsEmpty());
  EXPECT_THAT(record.preferences.declines, ElementsAre("neuromodulation"));
}

TEST(PatientPreferencesJsonTest, ReadsRecordedConditionsAndSkipsNull) {
  json document = ValidRecordJson();
  document["conditions"] = {{"pregnancy", false},
                            {"seizure_history", true},
                            {"active_suicidality", false},
                            {"metal_implant", nullptr}};
  const PatientRecord record = ParseValid(document);
  EXPECT_THAT(record.conditions,
              UnorderedElementsAre(Pair("pregnancy", false), Pair("seizure_history", true),
                                   Pair("active_suicidality", false)));
  EXPECT_FALSE(record.conditions.contains("metal_implant"));  // null: not recorded
}

TEST(PatientPreferencesJsonTest, AcceptsEveryRecordableCondition) {
  json document = ValidRecordJson();
  json conditions = json::object();
  int recordable = 0;
  for (std::string_view id : kCautionConditions) {
    if (id == "bipolar" || id == "psychotic_features" || id == "active_substance_use" ||
        id == "age_65_or_over" || id == "maoi_ongoing" || id == "suicide_risk_high" ||
        id == "suicide_risk_signal" || id == "antipsychotic_akathisia") {
      continue;  // derived from other fields (the rejection cases below)
    }
    conditions[std::string(id)] = true;
    ++recordable;
  }
  document["conditions"] = conditions;
  EXPECT_EQ(ParseValid(document).conditions.size(), static_cast<size_t>(recordable));
  EXPECT_EQ(RecordableConditionIds().size(), static_cast<size_t>(recordable));
}

TEST(PatientPreferencesJsonTest, ReadsAtypicalFeatures) {
  for (bool value : {true, false}) {
    json document = ValidRecordJson();
    document["clinical"]["atypical_features"] = value;
    EXPECT_EQ(ParseValid(document).clinical.atypical_features, value);
  }
  json document = ValidRecordJson();
  document["clinical"]["atypical_features"] = nullptr;
  EXPECT_FALSE(ParseValid(document).clinical.atypical_features.has_value());
}

// --- Rejections ---------------------------------------------------------------------------------

struct RejectionCase {
  const char* name;
  std::function<void(json&)> mutate;
  std::string expected_line;
};

void PrintTo(const RejectionCase& c, std::ostream* os) { *os << c.name; }

class PreferencesRejectionTest : public ::testing::TestWithParam<RejectionCase> {};

TEST_P(PreferencesRejectionTest, NamesPathAndRule) {
  json document = ValidRecordJson();
  GetParam().mutate(document);
  const StatusOr<PatientRecord> record = Parse(document);
  ASSERT_FALSE(record.ok());
  EXPECT_EQ(record.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(Lines(record.status().message()), Contains(StartsWith(GetParam().expected_line)))
      << record.status().message();
}

const RejectionCase kPreferenceRejections[] = {
    {"UnknownPreferredId",
     [](json& r) {
       r["preferences"] = {{"prefers", {"hypnosis"}}};
     },
     "$.preferences.prefers[0]: 'hypnosis' is neither a next-step option id nor an option "
     "category"},
    {"UnknownDeclinedId",
     [](json& r) {
       r["preferences"] = {{"declines", {"ect", "Psychotherapy"}}};
     },
     "$.preferences.declines[1]: 'Psychotherapy' is neither a next-step option id nor an option "
     "category"},
    {"MisspeltOptionIdSuggestsTheNearest",
     [](json& r) {
       r["preferences"] = {{"declines", {"esketamin"}}};
     },
     "$.preferences.declines[0]: 'esketamin' is neither a next-step option id nor an option "
     "category: did you mean 'esketamine'? (accepted ids: refract ids options)"},
    {"ModalityIsNotAnOptionId",
     [](json& r) {
       r["preferences"] = {{"prefers", {"istdp"}}};
     },
     "$.preferences.prefers[0]: 'istdp' is neither"},
    {"PreferredAndDeclined",
     [](json& r) {
       r["preferences"] = {{"prefers", {"cbt", "ect"}}, {"declines", {"ect"}}};
     },
     "$.preferences: 'ect' is both preferred and declined"},
    {"UnknownPreferencesField",
     [](json& r) {
       r["preferences"] = {{"prefers", {"cbt"}}, {"ranks", {"cbt"}}};
     },
     "$.preferences.ranks: unknown field"},
    {"PreferencesNotAnObject", [](json& r) { r["preferences"] = {"cbt"}; },
     "$.preferences: must be an object"},
    {"PrefersNotAnArray",
     [](json& r) {
       r["preferences"] = {{"prefers", "cbt"}};
     },
     "$.preferences.prefers: must be an array"},
    {"EmptyPreferenceId",
     [](json& r) {
       r["preferences"] = {{"prefers", {""}}};
     },
     "$.preferences.prefers[0]: must be a non-empty string"},
};

const RejectionCase kConditionRejections[] = {
    {"UnknownCondition",
     [](json& r) {
       r["conditions"] = {{"mania", true}};
     },
     "$.conditions.mania: unknown condition 'mania' (accepted ids: refract ids conditions)"},
    {"MisspeltConditionSuggestsTheNearest",
     [](json& r) {
       r["conditions"] = {{"pregnant", false}};
     },
     "$.conditions.pregnant: unknown condition 'pregnant': did you mean 'pregnancy'? (accepted "
     "ids: refract ids conditions)"},
    {"AkathisiaIsRecordedInTreatments",
     [](json& r) {
       r["conditions"] = {{"antipsychotic_akathisia", true}};
     },
     "$.conditions.antipsychotic_akathisia: is recorded in treatments"},
    {"BipolarIsRecordedInDiagnosis",
     [](json& r) {
       r["conditions"] = {{"bipolar", true}};
     },
     "$.conditions.bipolar: is recorded in diagnosis"},
    {"PsychoticFeaturesIsRecordedInEpisode",
     [](json& r) {
       r["conditions"] = {{"psychotic_features", false}};
     },
     "$.conditions.psychotic_features: is recorded in episode.psychotic_features"},
    {"SubstanceUseIsRecordedInClinical",
     [](json& r) {
       r["conditions"] = {{"active_substance_use", true}};
     },
     "$.conditions.active_substance_use: is recorded in clinical.substance_use"},
    {"SuicideRiskIsDerived",
     [](json& r) {
       r["conditions"] = {{"suicide_risk_high", true}};
     },
     "$.conditions.suicide_risk_high: is recorded in conditions.active_suicidality and "
     "conditions.recent_suicide_attempt"},
    {"OngoingMaoiIsDerived",
     [](json& r) {
       r["conditions"] = {{"maoi_ongoing", true}};
     },
     "$.conditions.maoi_ongoing: is recorded in treatments (an ongoing MAOI trial)"},
    {"ConditionNotABoolean",
     [](json& r) {
       r["conditions"] = {{"pregnancy", "yes"}};
     },
     "$.conditions.pregnancy: must be true or false"},
    {"ConditionAsNumber",
     [](json& r) {
       r["conditions"] = {{"seizure_history", 1}};
     },
     "$.conditions.seizure_history: must be true or false"},
    {"ConditionsNotAnObject", [](json& r) { r["conditions"] = {"pregnancy"}; },
     "$.conditions: must be an object"},
    {"AtypicalFeaturesNotABoolean", [](json& r) { r["clinical"]["atypical_features"] = "yes"; },
     "$.clinical.atypical_features: must be true or false"},
};

INSTANTIATE_TEST_SUITE_P(Preferences, PreferencesRejectionTest,
                         ::testing::ValuesIn(kPreferenceRejections), test_support::RowName{});
INSTANTIATE_TEST_SUITE_P(Conditions, PreferencesRejectionTest,
                         ::testing::ValuesIn(kConditionRejections), test_support::RowName{});

TEST(PatientPreferencesJsonTest, ReportsEveryConditionProblemOnItsOwnLine) {
  json document = ValidRecordJson();
  document["conditions"] = {{"bipolar", true}, {"mania", true}, {"pregnancy", 0}};
  const StatusOr<PatientRecord> record = Parse(document);
  ASSERT_FALSE(record.ok());
  EXPECT_THAT(Lines(record.status().message()),
              UnorderedElementsAre("$.conditions.bipolar: is recorded in diagnosis",
                                   "$.conditions.mania: unknown condition 'mania' (accepted ids: "
                                   "refract ids conditions)",
                                   "$.conditions.pregnancy: must be true or false"));
}

}  // namespace
}  // namespace refract
