#include "summary_report.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "input_notes_text.h"
#include "measures_text.h"
#include "refract/app/imputed_dates.h"
#include "report_text.h"

namespace refract::cli {
namespace {

std::string Rule(char c = '-') { return std::string(96, c) + "\n"; }

std::string_view DiagnosisWords(Diagnosis diagnosis) {
  switch (diagnosis) {
    case Diagnosis::kMdd:
      return "major depressive disorder";
    case Diagnosis::kBipolar:
      return "bipolar disorder";
    case Diagnosis::kOther:
      return "another diagnosis";
  }
  return "";
}

std::string EpisodeLine(const PatientRecord& record) {
  const Episode& episode = record.episode;
  std::string line = fmt::format(
      "{}; current episode since {} ({} months), {}", DiagnosisWords(record.diagnosis),
      RecordedText(episode.onset, episode.onset_partial),
      DaysBetween(episode.onset, record.as_of) * 12 / 365, InWords(ToString(episode.severity)));
  if (episode.psychotic_features && episode.severity != Severity::kSeverePsychotic)
    line += ", psychotic features";
  if (episode.lifetime_episodes)
    line += fmt::format("; lifetime episodes: {}", *episode.lifetime_episodes);
  return line;
}

void RenderHeader(const PatientRecord& record, const Assessment& a, std::string& out) {
  out += Rule('=');
  out += fmt::format("REFRACT CLINICAL SUMMARY  patient {}  as of {}\n", a.patient_id,
                     a.as_of.ToString());
  out += Wrap(kDecisionSupportDisclaimer, 0, 0);
  out += Wrap(EpisodeLine(record), 0, 0);
  if (const size_t partial = PartialDateSlots(record).size(); partial > 0) {
    out += Wrap(fmt::format("dates: {} date{} given as a month or a year {} read as the middle of "
                            "it (docs/patient-record.md#partial-dates); a result such a day "
                            "decides is marked PROVISIONAL",
                            partial, partial == 1 ? "" : "s", partial == 1 ? "was" : "were"),
                0, 2);
  }
  if (const std::string notes = InputNotesLine(a); !notes.empty())
    out += Wrap(std::string_view(notes).substr(0, notes.find_last_not_of('\n') + 1), 0, 2);
  out += Rule();
}

// When the safety action is due, in words that cannot be read as "no hurry" beside a critical
// alert: routine is "at this appointment".
std::string_view ActionTiming(SafetyLevel level) {
  switch (level) {
    case SafetyLevel::kRoutine:
      return "at this appointment";
    case SafetyLevel::kUrgent:
      return "URGENT, today";
    case SafetyLevel::kEmergency:
      return "EMERGENCY, now";
  }
  return "";
}

void RenderSafety(const Assessment& a, std::string& out) {
  out += "SAFETY\n";
  // Critical alerts first, then the notices; the alert codes are in the JSON and --full.
  const MeasuresReport& measures = a.measures;
  for (const bool critical : {true, false}) {
    for (const measures::SafetyAlert& alert : measures.alerts) {
      if ((alert.severity == measures::AlertSeverity::kCritical) != critical) continue;
      out += Wrap(
          fmt::format("{} {}: {}", critical ? "!!" : "..", ToString(alert.severity), alert.message),
          2, 5);
    }
  }
  for (const AlertSummary& summary : measures.alert_summaries)
    out += Wrap(fmt::format(".. {}: {}", ToString(summary.severity), summary.message), 2, 5);
  bool any_action = false;
  if (a.options) {
    for (const SafetyAction& action : a.options->safety_actions) {
      out += Wrap(fmt::format("-> {}: {}", ActionTiming(action.level), action.text), 2, 5);
      any_action = true;
    }
  }
  if (measures.alerts.empty() && !any_action)
    out += "  no self-harm item above 0 in the recorded scores\n";
}

// Why each provisional model is provisional: its own "provisional: ..." notes (a trial outcome near
// a boundary or in conflict, an imputed date), else the unconfirmed values it rests on.
void RenderProvisionalReasons(const Assessment& a, std::string& out) {
  for (const ModelResult& m : a.staging) {
    if (!m.applicable || !m.provisional) continue;
    std::vector<std::string> reasons;
    for (const std::string& note : m.notes) {
      if (note.starts_with("provisional: ")) reasons.push_back(note.substr(13));
    }
    if (m.imputed_dates) reasons.push_back(ImputedReason(*m.imputed_dates));
    if (reasons.empty() && !m.uncertain_params.empty()) {
      reasons.push_back(fmt::format("rests on {} unconfirmed knowledge value{} (listed in --full)",
                                    m.uncertain_params.size(),
                                    m.uncertain_params.size() == 1 ? "" : "s"));
    }
    out += Wrap(fmt::format("{} is provisional: {}", m.name, fmt::join(reasons, "; ")), 4, 6);
  }
}

// What a model that is not met still needs, and the trials whose missing outcome would change a
// result.
void RenderModelNotes(const Assessment& a, std::string& out) {
  for (const ModelResult& m : a.staging) {
    if (!m.applicable) continue;
    if (m.meets == false && !m.missing.empty())
      out += Wrap(fmt::format("{} needs: {}", m.name, fmt::join(m.missing, "; ")), 4, 6);
    for (const std::string& note : m.notes) {
      if (note.starts_with("outcome unknown: ")) out += Wrap(m.name + ": " + note, 4, 6);
    }
  }
}

void RenderStaging(const Assessment& a, std::string& out) {
  out += "\nSTAGE UNDER EACH MODEL  (treatment resistance; why PROVISIONAL: below the table)\n";
  out += fmt::format("  {:<40} {:<30} {:<11} {}\n", "model", "result", "", "trials counted");
  bool any_applicable = false;
  for (const ModelResult& m : a.staging) {
    if (!m.applicable) continue;
    any_applicable = true;
    out += fmt::format(
        "  {:<40} {:<30} {:<11} {}\n", m.name, m.summary, m.provisional ? "PROVISIONAL" : "",
        m.counted_trials.empty() ? std::string("none")
                                 : fmt::format("{}", fmt::join(m.counted_trials, " ")));
  }
  RenderProvisionalReasons(a, out);
  RenderModelNotes(a, out);
  if (!any_applicable && !a.staging.empty()) {
    const ModelResult& first = a.staging.front();
    out += Wrap(
        fmt::format("not staged: {}", first.notes.empty() ? first.summary : first.notes.front()), 2,
        4);
  }
}

std::string DoseRange(const Treatment& treatment) {
  if (treatment.doses.empty()) return "";
  auto [low, high] = std::minmax_element(
      treatment.doses.begin(), treatment.doses.end(),
      [](const DoseStep& a, const DoseStep& b) { return a.mg_per_day < b.mg_per_day; });
  if (low->mg_per_day == high->mg_per_day) return fmt::format(" {:g} mg/day", high->mg_per_day);
  return fmt::format(" {:g}-{:g} mg/day", low->mg_per_day, high->mg_per_day);
}

std::string TreatmentWords(const TrialReport& trial, const Treatment* treatment) {
  std::string words =
      trial.agent.empty() ? std::string(InWords(ToString(trial.kind))) : InWords(trial.agent);
  if (!treatment) return words;
  words += DoseRange(*treatment);
  if (treatment->sessions) words += fmt::format(", {} sessions", *treatment->sessions);
  if (!treatment->augments.empty()) words += fmt::format(" added to {}", treatment->augments);
  return words;
}

std::string AdequacyWords(const TrialReport& trial) {
  if (!trial.adequacy.applicable) return "a care setting, not a trial";
  if (trial.adequacy.adequate) {
    return trial.adequacy.stop_note.empty() ? "adequate"
                                            : "adequate (" + trial.adequacy.stop_note + ")";
  }
  std::vector<std::string> shortfalls;
  for (const AdequacyCheck& check : trial.adequacy.checks) {
    if (!check.passed) shortfalls.push_back(check.detail);
  }
  return fmt::format("NOT adequate: {}", fmt::join(shortfalls, "; "));
}

// The category with its scores, then what a reader must weigh: a conflicting judgement (and which
// one decided) and, when a model's verdict turns on it, the nearest boundary within a few points.
std::string OutcomeWords(const TrialReport& trial, bool decides_a_model) {
  const OutcomeAssessment& outcome = trial.outcome;
  if (outcome.source == OutcomeSource::kNone) return "no outcome recorded";
  std::string words = fmt::format("{} ({})", InWords(ToString(outcome.category)), outcome.detail);
  if (outcome.conflict && outcome.judgement) {
    words += fmt::format("; the clinician judged {}, the {} decided",
                         InWords(ToString(*outcome.judgement)),
                         outcome.source == OutcomeSource::kScores ? "scores" : "judgement");
  }
  if (!outcome.near_boundaries.empty() && decides_a_model) {
    words += "; near a boundary: " + outcome.near_boundaries.front().detail;
  }
  return words;
}

// Whether some model's verdict turns on this trial's outcome (its end score near a boundary, or a
// conflicting judgement): the staging sensitivity check lists it as trial_outcome.<id>.
bool DecidesAModel(const Assessment& a, const std::string& trial_id) {
  const std::string id = "trial_outcome." + trial_id;
  for (const ModelResult& m : a.staging) {
    if (std::find(m.uncertain_params.begin(), m.uncertain_params.end(), id) !=
        m.uncertain_params.end())
      return true;
  }
  return false;
}

void RenderTrials(const PatientRecord& record, const Assessment& a, std::string& out) {
  out += "\nTREATMENTS IN THE CURRENT EPISODE\n";
  std::vector<std::string> earlier;
  for (const TrialReport& t : a.trials) {
    if (!t.in_current_episode) {
      earlier.push_back(t.id);
      continue;
    }
    const std::string dates =
        fmt::format("{} to {}", RecordedText(t.start, t.start_partial),
                    t.ongoing ? "ongoing" : RecordedText(t.end, t.end_partial));
    out += fmt::format("  {:<5} {:<44} {}\n", t.id, TreatmentWords(t, FindTreatment(record, t.id)),
                       dates);
    out += Wrap(fmt::format("{}; {}", AdequacyWords(t), OutcomeWords(t, DecidesAModel(a, t.id))), 8,
                8);
    if (t.imputed_dates) out += Wrap(ImputedMarker(*t.imputed_dates), 8, 8);
  }
  if (a.trials.size() == earlier.size()) out += "  none recorded\n";
  if (!earlier.empty()) {
    out +=
        fmt::format("  before this episode (counted by no model): {}\n", fmt::join(earlier, ", "));
  }
}

void RenderUntried(const Assessment& a, std::string& out) {
  out += "\nNEVER ADEQUATELY TRIED IN THE CURRENT EPISODE\n";
  if (!a.not_adequately_tried_note.empty()) {
    out += Wrap(a.not_adequately_tried_note, 2, 2);
    return;
  }
  if (a.not_adequately_tried_imputed_dates)
    out += Wrap(ImputedMarker(*a.not_adequately_tried_imputed_dates), 2, 4);
  std::vector<std::string> never, inadequate;
  for (const UntriedClass& entry : a.not_adequately_tried) {
    if (!entry.tried) {
      never.push_back(entry.label);
      continue;
    }
    std::vector<std::string> ids;
    for (const ExcludedTrial& attempt : entry.attempts) ids.push_back(attempt.id);
    inadequate.push_back(fmt::format("{} ({} not adequate)", entry.label, fmt::join(ids, ", ")));
  }
  if (never.empty() && inadequate.empty())
    out += "  every listed class has had an adequate trial\n";
  if (!inadequate.empty())
    out += Wrap(fmt::format("tried, never adequately: {}", fmt::join(inadequate, "; ")), 2, 4);
  if (!never.empty()) out += Wrap(fmt::format("never tried: {}", fmt::join(never, ", ")), 2, 4);
}

// The first source a provenance names, without its gloss: "NICE NG222 1.6.1".
std::string ShortSource(const Provenance& provenance) {
  const std::string& source = provenance.source;
  return source.substr(0, std::min(source.find(" ("), source.find(';')));
}

// The rank to print: tied options share the rank of the first of them ("3=", "3=", "3=").
std::vector<std::string> RankLabels(const std::vector<OptionResult>& ranked) {
  std::vector<std::string> labels;
  int shown_rank = 0;
  for (size_t i = 0; i < ranked.size(); ++i) {
    const bool same_as_previous = i > 0 && ranked[i].tied && ranked[i - 1].tied &&
                                  ranked[i].score == ranked[i - 1].score &&
                                  ranked[i].indications.empty();
    if (!same_as_previous) shown_rank = ranked[i].rank;
    labels.push_back(fmt::format("{}{}", shown_rank, ranked[i].tied ? "=" : "."));
  }
  return labels;
}

// The indicated options with the recommendation and its source, then the first others by score,
// then how many more are ranked.
void RenderRanked(const OptionsReport& report, std::string& out) {
  const std::vector<std::string> labels = RankLabels(report.ranked);
  int others = 0;
  size_t shown = 0;
  for (const OptionResult& result : report.ranked) {
    const bool indicated = !result.indications.empty();
    if (!indicated && ++others > kOptionsInSummary) break;
    out += Wrap(fmt::format("{:<4}{}{}{}", labels[shown++], result.option->name,
                            indicated ? " [INDICATED]" : fmt::format(" (score {:g})", result.score),
                            result.provisional ? " PROVISIONAL" : ""),
                2, 6);
    for (const Indication* indication : result.indications) {
      out +=
          Wrap(fmt::format("{} ({})", indication->text, ShortSource(indication->provenance)), 6, 6);
    }
    out += Wrap(result.rationale, 6, 6);
  }
  if (shown < report.ranked.size()) {
    out += Wrap(fmt::format("{} more ranked option(s) below these: see --full. Scores 1 point or "
                            "less apart are within the uncertainty of the weights.",
                            report.ranked.size() - shown),
                2, 4);
  }
}

// Declined options one per line with the reason (an indication may still apply: revisit), the
// contraindicated ones named together, the rest counted.
void RenderNotRanked(const OptionsReport& report, std::string& out) {
  std::vector<std::string> contraindicated;
  int others = 0;
  for (const OptionResult& result : report.excluded) {
    const Exclusion& first = result.exclusions.front();
    if (first.kind == ExclusionKind::kDeclined) {
      out += Wrap(fmt::format("not ranked, declined: {}: {}", result.option->name, first.detail), 2,
                  6);
    } else if (first.kind == ExclusionKind::kContraindicated) {
      contraindicated.push_back(result.option->name);
    } else {
      ++others;
    }
  }
  if (!contraindicated.empty()) {
    out += Wrap(fmt::format("not ranked, contraindicated for this patient: {} (reasons: --full)",
                            fmt::join(contraindicated, "; ")),
                2, 6);
  }
  if (others > 0) {
    out += fmt::format(
        "  {} more option(s) not ranked (already failed, not yet indicated or nothing to add "
        "to): see --full\n",
        others);
  }
}

void RenderOptions(const Assessment& a, std::string& out) {
  out += "\nNEXT-STEP OPTIONS  (for discussion with the patient, not a verdict)\n";
  if (!a.options) {
    out += "  not ranked for this record\n";
    return;
  }
  const OptionsReport& report = *a.options;
  if (!report.applicable) {
    out += Wrap(report.not_applicable_reason, 2, 2);
    return;
  }
  for (const std::string& note : report.notes) out += Wrap("note: " + note, 2, 4);
  RenderRanked(report, out);
  RenderNotRanked(report, out);
}

// The measurement plan of the first options shown (deduplicated), then the latest score of each
// instrument with its age.
void RenderMeasureNext(const Assessment& a, std::string& out) {
  out += "\nWHAT TO MEASURE NEXT\n";
  std::set<std::string> seen;
  const size_t before = out.size();
  if (a.options) {
    int shown = 0;
    for (const OptionResult& result : a.options->ranked) {
      if (++shown > 2) break;
      for (const MeasurementItem& item : result.option->measurement) {
        if (item.review_parameter.empty() && seen.insert(item.text).second)
          out += Wrap(fmt::format("- {} ({})", item.text, result.option->name), 2, 4);
      }
    }
  }
  for (const InstrumentSeries& series : a.measures.series) {
    if (series.administrations.empty()) continue;
    const measures::ScoredAdministration& last = series.administrations.back();
    if (!last.date || !last.total) continue;
    const int days = DaysBetween(*last.date, a.as_of);
    out += fmt::format("  - latest {}: {:g}{} on {} ({})\n", series.name, std::round(*last.total),
                       last.band ? ", " + *last.band : "", last.date->ToString(),
                       days == 0 ? "the as-of date" : fmt::format("{} days before as of", days));
  }
  if (out.size() == before)
    out += "  no assessment recorded over time, and no option to take a measurement plan from\n";
}

}  // namespace

std::string RenderSummaryReport(const PatientRecord& record, const Assessment& assessment) {
  std::string out;
  RenderHeader(record, assessment, out);
  RenderSafety(assessment, out);
  RenderStaging(assessment, out);
  RenderTrials(record, assessment, out);
  if (assessment.diagnosis == Diagnosis::kMdd) RenderUntried(assessment, out);
  RenderOptions(assessment, out);
  RenderMeasureNext(assessment, out);
  out += Rule();
  out += Wrap(
      "More: refract assess --full (every adequacy check, each model's reasons and "
      "assumptions, the options in detail); refract options --explain ID FILE (one option); "
      "docs/staging-decisions.md and docs/options.md explain each decision.",
      0, 0);
  return out;
}

}  // namespace refract::cli
