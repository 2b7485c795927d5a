// Clinical vignettes as data (tests/vignettes/staging/*.json): a refract-patient/1 record, optional
// staging options, the expected result of every model and the hand arithmetic behind it. The runner
// assesses the patient and compares every expected field; a vignette may not omit a model.
//
// Vignette file:
//   { "vignette": "...", "description": "...", "hand_arithmetic": ["MSM: 40 mo -> 3 ...", ...],
//     "options": { "thase_rush_lenient": false, ... },           (optional; StagingOptions fields)
//     "patient": { refract-patient/1 },
//     "expected": {
//       "staging": { "<model_id>": { "stage"|"score"|"category"|"meets": ..., "provisional": bool,
//                                    "counted_trials": [...] (optional), "applicable": bool
//                                    (optional), "uncertain_params": [...] (optional, exact),
//                                    "notes": [...] (optional, each one of the model's notes),
//                                    "imputed_date_decides": bool (optional) } },
//       "trials": { "<trial id>": { "adequate": bool, "outcome": "nonresponse", "outcome_from":
//                                   "...", "conflict": bool, "near_boundary_ends": [21],
//                                   "imputed_date_decides": bool, ... } }, (optional)
//       "not_adequately_tried": ["ad_snri", ...] (optional,
//                                exact set of class ids),
//       "not_adequately_tried_imputed_date_decides": bool (optional) } }
// "imputed_date_decides" (records with partial dates, app/imputed_dates.h): whether the result is
// marked as decided by an imputed day; with a list of fields instead of true, also which partial
// dates decide it ("$.treatments[0].start", ...).
// Every key must be one of those listed above (kVignetteKeys and the lists beside it): a misspelt
// expectation would otherwise check nothing, so an unknown key fails the vignette.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "embedded_knowledge.h"
#include "refract/app/assess.h"
#include "refract/io/instrument_json.h"
#include "refract/io/knowledge_json.h"
#include "refract/io/patient_json.h"

