// Population staging over a PersonSource (`refract cohort`, docs/omop.md): every person extracted
// (omop/extraction.h) under each outcome rule and assessed under every model by the engine, with
// per-person results in person order and a population summary.
//
// Decision support / research use: the results describe coded data under stated assumptions; they
// are no diagnosis. Deterministic: persons are assessed in parallel in batches, results are
// emitted in source order.
#pragma once

#include <array>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "refract/engine/engine.h"
#include "refract/omop/extraction.h"
#include "refract/omop/person_source.h"

namespace refract::omop {

// One model's result for one person under one outcome rule.
struct ModelOutcome {
  std::string model_id;
  std::string rule;     // "scores" or "treatment-sequence"
  std::string summary;  // "Stage II", "TRD", "not TRD", "not applicable"
  std::optional<int> stage;
  std::optional<bool> meets;
  bool applicable = false;
  bool provisional = false;
  std::vector<std::string> provisional_reasons;  // unconfirmed parameters, "sequence_outcome"
  std::vector<std::string> counted_trials;
};

struct PersonResult {
  std::int64_t person_id = 0;
  // "staged", "no_depression" (no depression code), "bipolar", "other_diagnosis" (psychosis).
  std::string status;
  int adequate_antidepressant_trials = 0;    // current episode, default adequacy rule
  bool psychotherapy_never_adequate = true;  // no adequate psychotherapy in the current episode
  bool self_harm_alert = false;              // a positive self-harm item (critical alert)
  std::vector<std::string> assumptions;      // extraction assumption ids
  std::vector<std::string> warnings;
  int instrument_rows_without_value = 0;
  std::vector<ModelOutcome> models;  // rule-major, models in engine order
};

// Counts for one (rule, model, summary) cell.
struct CategoryCount {
  long persons = 0;
  long psychotherapy_never_adequate = 0;
  long provisional = 0;
};

struct PopulationSummary {
  long persons = 0;
  std::map<std::string, long> status_counts;
  std::map<std::string, long> assumption_counts;
  long self_harm_alerts = 0;
  long instrument_rows_without_value = 0;
  long persons_with_rows_without_value = 0;
  // rule -> model -> summary -> counts.
  std::map<std::string, std::map<std::string, std::map<std::string, CategoryCount>>> categories;
  // rule -> model -> counts among persons whose result meets the model's definition.
  std::map<std::string, std::map<std::string, CategoryCount>> meeting;
  // rule -> [two_failures meets][markowitz_2022 meets] -> persons (staged persons only).
  std::map<std::string, std::array<std::array<long, 2>, 2>> overlap;
  // rule -> meets two_failures, not Markowitz 2022, and never had an adequate psychotherapy.
  std::map<std::string, long> two_failures_not_markowitz_no_psychotherapy;
  // The vocabulary's and the source's warnings, then the population's data gaps.
  std::vector<std::string> source_warnings;
  // The Markowitz 2022 result's model id: "markowitz_2022", or with the retrospective-trials
  // variant "markowitz_2022.allow_retrospective" (CohortOptions::staging), so a variant result is
  // never mistaken for the default one.
  std::string markowitz_id = "markowitz_2022";
  std::vector<std::string> staging_variants;  // the variants of the run, in words
  std::vector<std::string> model_ids;
  std::vector<std::string> rules;
};

void AddToSummary(const PersonResult& result, PopulationSummary& summary);

struct CohortOptions {
  std::vector<OutcomeRule> rules = {OutcomeRule::kScores, OutcomeRule::kTreatmentSequence};
  int threads = 1;  // in all: the calling thread reads, writes and stages; threads - 1 more stage
  int batch_size = 512;
  // Staging variants for the run. Only markowitz_allow_retrospective is offered (nothing in OMOP
  // marks a trial as prospective, so by default nobody meets Markowitz 2022; docs/omop.md).
  StagingOptions staging;
};

// Assesses one person's rows (pure; thread-safe given a thread-safe engine).
PersonResult AssessPerson(const PersonRows& rows, const ResolvedMapping& mapping,
                          const Engine& engine, const CohortOptions& options);

// The model id a result carries in the run's output (markowitz_2022 under a variant, see
// PopulationSummary::markowitz_id).
std::string OutputModelId(const std::string& model_id, const StagingOptions& staging);

// Reads every person of `source`, calls `emit` for each result in source order, and returns the
// summary. Errors: the source's (bad rows, unsorted files) or emit's.
StatusOr<PopulationSummary> RunCohort(PersonSource& source, const OmopMapping& mapping,
                                      const Engine& engine, const CohortOptions& options,
                                      const std::function<Status(const PersonResult&)>& emit);

}  // namespace refract::omop
