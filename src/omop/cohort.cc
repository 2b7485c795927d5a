#include "refract/omop/cohort.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <optional>
#include <thread>

namespace refract::omop {
namespace {

std::string StatusOf(Diagnosis diagnosis) {
  switch (diagnosis) {
    case Diagnosis::kMdd:
      return "staged";
    case Diagnosis::kBipolar:
      return "bipolar";
    case Diagnosis::kOther:
      return "other_diagnosis";
  }
  return "staged";
}

ModelOutcome ToOutcome(const ModelResult& model, OutcomeRule rule, const Extraction& extraction,
                       const StagingOptions& staging) {
  ModelOutcome outcome;
  outcome.model_id = OutputModelId(model.model_id, staging);
  outcome.rule = std::string(ToString(rule));
  outcome.summary = model.summary;
  outcome.stage = model.stage;
  outcome.meets = model.meets;
  outcome.applicable = model.applicable;
  outcome.counted_trials = model.counted_trials;
  outcome.provisional = model.provisional;
  outcome.provisional_reasons = model.uncertain_params;
  for (const std::string& trial : model.counted_trials) {
    if (extraction.sequence_outcomes.contains(trial)) {
      outcome.provisional = true;
      outcome.provisional_reasons.push_back("sequence_outcome");
      break;
    }
  }
  return outcome;
}

void AddRecordFacts(const Assessment& assessment, PersonResult& result) {
  for (const TrialReport& trial : assessment.trials) {
    if (!trial.in_current_episode || !trial.adequacy.adequate) continue;
    if (trial.kind == TreatmentKind::kAntidepressant) ++result.adequate_antidepressant_trials;
    if (trial.kind == TreatmentKind::kPsychotherapy) result.psychotherapy_never_adequate = false;
  }
  for (const measures::SafetyAlert& alert : assessment.measures.alerts) {
    if (alert.kind == measures::SafetyAlertKind::kItemPositive) result.self_harm_alert = true;
  }
}

// The extraction's assumption ids (merged in order after the first rule's), warnings and row
// counts (the first rule's: they do not depend on the rule).
void AddExtractionFacts(const Extraction& extraction, bool first, PersonResult& result) {
  if (first) {
    result.assumptions = extraction.assumptions;
    result.warnings = extraction.warnings;
    result.instrument_rows_without_value = extraction.instrument_rows_without_value;
    return;
  }
  for (const std::string& id : extraction.assumptions) {
    if (std::find(result.assumptions.begin(), result.assumptions.end(), id) ==
        result.assumptions.end())
      result.assumptions.push_back(id);
  }
}

// Up to `size` persons from `source` into `batch`, refilling its elements' storage; false once
// the source is exhausted.
StatusOr<bool> ReadBatch(PersonSource& source, int size, std::vector<PersonRows>& batch) {
  const size_t wanted = static_cast<size_t>(size);
  batch.resize(wanted);
  for (size_t count = 0; count < wanted; ++count) {
    StatusOr<bool> next = source.Next(batch[count]);
    if (!next.ok()) return next.status();
    if (!*next) {
      batch.resize(count);
      return false;
    }
  }
  return true;
}

}  // namespace

std::string OutputModelId(const std::string& model_id, const StagingOptions& staging) {
  if (model_id == "markowitz_2022" && staging.markowitz_allow_retrospective)
    return model_id + ".allow_retrospective";
  return model_id;
}

PersonResult AssessPerson(const PersonRows& rows, const ResolvedMapping& mapping,
                          const Engine& engine, const CohortOptions& cohort) {
  PersonResult result;
  result.person_id = rows.person.person_id;
  AssessOptions options;
  options.rank_options = false;
  options.staging = cohort.staging;
  options.staging.note_unknown_outcomes = false;  // the per-person results carry no notes
  options.staging.explain = false;                // nor the words that explain them
  options.staging.describe = false;               // nor any other words but the summaries
  options.parts = AssessParts::kTrialVerdicts;    // the record facts count adequate trials
  const Extraction scores = ExtractPerson(rows, mapping, OutcomeRule::kScores);
  // A rule that inferred no outcome leaves the scores record as it is, and the staging depends on
  // the record alone: such rules share one staging.
  std::optional<std::vector<ModelResult>> unchanged_record_staging;
  // The rules' records differ only in the trials' outcomes, which the measures do not read: the
  // first assessment's measures serve the others.
  MeasuresReport measures;
  bool first = true;
  for (OutcomeRule rule : cohort.rules) {
    Extraction extraction = WithOutcomeRule(scores, mapping, rule);
    AddExtractionFacts(extraction, first, result);
    if (extraction.status == ExtractionStatus::kNoDepression) {
      result.status = "no_depression";
      return result;
    }
    const bool unchanged = extraction.sequence_outcomes.empty();
    std::vector<ModelResult> changed_record_staging;
    if (!unchanged || !unchanged_record_staging) {
      StatusOr<Assessment> assessment = engine.Assess(*extraction.record, options);
      if (!assessment.ok()) {
        result.status = "invalid_record";
        result.warnings.push_back("the extracted record breaks a record rule: " +
                                  assessment.status().message());
        return result;
      }
      if (first) AddRecordFacts(*assessment, result);
      options.parts = AssessParts::kStaging;  // the facts and the measures are the first rule's
      if (!options.analysed_measures) {
        measures = std::move(assessment->measures);
        options.analysed_measures = &measures;
      }
      if (unchanged) {
        unchanged_record_staging = std::move(assessment->staging);
      } else {
        changed_record_staging = std::move(assessment->staging);
      }
    }
    result.status = StatusOf(extraction.record->diagnosis);
    for (const ModelResult& model : unchanged ? *unchanged_record_staging : changed_record_staging)
      result.models.push_back(ToOutcome(model, rule, extraction, cohort.staging));
    first = false;
  }
  return result;
}

void AddToSummary(const PersonResult& result, PopulationSummary& summary) {
  ++summary.persons;
  ++summary.status_counts[result.status];
  for (const std::string& id : result.assumptions) ++summary.assumption_counts[id];
  if (result.self_harm_alert) ++summary.self_harm_alerts;
  summary.instrument_rows_without_value += result.instrument_rows_without_value;
  if (result.instrument_rows_without_value > 0) ++summary.persons_with_rows_without_value;
  std::map<std::string, std::pair<bool, bool>> two_and_markowitz;
  for (const ModelOutcome& model : result.models) {
    CategoryCount& cell = summary.categories[model.rule][model.model_id][model.summary];
    ++cell.persons;
    cell.psychotherapy_never_adequate += result.psychotherapy_never_adequate ? 1 : 0;
    cell.provisional += model.provisional ? 1 : 0;
    if (model.meets.value_or(false)) {
      CategoryCount& meeting = summary.meeting[model.rule][model.model_id];
      ++meeting.persons;
      meeting.psychotherapy_never_adequate += result.psychotherapy_never_adequate ? 1 : 0;
      meeting.provisional += model.provisional ? 1 : 0;
    }
    if (model.model_id == "two_failures")
      two_and_markowitz[model.rule].first = model.meets.value_or(false);
    if (model.model_id.starts_with("markowitz_2022"))
      two_and_markowitz[model.rule].second = model.meets.value_or(false);
  }
  if (result.status != "staged") return;
  for (const auto& [rule, pair] : two_and_markowitz) {
    ++summary.overlap[rule][pair.first ? 1 : 0][pair.second ? 1 : 0];
    if (pair.first && !pair.second && result.psychotherapy_never_adequate)
      ++summary.two_failures_not_markowitz_no_psychotherapy[rule];
  }
}

namespace {

// Adds each result to the summary and hands it to `emit`, in order.
Status Emit(const std::vector<PersonResult>& results,
            const std::function<Status(const PersonResult&)>& emit, PopulationSummary& summary) {
  for (const PersonResult& result : results) {
    AddToSummary(result, summary);
    Status status = emit(result);
    if (!status.ok()) return status;
  }
  return Status::Ok();
}

}  // namespace

StatusOr<PopulationSummary> RunCohort(PersonSource& source, const OmopMapping& mapping,
                                      const Engine& engine, const CohortOptions& options,
                                      const std::function<Status(const PersonResult&)>& emit) {
  StatusOr<Vocabulary> vocabulary = source.ReadVocabulary(MakeVocabularyRequest(mapping));
  if (!vocabulary.ok()) return vocabulary.status();
  const ResolvedMapping resolved = ResolveMapping(mapping, *vocabulary);
  PopulationSummary summary;
  for (const ModelInfo& model : engine.Models())
    summary.model_ids.push_back(OutputModelId(model.id, options.staging));
  summary.markowitz_id = OutputModelId("markowitz_2022", options.staging);
  if (options.staging.markowitz_allow_retrospective) {
    summary.staging_variants.push_back(
        "Markowitz 2022 with retrospective antidepressant trials accepted (staging-decisions A16 "
        "variant; the default counts prospective trials only)");
  }
  for (OutcomeRule rule : options.rules) summary.rules.emplace_back(ToString(rule));
  const int threads = std::max(1, options.threads);
  // `threads` threads in all: threads - 1 workers stage one batch while this thread writes the
  // previous batch's results and reads the next batch, so reading and writing overlap with staging;
  // then this thread stages too. Each takes the next person not yet taken, so all finish the batch
  // at about the same time.
  std::vector<PersonRows> batch;
  std::vector<PersonRows> next_batch;
  std::vector<PersonResult> results;
  std::vector<PersonResult> finished;
  StatusOr<bool> more = ReadBatch(source, options.batch_size, batch);
  if (!more.ok()) return more.status();
  while (!batch.empty()) {
    results.assign(batch.size(), PersonResult{});
    std::atomic<size_t> next_person = 0;
    const auto stage = [&] {
      for (size_t i = next_person++; i < batch.size(); i = next_person++)
        results[i] = AssessPerson(batch[i], resolved, engine, options);
    };
    std::vector<std::thread> workers;
    for (int t = 1; t < threads; ++t) workers.emplace_back(stage);
    Status status = Emit(finished, emit, summary);
    if (status.ok() && *more) {
      more = ReadBatch(source, options.batch_size, next_batch);
      if (!more.ok()) status = more.status();
    } else {
      next_batch.clear();
    }
    if (status.ok()) stage();
    for (std::thread& worker : workers) worker.join();
    if (!status.ok()) return status;
    std::swap(batch, next_batch);
    std::swap(results, finished);
  }
  Status status = Emit(finished, emit, summary);
  if (!status.ok()) return status;
  summary.source_warnings = resolved.warnings;
  for (const std::string& warning : source.Warnings()) summary.source_warnings.push_back(warning);
  if (summary.instrument_rows_without_value > 0) {
    summary.source_warnings.push_back(fmt::format(
        "{} instrument rows of {} persons have no value_as_number: ignored, the scores are not in "
        "the data",
        summary.instrument_rows_without_value, summary.persons_with_rows_without_value));
  }
  return summary;
}

}  // namespace refract::omop
