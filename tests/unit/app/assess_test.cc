#include "refract/app/assess.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "embedded_knowledge.h"
#include "param_name.h"
#include "record_builder.h"

namespace refract {
namespace {

using test_support::AdTrial;
using test_support::AssessWithEmbedded;
using test_support::RecordBuilder;
using ::testing::HasSubstr;

constexpr const char* kModelIds[] = {"thase_rush_1997", "european_1999", "mgh_2003",
                                     "maudsley_2009",   "dm_trd_2016",   "conway_2017",
                                     "markowitz_2022",  "two_failures",  "sforzini_2022"};

PatientRecord ReadExample(const std::string& name) {
  std::ifstream file("examples/" + name);
  std::stringstream text;
  text << file.rdbuf();
  StatusOr<PatientRecord> record = test_support::ParseRecord(text.str());
  if (!record.ok()) {
    ADD_FAILURE() << name << ": " << record.status().message();
    return {};
  }
  return std::move(record).value();
}

const ModelResult& Model(const Assessment& assessment, const std::string& id) {
  for (const ModelResult& model : assessment.staging) {
    if (model.model_id == id) return model;
  }
  ADD_FAILURE() << "no model " << id;
  return assessment.staging.front();
}

std::vector<std::string> ExampleFiles() {
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator("examples")) {
    if (entry.path().extension() == ".json") files.push_back(entry.path().filename().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

class ExampleTest : public ::testing::TestWithParam<std::string> {};

TEST_P(ExampleTest, AssessesEveryTrialUnderEveryModel) {
  const PatientRecord record = ReadExample(GetParam());
  const Assessment assessment = AssessWithEmbedded(record);
  EXPECT_EQ(assessment.patient_id, record.id);
  EXPECT_EQ(assessment.as_of, record.as_of);
  EXPECT_EQ(assessment.diagnosis, record.diagnosis);
  EXPECT_FALSE(assessment.knowledge_version.empty());
  EXPECT_EQ(assessment.dose_convention, "atrq");
  ASSERT_EQ(assessment.trials.size(), record.treatments.size());
  for (size_t i = 0; i < record.treatments.size(); ++i) {
    EXPECT_EQ(assessment.trials[i].id, record.treatments[i].id);
    EXPECT_EQ(assessment.trials[i].kind, record.treatments[i].kind);
  }
  ASSERT_EQ(assessment.staging.size(), std::size(kModelIds));
  for (size_t i = 0; i < assessment.staging.size(); ++i) {
    EXPECT_EQ(assessment.staging[i].model_id, kModelIds[i]);
    EXPECT_EQ(assessment.staging[i].applicable, record.diagnosis == Diagnosis::kMdd);
    // A provisional result always names the unconfirmed values it relied on.
    EXPECT_EQ(assessment.staging[i].provisional, !assessment.staging[i].uncertain_params.empty())
        << kModelIds[i];
  }
}

INSTANTIATE_TEST_SUITE_P(Examples, ExampleTest, ::testing::ValuesIn(ExampleFiles()),
                         [](const auto& row) {
                           std::string name = row.param.substr(0, row.param.find('.'));
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

TEST(AssessPatientTest, ExampleAIsAnEarlySingleFailure) {
  const Assessment assessment = AssessWithEmbedded(ReadExample("a-early-single-failure.json"));
  EXPECT_EQ(Model(assessment, "thase_rush_1997").stage, 1);
  EXPECT_EQ(Model(assessment, "two_failures").meets, false);
  EXPECT_EQ(assessment.trials[0].adequacy.adequate, true);
  EXPECT_EQ(assessment.trials[1].adequacy.adequate, false);  // stopped after 3 weeks
}

TEST(AssessPatientTest, BipolarExampleIsNotStagedUnderAnyModel) {
  const Assessment assessment = AssessWithEmbedded(ReadExample("e-bipolar-depression.json"));
  for (const ModelResult& model : assessment.staging) {
    EXPECT_FALSE(model.applicable) << model.model_id;
    ASSERT_EQ(model.notes.size(), 1u);
    EXPECT_THAT(model.notes[0], HasSubstr("bipolar")) << model.model_id;
  }
  // Per-trial adequacy is still reported.
  EXPECT_FALSE(assessment.trials.empty());
}

TEST(AssessPatientTest, ReportsTrialsWithClassAndEpisode) {
  const PatientRecord record =
      RecordBuilder()
          .Onset("2024-01-01")
          .Add(AdTrial("T0", "imipramine", "2023-01-01", "2023-03-01", 150))
          .Add(AdTrial("T1", "sertraline", "2024-02-01", "2024-04-01", 50).Scores("madrs", 30, 26))
          .Add(AdTrial("T2", "mirtazapine", "2025-06-01", "2025-06-02", 15).Ongoing())
          .Build();
  const Assessment assessment = AssessWithEmbedded(record);
  ASSERT_EQ(assessment.trials.size(), 3u);
  EXPECT_EQ(assessment.trials[0].agent_class, "TCA");
  EXPECT_FALSE(assessment.trials[0].in_current_episode);
  EXPECT_TRUE(assessment.trials[1].in_current_episode);
  EXPECT_EQ(assessment.trials[1].outcome.category, OutcomeCategory::kNonresponse);
  EXPECT_TRUE(assessment.trials[2].ongoing);
  EXPECT_EQ(assessment.trials[2].end, record.as_of);
}

}  // namespace
}  // namespace refract
