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
//                                    (optional) } },
//       "trials": { "<trial id>": { "adequate": bool, "outcome": "nonresponse", ... } }, (optional)
//       "not_adequately_tried": ["ad_snri", ...] (optional,
//                                exact set of class ids) } }
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

constexpr const char* kModelIds[] = {"thase_rush_1997", "european_1999", "mgh_2003",
                                     "maudsley_2009",   "dm_trd_2016",   "conway_2017",
                                     "markowitz_2022",  "two_failures",  "sforzini_2022"};

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
  static const KnowledgeBase knowledge = *LoadKnowledge(EmbeddedKnowledgeTexts());
  static const MeasuresKnowledge measures = *LoadMeasures(EmbeddedMeasuresTexts());
  StatusOr<PatientRecord> record =
      ParsePatientJson(vignette.at("patient").dump(), knowledge, measures,
                       test_support::EmbeddedOptions()->catalogue);
  ASSERT_TRUE(record.ok()) << record.status().message();
  const Assessment assessment = AssessPatient(*record, knowledge, measures, ReadOptions(vignette));
  const json& expected = vignette.at("expected");
  for (const char* model_id : kModelIds) {
    ASSERT_TRUE(expected.at("staging").contains(model_id)) << "vignette omits " << model_id;
    auto it = std::find_if(assessment.staging.begin(), assessment.staging.end(),
                           [&](const ModelResult& m) { return m.model_id == model_id; });
    ASSERT_NE(it, assessment.staging.end());
    ExpectModel(*it, expected["staging"][model_id]);
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
}

std::string VignetteName(const ::testing::TestParamInfo<std::string>& info) {
  std::string name = std::filesystem::path(info.param).stem().string();
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Staging, VignetteTest, ::testing::ValuesIn(VignetteFiles()), VignetteName);

TEST(VignetteSuite, HasAtLeastTwentyFiveVignettes) { EXPECT_GE(VignetteFiles().size(), 25u); }

}  // namespace
}  // namespace refract
