#include "text_report.h"

#include <fmt/format.h>

#include <set>

#include "input_notes_text.h"
#include "measures_text.h"
#include "options_text.h"
#include "report_text.h"

namespace refract::cli {
namespace {

std::string Rule(char c = '-') { return std::string(96, c) + "\n"; }

std::string TrialAdequacy(const TrialReport& trial) {
  if (!trial.adequacy.applicable) return "n/a";
  return trial.adequacy.adequate ? "yes" : "NO";
}

std::string TrialOutcome(const TrialReport& trial) {
  if (trial.outcome.source == OutcomeSource::kScores) {
    return fmt::format("{} ({})", ToString(trial.outcome.category), trial.outcome.detail);
  }
  return trial.outcome.detail;
}

void RenderTrials(const Assessment& a, std::string& out) {
  out += fmt::format("TRIALS  (adequacy under the default rule: {})\n", a.default_rule);
  out += fmt::format("  {:<6} {:<16} {:<34} {:<25} {:<9} {}\n", "id", "kind", "agent (class)",
                     "dates", "adequate", "outcome");
  for (const TrialReport& t : a.trials) {
    const std::string dates =
        fmt::format("{} to {}", RecordedText(t.start, t.start_partial),
                    t.ongoing ? "ongoing" : RecordedText(t.end, t.end_partial));
    out += fmt::format("  {:<6} {:<16} {:<34} {:<25} {:<9} {}\n", t.id, ToString(t.kind),
                       fmt::format("{} ({})", t.agent.empty() ? "-" : t.agent, t.agent_class),
                       dates, TrialAdequacy(t), TrialOutcome(t));
    if (t.imputed_dates) out += fmt::format("         {}\n", ImputedMarker(*t.imputed_dates));
    if (!t.outcome_from_assessments.empty() || t.outcome.source != OutcomeSource::kNone) {
      out += fmt::format("         outcome {}\n", t.outcome_from);
    }
    if (t.outcome.conflict)
      out += fmt::format("         outcome conflict: {}\n", t.outcome.decision);
    for (const NearBoundary& near : t.outcome.near_boundaries) {
      out += fmt::format("         outcome near a boundary: {}\n", near.detail);
    }
    if (!t.in_current_episode)
      out += "         before the current episode: not counted by any model\n";
    for (const AdequacyCheck& check : t.adequacy.checks) {
      out += fmt::format("         {} {}\n", check.passed ? "ok " : "NO ", check.detail);
    }
    if (!t.adequacy.uncertain_params.empty()) {
      out += fmt::format("         relies on unconfirmed values: {}\n",
                         fmt::join(t.adequacy.uncertain_params, ", "));
    }
  }
}

std::string ModelCounted(const ModelResult& m) {
  return m.counted_trials.empty() ? "-" : fmt::format("{}", fmt::join(m.counted_trials, ", "));
}

void RenderModelTable(const Assessment& a, std::string& out) {
  out += "\nSTAGING UNDER EVERY MODEL\n";
  out += fmt::format("  {:<42} {:<36} {:<12} {}\n", "model", "result (treatment resistance)",
                     "provisional", "counted trials");
  for (const ModelResult& m : a.staging) {
    out += fmt::format("  {:<42} {:<36} {:<12} {}\n", m.name, m.summary,
                       m.provisional ? "PROVISIONAL" : "", ModelCounted(m));
  }
}

void RenderModelDetails(const Assessment& a, std::string& out) {
  out += "\nWHY, MODEL BY MODEL\n";
  for (const ModelResult& m : a.staging) {
    out += fmt::format("  {} [{}]: {}{}\n", m.name, m.model_id, m.summary,
                       m.provisional ? " (provisional)" : "");
    if (m.imputed_dates) out += fmt::format("    {}\n", ImputedMarker(*m.imputed_dates));
    for (const std::string& note : m.notes) out += fmt::format("    note: {}\n", note);
    if (!m.applicable) continue;
    for (const ScoreComponent& c : m.components) {
      out += fmt::format("    {:<44} {:>5}  {}\n", c.item, Rounded(c.points), c.detail);
    }
    for (const ExcludedTrial& e : m.excluded_trials)
      out += fmt::format("    excluded {}: {}\n", e.id, e.reason);
    for (const VariantResult& v : m.variants) {
      out +=
          fmt::format("    variant ({}): {}\n", v.description, v.meets ? "meets" : "does not meet");
    }
    for (const std::string& step : m.next_steps) out += fmt::format("    would change: {}\n", step);
    if (!m.uncertain_params.empty()) {
      out += fmt::format("    relies on unconfirmed values: {}\n",
                         fmt::join(m.uncertain_params, ", "));
    }
  }
}

void RenderUntried(const Assessment& a, std::string& out) {
  out += "\nNEVER ADEQUATELY TRIED IN THE CURRENT EPISODE\n";
  if (!a.not_adequately_tried_note.empty()) {
    out += fmt::format("  {}\n", a.not_adequately_tried_note);
  } else if (a.not_adequately_tried.empty()) {
    out += "  every listed class has had an adequate trial\n";
  }
  if (a.not_adequately_tried_imputed_dates) {
    out += fmt::format("  {}\n", ImputedMarker(*a.not_adequately_tried_imputed_dates));
  }
  for (const UntriedClass& entry : a.not_adequately_tried) {
    if (!entry.tried) {
      out += fmt::format("  - {}: never tried\n", entry.label);
      continue;
    }
    for (const ExcludedTrial& attempt : entry.attempts) {
      out += fmt::format("  - {}: tried, not adequate ({}: {})\n", entry.label, attempt.id,
                         attempt.reason);
    }
  }
}

// Every rule the models rested on, once, in plain words with the page that explains it.
void RenderAssumptions(const Assessment& a, std::string& out) {
  std::set<std::string> seen;
  out += "\nRULES AND DECISIONS BEHIND THESE RESULTS\n";
  for (const ModelResult& m : a.staging) {
    for (const Assumption& assumption : m.assumptions) {
      if (seen.insert(assumption.text).second)
        out += Wrap(fmt::format("- {} ({})", assumption.text, assumption.doc), 2, 4);
    }
  }
}

}  // namespace

std::string RenderTextReport(const Assessment& a) {
  std::string out = Rule('=');
  out += fmt::format("REFRACT ASSESSMENT  patient {}  as of {}  diagnosis {}\n", a.patient_id,
                     a.as_of.ToString(), ToString(a.diagnosis));
  out += fmt::format("{}\n", kDecisionSupportDisclaimer);
  out += fmt::format("knowledge {}; dose table '{}'\n", a.knowledge_version, a.dose_convention);
  out += InputNotesLine(a);
  out += Rule();
  if (const std::string alerts = RenderAlerts(a); !alerts.empty()) out += alerts + Rule();
  RenderTrials(a, out);
  out += RenderMeasures(a);
  RenderModelTable(a, out);
  RenderModelDetails(a, out);
  RenderUntried(a, out);
  if (a.options) out += RenderOptions(a);
  RenderAssumptions(a, out);
  return out;
}

}  // namespace refract::cli
