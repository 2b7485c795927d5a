#include "refract/io/assessment_json.h"

#include <cmath>
#include <nlohmann/json.hpp>

#include "measures_json.h"
#include "options_json_output.h"

namespace refract {
namespace {

using nlohmann::json;

// Rounds for output only (one decimal for percentages and weeks), keeping JSON stable and readable.
double Round1(double value) { return std::round(value * 10.0) / 10.0; }

std::string_view ToString(OutcomeSource source) {
  switch (source) {
    case OutcomeSource::kScores:
      return "scores";
    case OutcomeSource::kClinicianJudgement:
      return "clinician_judgement";
    case OutcomeSource::kNone:
      return "none";
  }
  return "none";
}

json ExcludedJson(const std::vector<ExcludedTrial>& excluded) {
  json array = json::array();
  for (const ExcludedTrial& trial : excluded)
    array.push_back({{"id", trial.id}, {"reason", trial.reason}});
  return array;
}

template <typename T>
json OrNull(const std::optional<T>& value) {
  return value ? json(*value) : json(nullptr);
}

json CategoryOrNull(const std::optional<OutcomeCategory>& category) {
  return category ? json(ToString(*category)) : json(nullptr);
}

// Which of the scores and the clinician judgement decided, and whether they disagree.
json DecisionJson(const OutcomeAssessment& outcome) {
  return {{"decided_by", ToString(outcome.source)},
          {"score_category", CategoryOrNull(outcome.score_category)},
          {"judgement", CategoryOrNull(outcome.judgement)},
          {"conflict", outcome.conflict},
          {"explanation", outcome.decision}};
}

json NearBoundaryJson(const std::vector<NearBoundary>& near_boundaries) {
  json out = json::array();
  for (const NearBoundary& near : near_boundaries) {
    out.push_back({{"boundary", near.boundary},
                   {"threshold_pct", OrNull(near.threshold_pct)},
                   {"end", near.end},
                   {"points", near.points},
                   {"category", ToString(near.category)},
                   {"detail", near.detail}});
  }
  return out;
}

// A result the imputed days of partial dates decide (app/imputed_dates.h).
json ImputedJson(const ImputedDateEffect& effect) {
  json dates = json::array();
  for (const DecidingDate& date : effect.dates) {
    dates.push_back({{"field", date.field},
                     {"label", date.label},
                     {"recorded", date.recorded},
                     {"imputed", date.imputed.ToString()},
                     {"earliest", date.earliest.ToString()},
                     {"latest", date.latest.ToString()}});
  }
  json out = {{"results", effect.results}, {"dates", dates}};
  if (!effect.condition.empty()) out["condition"] = effect.condition;
  return out;
}

json TrialJson(const TrialReport& trial) {
  json reasons = json::array();
  for (const AdequacyCheck& check : trial.adequacy.checks) {
    reasons.push_back({{"check", check.id}, {"passed", check.passed}, {"detail", check.detail}});
  }
  json out = {
      {"id", trial.id},
      {"kind", ToString(trial.kind)},
      {"agent", trial.agent},
      {"class", trial.agent_class},
      {"start", RecordedText(trial.start, trial.start_partial)},
      {"end", RecordedText(trial.end, trial.end_partial)},
      {"ongoing", trial.ongoing},
      {"adverse_effects", trial.adverse_effects},
      {"in_current_episode", trial.in_current_episode},
      {"adequate", trial.adequacy.applicable ? json(trial.adequacy.adequate) : json(nullptr)},
      {"reasons", reasons},
      {"adherence_unverified", trial.adequacy.adherence_unverified},
      {"weeks_total", Round1(trial.adequacy.weeks_total)},
      {"uncertain_params", trial.adequacy.uncertain_params},
      {"outcome", ToString(trial.outcome.category)},
      {"outcome_source", ToString(trial.outcome.source)},
      {"outcome_detail", trial.outcome.detail},
      {"outcome_from", trial.outcome_from},
      {"outcome_decision", DecisionJson(trial.outcome)},
      {"outcome_near_boundary", NearBoundaryJson(trial.outcome.near_boundaries)},
      {"improvement_pct", trial.outcome.improvement_pct
                              ? json(Round1(*trial.outcome.improvement_pct))
                              : json(nullptr)}};
  if (!trial.outcome_from_assessments.empty())
    out["outcome_from_assessments"] = trial.outcome_from_assessments;
  if (trial.adequacy.weeks_at_min_dose)
    out["weeks_at_min_dose"] = Round1(*trial.adequacy.weeks_at_min_dose);
  if (trial.start_partial) out["start_imputed"] = trial.start.ToString();
  if (trial.end_partial) out["end_imputed"] = trial.end.ToString();
  if (trial.imputed_dates) out["imputed_date_decides"] = ImputedJson(*trial.imputed_dates);
  return out;
}

json AssumptionsJson(const std::vector<Assumption>& assumptions) {
  json out = json::array();
  for (const Assumption& a : assumptions) {
    out.push_back({{"decision", a.decision}, {"doc", a.doc}, {"text", a.text}});
  }
  return out;
}

json ModelJson(const ModelResult& model) {
  json components = json::array();
  for (const ScoreComponent& c : model.components) {
    components.push_back({{"item", c.item}, {"points", c.points}, {"detail", c.detail}});
  }
  json variants = json::array();
  for (const VariantResult& v : model.variants) {
    variants.push_back({{"id", v.id}, {"description", v.description}, {"meets", v.meets}});
  }
  json out = {{"name", model.name},
              {"citation", model.citation},
              {"applicable", model.applicable},
              {"summary", model.summary},
              {"provisional", model.provisional},
              {"counted_trials", model.counted_trials},
              {"excluded_trials", ExcludedJson(model.excluded_trials)},
              {"components", components},
              {"assumptions", AssumptionsJson(model.assumptions)},
              {"uncertain_params", model.uncertain_params},
              {"missing", model.missing},
              {"next_steps", model.next_steps},
              {"variants", variants},
              {"notes", model.notes}};
  if (model.stage) out["stage"] = *model.stage;
  if (model.score) out["score"] = *model.score;
  if (model.category) out["category"] = *model.category;
  if (model.meets) out["meets"] = *model.meets;
  if (model.imputed_dates) out["imputed_date_decides"] = ImputedJson(*model.imputed_dates);
  return out;
}

json InputNotesJson(const std::vector<InputNote>& notes) {
  json array = json::array();
  for (const InputNote& note : notes) {
    array.push_back(
        {{"path", note.path}, {"input", note.input}, {"read_as", note.read_as}, {"how", note.how}});
  }
  return array;
}

}  // namespace

std::string AssessmentToJson(const Assessment& assessment, bool pretty) {
  json trials = json::array();
  for (const TrialReport& trial : assessment.trials) trials.push_back(TrialJson(trial));
  json staging = json::object();
  for (const ModelResult& model : assessment.staging) staging[model.model_id] = ModelJson(model);
  json untried = json::array();
  for (const UntriedClass& entry : assessment.not_adequately_tried) {
    untried.push_back({{"id", entry.id},
                       {"label", entry.label},
                       {"tried", entry.tried},
                       {"attempts", ExcludedJson(entry.attempts)}});
  }
  const json summaries = io_internal::AlertSummariesJson(assessment.measures.alert_summaries);
  json document = {{"format", kAssessmentFormat},
                   {"disclaimer", kDecisionSupportDisclaimer},
                   {"patient_id", assessment.patient_id},
                   {"as_of", assessment.as_of.ToString()},
                   {"diagnosis", ToString(assessment.diagnosis)},
                   {"knowledge",
                    {{"version", assessment.knowledge_version},
                     {"dose_convention", assessment.dose_convention},
                     {"default_adequacy_rule", assessment.default_rule}}},
                   {"input_notes", InputNotesJson(assessment.input_notes)},
                   {"trials", trials},
                   {"staging", staging},
                   {"not_adequately_tried", untried},
                   {"not_adequately_tried_note", assessment.not_adequately_tried_note},
                   {"alerts", io_internal::AlertsJson(assessment.measures.alerts)},
                   {"alert_summaries", summaries},
                   {"measures", io_internal::MeasuresJson(assessment.measures)}};
  if (assessment.not_adequately_tried_imputed_dates) {
    document["not_adequately_tried_imputed_date_decides"] =
        ImputedJson(*assessment.not_adequately_tried_imputed_dates);
  }
  if (assessment.options) document["options"] = io_internal::OptionsJson(*assessment.options);
  return document.dump(pretty ? 2 : -1, ' ', false, json::error_handler_t::replace);
}

std::string OptionsToJson(const Assessment& assessment, std::string_view option_id, bool pretty) {
  const json summaries = io_internal::AlertSummariesJson(assessment.measures.alert_summaries);
  json document = {{"format", kOptionsFormat},
                   {"disclaimer", kDecisionSupportDisclaimer},
                   {"patient_id", assessment.patient_id},
                   {"as_of", assessment.as_of.ToString()},
                   {"diagnosis", ToString(assessment.diagnosis)},
                   {"alerts", io_internal::AlertsJson(assessment.measures.alerts)},
                   {"alert_summaries", summaries}};
  const OptionsReport& report = *assessment.options;
  if (option_id.empty()) {
    document["options"] = io_internal::OptionsJson(report);
  } else if (const OptionResult* result = report.Find(option_id)) {
    document["safety_actions"] = io_internal::OptionsJson(report)["safety_actions"];
    document["option"] = io_internal::OptionTraceJson(*result, report);
  } else {
    document["option"] = nullptr;
    document["not_applicable_reason"] = report.not_applicable_reason;
  }
  return document.dump(pretty ? 2 : -1, ' ', false, json::error_handler_t::replace);
}

}  // namespace refract