namespace refract {
namespace {

using nlohmann::json;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

constexpr std::string_view kModelIds[] = {"thase_rush_1997", "european_1999", "mgh_2003",
                                          "maudsley_2009",   "dm_trd_2016",   "conway_2017",
                                          "markowitz_2022",  "two_failures",  "sforzini_2022"};

constexpr std::string_view kVignetteKeys[] = {"vignette", "description", "hand_arithmetic",
                                              "options",  "patient",     "expected"};
constexpr std::string_view kOptionKeys[] = {"thase_rush_lenient",
                                            "european_require_distinct_classes",
                                            "conway_stage2_requires_new_class",
                                            "markowitz_allow_retrospective",
                                            "markowitz_require_combined_trial",
                                            "sforzini_count_ect"};
constexpr std::string_view kExpectedKeys[] = {"staging", "trials", "not_adequately_tried",
                                              "not_adequately_tried_imputed_date_decides"};
constexpr std::string_view kModelKeys[] = {
    "stage",          "score",    "category",         "meets", "provisional",         "applicable",
    "counted_trials", "variants", "uncertain_params", "notes", "imputed_date_decides"};
constexpr std::string_view kTrialKeys[] = {
    "adequate",     "outcome",  "improvement_pct",    "weeks_at_min_dose",
    "outcome_from", "conflict", "near_boundary_ends", "imputed_date_decides"};

// Appends "<path>.<key>" for every key of the object `value` that is not in `accepted`.
template <size_t N>
void UnknownKeysOf(const json& value, const std::string& path,
                   const std::string_view (&accepted)[N], std::vector<std::string>& unknown) {
  if (!value.is_object()) return;
  for (const auto& [key, member] : value.items()) {
    if (std::find(std::begin(accepted), std::end(accepted), key) == std::end(accepted)) {
      unknown.push_back(path + "." + key);
    }
  }
}

// The keys of `vignette` that the runner does not read (their paths, e.g. "$.expected.stagign"),
// outside the patient record (its reader rejects unknown keys itself).
std::vector<std::string> UnknownVignetteKeys(const json& vignette) {
  std::vector<std::string> unknown;
  UnknownKeysOf(vignette, "$", kVignetteKeys, unknown);
  UnknownKeysOf(vignette.value("options", json::object()), "$.options", kOptionKeys, unknown);
  const json expected = vignette.value("expected", json::object());
  UnknownKeysOf(expected, "$.expected", kExpectedKeys, unknown);
  const json staging = expected.value("staging", json::object());
  UnknownKeysOf(staging, "$.expected.staging", kModelIds, unknown);
  for (const auto& [model_id, model] : staging.items()) {
    UnknownKeysOf(model, "$.expected.staging." + model_id, kModelKeys, unknown);
  }
  const json trials = expected.value("trials", json::object());
  for (const auto& [trial_id, trial] : trials.items()) {
    UnknownKeysOf(trial, "$.expected.trials." + trial_id, kTrialKeys, unknown);
  }
  return unknown;
}

std::vector<std::string> VignetteFiles() {
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator("tests/vignettes/staging")) {
    if (entry.path().extension() == ".json") files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

StagingOptions ReadOptions(const json& vignette) {
  StagingOptions options;
  const json o = vignette.value("options", json::object());
  options.thase_rush_lenient = o.value("thase_rush_lenient", false);
  options.european_require_distinct_classes = o.value("european_require_distinct_classes", false);
  options.conway_stage2_requires_new_class = o.value("conway_stage2_requires_new_class", false);
  options.markowitz_allow_retrospective = o.value("markowitz_allow_retrospective", false);
  options.markowitz_require_combined_trial = o.value("markowitz_require_combined_trial", false);
  options.sforzini_count_ect = o.value("sforzini_count_ect", true);
  return options;
}

// `expected` is a bool (marked or not) or the list of fields of the partial dates that decide.
void ExpectImputed(const std::optional<ImputedDateEffect>& effect, const json& expected) {
  if (expected.is_boolean()) {
    EXPECT_EQ(effect.has_value(), expected.get<bool>());
    return;
  }
  ASSERT_TRUE(effect.has_value());
  std::vector<std::string> fields;
  for (const DecidingDate& date : effect->dates) fields.push_back(date.field);
  EXPECT_EQ(fields, expected.get<std::vector<std::string>>());
}

void ExpectModel(const ModelResult& model, const json& expected) {
  SCOPED_TRACE(model.model_id);
  if (expected.contains("stage")) {
    ASSERT_TRUE(model.stage.has_value());
    EXPECT_EQ(*model.stage, expected["stage"].get<int>());
  }
  if (expected.contains("score")) {
    ASSERT_TRUE(model.score.has_value());
    EXPECT_DOUBLE_EQ(*model.score, expected["score"].get<double>());
  }
  if (expected.contains("category")) {
    ASSERT_TRUE(model.category.has_value());
    EXPECT_EQ(*model.category, expected["category"].get<std::string>());
  }
  if (expected.contains("meets")) {
    ASSERT_TRUE(model.meets.has_value());
    EXPECT_EQ(*model.meets, expected["meets"].get<bool>());
  }
  if (expected.contains("provisional")) {
    EXPECT_EQ(model.provisional, expected["provisional"].get<bool>());
  }
  if (expected.contains("applicable")) {
    EXPECT_EQ(model.applicable, expected["applicable"].get<bool>());
  }
  if (expected.contains("counted_trials")) {
    EXPECT_EQ(model.counted_trials, expected["counted_trials"].get<std::vector<std::string>>());
  }
  if (expected.contains("uncertain_params")) {
    EXPECT_EQ(model.uncertain_params, expected["uncertain_params"].get<std::vector<std::string>>());
  }
  if (expected.contains("notes")) {
    for (const std::string& note : expected["notes"].get<std::vector<std::string>>()) {
      EXPECT_THAT(model.notes, ::testing::Contains(note));
    }
  }
  if (expected.contains("imputed_date_decides")) {
    ExpectImputed(model.imputed_dates, expected["imputed_date_decides"]);
  }
  if (expected.contains("variants")) {
    for (const auto& [id, meets] : expected["variants"].items()) {
      auto it = std::find_if(model.variants.begin(), model.variants.end(),
                             [&, id = id](const VariantResult& v) { return v.id == id; });
      ASSERT_NE(it, model.variants.end()) << id;
      EXPECT_EQ(it->meets, meets.get<bool>()) << id;
    }
  }
}

void ExpectTrials(const Assessment& assessment, const json& expected) {
  for (const auto& [id, fields] : expected.items()) {
    SCOPED_TRACE("trial " + id);
    auto it = std::find_if(assessment.trials.begin(), assessment.trials.end(),
                           [&, id = id](const TrialReport& t) { return t.id == id; });
    ASSERT_NE(it, assessment.trials.end());
    if (fields.contains("adequate")) {
      EXPECT_EQ(it->adequacy.adequate, fields["adequate"].get<bool>());
    }
    if (fields.contains("outcome")) {
      EXPECT_EQ(std::string(ToString(it->outcome.category)), fields["outcome"].get<std::string>());
    }
    if (fields.contains("improvement_pct")) {
      ASSERT_TRUE(it->outcome.improvement_pct.has_value());
      EXPECT_NEAR(*it->outcome.improvement_pct, fields["improvement_pct"].get<double>(), 0.05);
    }
    if (fields.contains("outcome_from")) {
      EXPECT_EQ(it->outcome_from, fields["outcome_from"].get<std::string>());
    }
    if (fields.contains("conflict")) {
      EXPECT_EQ(it->outcome.conflict, fields["conflict"].get<bool>());
    }
    if (fields.contains("near_boundary_ends")) {
      std::vector<int> ends;
      for (const NearBoundary& near : it->outcome.near_boundaries) ends.push_back(near.end);
      EXPECT_EQ(ends, fields["near_boundary_ends"].get<std::vector<int>>());
    }
    if (fields.contains("imputed_date_decides")) {
      ExpectImputed(it->imputed_dates, fields["imputed_date_decides"]);
    }
    if (fields.contains("weeks_at_min_dose")) {
      ASSERT_TRUE(it->adequacy.weeks_at_min_dose.has_value());
      EXPECT_NEAR(*it->adequacy.weeks_at_min_dose, fields["weeks_at_min_dose"].get<double>(), 0.05);
    }
  }
}

class VignetteTest : public ::testing::TestWithParam<std::string> {};

TEST_P(VignetteTest, MatchesHandComputedResult) {
  std::ifstream file(GetParam());
  const json vignette = json::parse(file);
  EXPECT_THAT(UnknownVignetteKeys(vignette), IsEmpty()) << "keys the runner does not read";
  static const KnowledgeBase knowledge = *LoadKnowledge(EmbeddedKnowledgeTexts());
  static const MeasuresKnowledge measures = *LoadMeasures(EmbeddedMeasuresTexts());
  StatusOr<PatientRecord> record =
      ParsePatientJson(vignette.at("patient").dump(), knowledge, measures,
                       test_support::EmbeddedOptions()->catalogue);
  ASSERT_TRUE(record.ok()) << record.status().message();
  const Assessment assessment = AssessPatient(*record, knowledge, measures, ReadOptions(vignette));
  const json& expected = vignette.at("expected");
  for (std::string_view model_id : kModelIds) {
    ASSERT_TRUE(expected.at("staging").contains(std::string(model_id)))
        << "vignette omits " << model_id;
    auto it = std::find_if(assessment.staging.begin(), assessment.staging.end(),
                           [&](const ModelResult& m) { return m.model_id == model_id; });
    ASSERT_NE(it, assessment.staging.end());
    ExpectModel(*it, expected["staging"][std::string(model_id)]);
  }
  if (expected.contains("trials")) ExpectTrials(assessment, expected["trials"]);
  if (expected.contains("not_adequately_tried")) {
    std::vector<std::string> ids;
    for (const UntriedClass& entry : assessment.not_adequately_tried) ids.push_back(entry.id);
    auto want = expected["not_adequately_tried"].get<std::vector<std::string>>();
    std::sort(ids.begin(), ids.end());
    std::sort(want.begin(), want.end());
    EXPECT_EQ(ids, want);
  }
  if (expected.contains("not_adequately_tried_imputed_date_decides")) {
    ExpectImputed(assessment.not_adequately_tried_imputed_dates,
                  expected["not_adequately_tried_imputed_date_decides"]);
  }
}

std::string VignetteName(const ::testing::TestParamInfo<std::string>& info) {
  std::string name = std::filesystem::path(info.param).stem().string();
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Staging, VignetteTest, ::testing::ValuesIn(VignetteFiles()), VignetteName);

TEST(VignetteSuite, RejectsKeysItDoesNotRead) {
  const json vignette = json::parse(R"({
    "vignette": "v", "description": "d", "hand_arithmetic": [], "patient": {}, "note": "x",
    "options": {"thase_rush_lenient": true, "thase_rush_lenent": true},
    "expected": {
      "staging": {"maudsley_2009": {"score": 5, "scroe": 6}, "mgh": {"score": 1}},
      "trials": {"T1": {"adequate": true, "adequte": false}},
      "not_adequatly_tried": []}})");
  EXPECT_THAT(UnknownVignetteKeys(vignette),
              UnorderedElementsAre("$.note", "$.options.thase_rush_lenent",
                                   "$.expected.not_adequatly_tried", "$.expected.staging.mgh",
                                   "$.expected.staging.maudsley_2009.scroe",
                                   "$.expected.trials.T1.adequte"));
}

TEST(VignetteSuite, AcceptsEveryKeyItReads) {
  const json vignette = json::parse(R"({
    "vignette": "v", "description": "d", "hand_arithmetic": [], "patient": {},
    "options": {"thase_rush_lenient": true, "european_require_distinct_classes": false,
                "conway_stage2_requires_new_class": false, "markowitz_allow_retrospective": false,
                "markowitz_require_combined_trial": false, "sforzini_count_ect": true},
    "expected": {
      "staging": {"maudsley_2009": {"stage": 1, "score": 5, "category": "mild", "meets": true,
                                    "provisional": false, "applicable": true,
                                    "counted_trials": [], "variants": {},
                                    "uncertain_params": [], "notes": []}},
      "trials": {"T1": {"adequate": true, "outcome": "nonresponse", "improvement_pct": 10,
                        "weeks_at_min_dose": 8, "outcome_from": "x", "conflict": false,
                        "near_boundary_ends": []}},
      "not_adequately_tried": []}})");
  EXPECT_THAT(UnknownVignetteKeys(vignette), IsEmpty());
}

TEST(VignetteSuite, HasAtLeastTwentyFiveVignettes) { EXPECT_GE(VignetteFiles().size(), 25u); }

}  // namespace
}  // namespace refract
