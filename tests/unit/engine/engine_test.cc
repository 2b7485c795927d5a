// The engine facade: knowledge built once per dose table, per-request options that never touch
// shared state, scoring with item variants, and precise errors.
#include "refract/engine/engine.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "refract/io/assessment_json.h"

namespace refract {
namespace {

const Engine& TheEngine() {
  static const Engine kEngine = *Engine::Create(EmbeddedKnowledgeSource());
  return kEngine;
}

std::string ReadFile(const std::string& path) {
  std::ifstream file(path);
  std::stringstream content;
  content << file.rdbuf();
  return content.str();
}

PatientRecord Example(const std::string& name) {
  StatusOr<PatientRecord> record =
      TheEngine().ParseRecord(ReadFile("examples/" + name), RecordSyntax::kJson);
  EXPECT_TRUE(record.ok()) << record.status().message();
  return *record;
}

TEST(EngineTest, ADoseTableChosenForOneRequestDoesNotChangeTheNext) {
  const PatientRecord record = Example("a-early-single-failure.json");
  AssessOptions usual;
  usual.dose_convention = "usual";
  const Assessment with_usual = *TheEngine().Assess(record, usual);
  const Assessment with_default = *TheEngine().Assess(record, AssessOptions{});
  EXPECT_EQ(with_usual.dose_convention, "usual");
  EXPECT_EQ(with_default.dose_convention, "atrq");
  EXPECT_EQ(TheEngine().knowledge().dose_convention, "atrq");
}

TEST(EngineTest, AnUnknownDoseTableIsAFieldError) {
  AssessOptions options;
  options.dose_convention = "bnf";
  StatusOr<Assessment> assessment =
      TheEngine().Assess(Example("a-early-single-failure.json"), options);
  ASSERT_FALSE(assessment.ok());
  EXPECT_EQ(assessment.status().details().at(0).path, "dose_convention");
}

TEST(EngineTest, RankingCanBeLeftOut) {
  AssessOptions options;
  options.rank_options = false;
  EXPECT_FALSE(TheEngine().Assess(Example("a-early-single-failure.json"), options)->options);
  EXPECT_TRUE(TheEngine().Assess(Example("a-early-single-failure.json"), {})->options);
}

// With less than everything assessed, the staging and the measures (when given) are those of the
// full assessment, and the trial view's verdicts (when given) are the same verdicts without words.
TEST(EngineTest, TheTrialViewAndTheMeasuresCanBeLeftOutOrLeftWithoutWords) {
  for (AssessParts parts : {AssessParts::kTrialVerdicts, AssessParts::kStaging}) {
    AssessOptions options;
    options.parts = parts;
    for (const char* name :
         {"a-early-single-failure.json", "b-two-classes-augmentation-cbt.json",
          "c-chronic-psychotic-highly-resistant.json", "e-bipolar-depression.json",
          "h-self-harm-item-declines-ect-prefers-psychotherapy.json"}) {
      const PatientRecord record = Example(name);
      StatusOr<Assessment> full = TheEngine().Assess(record, {});
      StatusOr<Assessment> part = TheEngine().Assess(record, options);
      ASSERT_TRUE(full.ok() && part.ok()) << name;
      ASSERT_FALSE(full->trials.empty()) << name;
      EXPECT_TRUE(part->not_adequately_tried.empty()) << name;
      EXPECT_FALSE(part->options) << name;
      if (parts == AssessParts::kStaging) {
        EXPECT_TRUE(part->trials.empty()) << name;
      } else {
        ASSERT_EQ(part->trials.size(), full->trials.size()) << name;
        for (size_t t = 0; t < full->trials.size(); ++t) {
          EXPECT_FALSE(part->trials[t].adequacy.explained) << name;
          EXPECT_EQ(part->trials[t].adequacy.adequate, full->trials[t].adequacy.adequate) << name;
          EXPECT_EQ(part->trials[t].in_current_episode, full->trials[t].in_current_episode);
        }
      }
      ASSERT_EQ(part->staging.size(), full->staging.size()) << name;
      for (size_t m = 0; m < full->staging.size(); ++m) {
        EXPECT_EQ(part->staging[m].summary, full->staging[m].summary) << name;
        EXPECT_EQ(part->staging[m].counted_trials, full->staging[m].counted_trials) << name;
        EXPECT_EQ(part->staging[m].uncertain_params, full->staging[m].uncertain_params) << name;
        EXPECT_EQ(part->staging[m].notes, full->staging[m].notes) << name;
      }
      if (parts == AssessParts::kStaging) {
        EXPECT_TRUE(part->measures.series.empty() && part->measures.alerts.empty()) << name;
      } else {
        EXPECT_EQ(part->measures.alerts.size(), full->measures.alerts.size()) << name;
      }
    }
  }
}

// Measures analysed for one record serve a record that differs only in the trials' outcomes (the
// same person under another outcome rule): the assessment is the one analysed afresh.
TEST(EngineTest, MeasuresAnalysedOnceServeARecordWithOtherOutcomes) {
  // The examples with assessments.
  for (const char* name :
       {"d-medication-only-short-psychotherapy.json", "g-istdp-early-worsening.json",
        "h-self-harm-item-declines-ect-prefers-psychotherapy.json",
        "i-recent-suicide-attempt-emergency.json"}) {
    const PatientRecord record = Example(name);
    PatientRecord judged = record;
    for (Treatment& trial : judged.treatments) {
      trial.outcome.scores.reset();
      trial.outcome.judgement = OutcomeCategory::kNonresponse;
    }
    AssessOptions options;
    options.rank_options = false;
    options.parts = AssessParts::kTrialVerdicts;
    StatusOr<Assessment> first = TheEngine().Assess(record, options);
    StatusOr<Assessment> fresh = TheEngine().Assess(judged, options);
    ASSERT_TRUE(first.ok() && fresh.ok()) << name;
    options.analysed_measures = &first->measures;
    StatusOr<Assessment> reused = TheEngine().Assess(judged, options);
    options.parts = AssessParts::kStaging;
    StatusOr<Assessment> staging_only = TheEngine().Assess(judged, options);
    ASSERT_TRUE(reused.ok() && staging_only.ok()) << name;
    EXPECT_FALSE(fresh->measures.series.empty()) << name;
    EXPECT_EQ(AssessmentToJson(*reused, true), AssessmentToJson(*fresh, true)) << name;
    Assessment fresh_staging = *fresh;
    fresh_staging.measures = {};
    fresh_staging.trials.clear();
    EXPECT_EQ(AssessmentToJson(*staging_only, true), AssessmentToJson(fresh_staging, true)) << name;
  }
}

TEST(EngineTest, ParseErrorsCarryOneDetailPerField) {
  StatusOr<PatientRecord> record = TheEngine().ParseRecord("{\"format\": 1}", RecordSyntax::kJson);
  ASSERT_FALSE(record.ok());
  EXPECT_GT(record.status().details().size(), 1u);
  EXPECT_EQ(record.status().details()[0].path.substr(0, 1), "$");
}

TEST(EngineTest, HamdItem16IsScoredWithTheVariantRated) {
  ScoreRequest request;
  request.instrument = "hamd17";
  request.items = {2, 1, 0, 1, 1, 1, 2, 1, 1, 1, 1, 1, 1, 1, 0, 2, 0};
  StatusOr<ScoreResult> missing = TheEngine().Score(request);
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("16"), std::string::npos);
  request.variants = {{16, "B"}};
  StatusOr<ScoreResult> scored = TheEngine().Score(request);
  ASSERT_TRUE(scored.ok()) << scored.status().message();
  EXPECT_EQ(scored->scored.total_rounded, 17);
  EXPECT_EQ(scored->scored.variants.at(16), "B");
}

TEST(EngineTest, AnUnknownInstrumentListsTheIds) {
  ScoreRequest request;
  request.instrument = "phq8";
  StatusOr<ScoreResult> scored = TheEngine().Score(request);
  ASSERT_EQ(scored.status().code(), StatusCode::kNotFound);
  EXPECT_NE(scored.status().message().find("phq9"), std::string::npos);
}

TEST(EngineTest, ModelsAreListedInReportOrder) {
  const std::vector<ModelInfo> models = TheEngine().Models();
  ASSERT_EQ(models.size(), 9u);
  EXPECT_EQ(models.front().id, "thase_rush_1997");
}

}  // namespace
}  // namespace refract
