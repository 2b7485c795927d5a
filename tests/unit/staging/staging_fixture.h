// Helpers for the staging tests (private to refract_staging_tests): stage a record built in C++
// with the embedded knowledge and pick one model's result.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "embedded_knowledge.h"
#include "param_name.h"
#include "record_builder.h"
#include "refract/staging/staging.h"

namespace refract::staging_test {

using test_support::AdTrial;
using test_support::TreatmentBuilder;

// The result of `model_id` under StageAllModels (so the sensitivity check is included).
inline ModelResult Stage(const PatientRecord& record, const std::string& model_id,
                         const StagingOptions& options = {}) {
  const StagingContext context =
      MakeStagingContext(record, test_support::EmbeddedKnowledge(), options);
  for (ModelResult& result : StageAllModels(context)) {
    if (result.model_id == model_id) return result;
  }
  ADD_FAILURE() << "no model " << model_id;
  return {};
}

// An adequate antidepressant trial of `weeks` weeks from `start` at `mg` (at or above the minimum
// dose) ending in nonresponse (MADRS 30 -> 28).
inline TreatmentBuilder FailedAd(std::string id, std::string drug, double mg,
                                 std::string_view start, int weeks = 8) {
  const std::string end = AddDays(test_support::D(start), 7 * weeks).ToString();
  return AdTrial(std::move(id), std::move(drug), start, end, mg).Scores("madrs", 30, 28);
}

// The exclusion reason recorded for `trial_id`, or "" when it was not excluded.
inline std::string ExclusionOf(const ModelResult& result, const std::string& trial_id) {
  for (const ExcludedTrial& excluded : result.excluded_trials) {
    if (excluded.id == trial_id) return excluded.reason;
  }
  return "";
}

}  // namespace refract::staging_test
