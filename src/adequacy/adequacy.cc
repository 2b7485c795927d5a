#include "refract/adequacy/adequacy.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <concepts>
#include <functional>

namespace refract {
namespace {

int RequiredDays(double weeks) { return static_cast<int>(std::ceil(weeks * 7.0 - 1e-9)); }

// Records `parameter` as relied upon when it is unconfirmed and the verdict `passes(value)` differs
// across its plausible range; without a range, when the unconfirmed value is what failed the check.
void NoteIfUncertain(const Parameter& parameter, const std::function<bool(double)>& passes,
                     AdequacyVerdict& verdict) {
  if (parameter.provenance.tag != Tag::kUnconfirmed) return;
  const bool relied = parameter.range
                          ? passes(parameter.range->first) != passes(parameter.range->second)
                          : !passes(parameter.value);
  if (relied) verdict.uncertain_params.push_back(parameter.id);
}

// Adds a check; its detail in words, `detail()`, is built only when the verdict is explained.
template <std::invocable Detail>
void AddCheck(AdequacyVerdict& verdict, std::string id, bool passed, Detail detail) {
  verdict.checks.push_back(
      {std::move(id), passed, verdict.explained ? std::string(detail()) : std::string()});
}

void AddCheck(AdequacyVerdict& verdict, std::string id, bool passed, const char* detail) {
  AddCheck(verdict, std::move(id), passed, [detail] { return detail; });
}

int DaysAtOrAbove(const Treatment& treatment, double min_mg, Date end) {
  int days = 0;
  for (size_t i = 0; i < treatment.doses.size(); ++i) {
    const Date step_end = i + 1 < treatment.doses.size() ? treatment.doses[i + 1].from : end;
    if (treatment.doses[i].mg_per_day + 1e-9 >= min_mg) {
      days += std::max(0, DaysBetween(treatment.doses[i].from, step_end));
    }
  }
  return days;
}

double MaxDose(const Treatment& treatment) {
  double max_mg = 0;
  for (const DoseStep& step : treatment.doses) max_mg = std::max(max_mg, step.mg_per_day);
  return max_mg;
}

// The recorded adverse effects by display name ("akathisia, weight gain"), or "".
std::string AdverseEffectNames(const Treatment& treatment, const KnowledgeBase& knowledge) {
  std::string names;
  for (const std::string& id : treatment.adverse_effects) {
    const AdverseEffect* effect = knowledge.FindAdverseEffect(id);
    std::string name = effect ? effect->name : id;
    if (name.size() > 1 && !std::isupper(static_cast<unsigned char>(name[1])))
      name[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(name[0])));
    names += (names.empty() ? "" : ", ") + name;
  }
  return names;
}

// "stopped for intolerance: akathisia", "adverse effects: sedation", or "".
std::string StopText(const Treatment& treatment, const KnowledgeBase& knowledge) {
  const std::string effects = AdverseEffectNames(treatment, knowledge);
  std::string stop;
  switch (treatment.stop_reason) {
    case StopReason::kIntolerance:
      return effects.empty() ? "stopped for intolerance" : "stopped for intolerance: " + effects;
    case StopReason::kNonadherence:
      stop = "stopped for nonadherence";
      break;
    case StopReason::kPatientChoice:
      stop = "stopped by patient choice";
      break;
    default:
      break;
  }
  if (!effects.empty()) stop += (stop.empty() ? "" : "; ") + ("adverse effects: " + effects);
  return stop;
}

// The verdict's stop_note as a suffix for a check's detail: " (stopped for intolerance: akathisia)"
// or "".
std::string StopNote(const AdequacyVerdict& verdict) {
  return verdict.stop_note.empty() ? "" : " (" + verdict.stop_note + ")";
}

void CheckWeeks(const Parameter& min_weeks, int days_at, double min_mg, AdequacyVerdict& verdict) {
  verdict.weeks_at_min_dose = days_at / 7.0;
  AddCheck(verdict, "weeks_at_min_dose", days_at >= RequiredDays(min_weeks.value), [&] {
    return fmt::format("{:.1f} weeks at >= {:g} mg/day (minimum {:g} weeks){}", days_at / 7.0,
                       min_mg, min_weeks.value, StopNote(verdict));
  });
  NoteIfUncertain(
      min_weeks, [&](double weeks) { return days_at >= RequiredDays(weeks); }, verdict);
}

void CheckAdherence(const Treatment& treatment, const KnowledgeBase& knowledge,
                    AdequacyVerdict& verdict) {
  const Parameter& minimum = knowledge.Param("adequacy.min_adherence_pct");
  if (!treatment.adherence_pct) {
    verdict.adherence_unverified = true;
    AddCheck(verdict, "adherence", true, "adherence not recorded: assumed adherent (unverified)");
    return;
  }
  AddCheck(verdict, "adherence", *treatment.adherence_pct >= minimum.value, [&] {
    return fmt::format("adherence {:g} % (minimum {:g} %)", *treatment.adherence_pct,
                       minimum.value);
  });
  NoteIfUncertain(
      minimum, [&](double pct) { return *treatment.adherence_pct >= pct; }, verdict);
}

// No dose in the source: the dose check passes as unverified and every day of the trial counts.
void AssessUnrecordedDose(const Treatment& treatment, Date end, const KnowledgeBase& knowledge,
                          const AdequacyRule& rule, AdequacyVerdict& verdict) {
  AddCheck(verdict, "dose", true,
           "dose not recorded in the source: assumed adequate (unverified); adequacy rests on "
           "duration");
  const int days = DaysBetween(treatment.start, end);
  if (days >= RequiredDays(rule.min_weeks->value))
    verdict.uncertain_params.push_back("dose_unrecorded");
  verdict.weeks_at_min_dose = days / 7.0;
  AddCheck(verdict, "weeks_at_min_dose", days >= RequiredDays(rule.min_weeks->value), [&] {
    return fmt::format("{:.1f} weeks, dose not recorded (minimum {:g} weeks){}", days / 7.0,
                       rule.min_weeks->value, StopNote(verdict));
  });
  NoteIfUncertain(
      *rule.min_weeks, [&](double weeks) { return days >= RequiredDays(weeks); }, verdict);
  CheckAdherence(treatment, knowledge, verdict);
}

void AssessAntidepressant(const Treatment& treatment, Date end, const KnowledgeBase& knowledge,
                          const AdequacyRule& rule, AdequacyVerdict& verdict) {
  const Antidepressant* drug = knowledge.FindAntidepressant(treatment.agent);
  const std::optional<double> min_mg = drug ? knowledge.MinDose(*drug) : std::nullopt;
  if (!drug || !min_mg) {
    AddCheck(verdict, "dose", false,
             [&] { return fmt::format("no minimum dose known for '{}'", treatment.agent); });
    return;
  }
  const bool level_ok = drug->serum_window && treatment.serum_level &&
                        *treatment.serum_level >= drug->serum_window->first &&
                        *treatment.serum_level <= drug->serum_window->second;
  if (treatment.dose_unrecorded && treatment.doses.empty() && !level_ok) {
    AssessUnrecordedDose(treatment, end, knowledge, rule, verdict);
    return;
  }
  if (level_ok) {
    AddCheck(verdict, "dose", true, [&] {
      return fmt::format("plasma level {:g} ng/mL within {:g}-{:g} (substitutes for dose)",
                         *treatment.serum_level, drug->serum_window->first,
                         drug->serum_window->second);
    });
  } else {
    AddCheck(verdict, "dose", MaxDose(treatment) + 1e-9 >= *min_mg, [&] {
      return fmt::format("maximum {:g} mg/day; minimum {:g} mg/day ({} table)", MaxDose(treatment),
                         *min_mg, knowledge.dose_convention);
    });
  }
  if (drug->provenance.tag == Tag::kUnconfirmed && !level_ok &&
      MaxDose(treatment) + 1e-9 < *min_mg) {
    verdict.uncertain_params.push_back("min_dose." + drug->id);
  }
  const int days_at =
      level_ok ? DaysBetween(treatment.start, end) : DaysAtOrAbove(treatment, *min_mg, end);
  CheckWeeks(*rule.min_weeks, days_at, *min_mg, verdict);
  CheckAdherence(treatment, knowledge, verdict);
}

void AssessAugmentation(const Treatment& treatment, Date end, const KnowledgeBase& knowledge,
                        AdequacyVerdict& verdict) {
  const AugmentingAgent* agent = knowledge.FindAugmenter(treatment.agent);
  if (!agent) {
    AddCheck(verdict, "dose", false,
             [&] { return fmt::format("unknown augmenting agent '{}'", treatment.agent); });
    return;
  }
  int days_at = 0;
  if (agent->min_serum_mmol_l) {
    const bool level_ok =
        treatment.serum_level && *treatment.serum_level >= *agent->min_serum_mmol_l;
    AddCheck(verdict, "serum_level", level_ok, [&] {
      return treatment.serum_level ? fmt::format("serum level {:g} mmol/L (minimum {:g})",
                                                 *treatment.serum_level, *agent->min_serum_mmol_l)
                                   : fmt::format("serum level not recorded (minimum {:g} mmol/L)",
                                                 *agent->min_serum_mmol_l);
    });
    days_at = level_ok ? DaysBetween(treatment.start, end) : 0;
    const double level = treatment.serum_level.value_or(0);
    const bool relied = agent->threshold_range ? (level >= agent->threshold_range->first) !=
                                                     (level >= agent->threshold_range->second)
                                               : !level_ok;
    if (agent->provenance.tag == Tag::kUnconfirmed && relied) {
      verdict.uncertain_params.push_back("min_serum." + agent->id);
    }
  } else if (treatment.dose_unrecorded && treatment.doses.empty()) {
    AddCheck(verdict, "dose", true,
             "dose not recorded in the source: assumed adequate (unverified); adequacy rests on "
             "duration");
    days_at = DaysBetween(treatment.start, end);
    if (days_at >= RequiredDays(knowledge.Param("adequacy.augmentation_min_weeks").value))
      verdict.uncertain_params.push_back("dose_unrecorded");
  } else {
    const double min_mg = agent->min_dose_mg.value_or(0);
    AddCheck(verdict, "dose", MaxDose(treatment) + 1e-9 >= min_mg, [&] {
      return fmt::format("maximum {:g} mg/day; minimum {:g} mg/day", MaxDose(treatment), min_mg);
    });
    days_at = DaysAtOrAbove(treatment, min_mg, end);
    if (agent->provenance.tag == Tag::kUnconfirmed && MaxDose(treatment) + 1e-9 < min_mg) {
      verdict.uncertain_params.push_back("min_dose." + agent->id);
    }
  }
  const Parameter& min_weeks = knowledge.Param("adequacy.augmentation_min_weeks");
  verdict.weeks_at_min_dose = days_at / 7.0;
  AddCheck(verdict, "weeks_at_min_dose", days_at >= RequiredDays(min_weeks.value), [&] {
    return fmt::format("{:.1f} weeks at an adequate dose or level (minimum {:g} weeks){}",
                       days_at / 7.0, min_weeks.value, StopNote(verdict));
  });
  CheckAdherence(treatment, knowledge, verdict);
}

void AssessPsychotherapy(const Treatment& treatment, const KnowledgeBase& knowledge,
                         const AdequacyRule& rule, AdequacyVerdict& verdict) {
  const PsychotherapyModality* modality = knowledge.FindPsychotherapy(treatment.agent);
  const bool evidence_based = modality && modality->evidence_based;
  AddCheck(verdict, "modality", evidence_based, [&] {
    return fmt::format("{} {} an evidence-based antidepressant psychotherapy",
                       modality ? modality->name : treatment.agent,
                       evidence_based ? "is" : "is not");
  });
  const int sessions = treatment.sessions.value_or(0);
  const Parameter& minimum = *rule.min_pt_sessions;
  AddCheck(verdict, "sessions", sessions >= minimum.value, [&] {
    return treatment.sessions
               ? fmt::format("{} sessions attended (minimum {:g})", sessions, minimum.value)
               : fmt::format("sessions not recorded (minimum {:g})", minimum.value);
  });
  if (rule.require_experienced_therapist) {
    const bool experienced = treatment.therapist == TherapistExperience::kExperienced;
    AddCheck(verdict, "therapist", experienced,
             treatment.therapist == TherapistExperience::kTrainee
                 ? "therapist in training (an experienced therapist is required)"
             : experienced
                 ? "experienced therapist"
                 : "therapist experience not recorded (an experienced therapist is required)");
  }
}

void AssessSessions(const Treatment& treatment, const Parameter& minimum,
                    AdequacyVerdict& verdict) {
  const int sessions = treatment.sessions.value_or(0);
  AddCheck(verdict, "sessions", sessions >= minimum.value, [&] {
    return treatment.sessions
               ? fmt::format("{} treatments (minimum {:g})", sessions, minimum.value)
               : fmt::format("number of treatments not recorded (minimum {:g})", minimum.value);
  });
  NoteIfUncertain(
      minimum, [&](double value) { return sessions >= value; }, verdict);
}

}  // namespace

AdequacyRule DefaultAdequacyRule(const KnowledgeBase& knowledge) {
  return {&knowledge.Param("adequacy.default_min_weeks"),
          &knowledge.Param("adequacy.psychotherapy_min_sessions"), true};
}

std::string AdequacyVerdict::FailedSummary() const {
  std::string summary;
  for (const AdequacyCheck& check : checks) {
    if (check.passed) continue;
    if (!summary.empty()) summary += "; ";
    summary += check.detail;
  }
  return summary;
}

AdequacyVerdict AssessAdequacy(const Treatment& treatment, Date as_of,
                               const KnowledgeBase& knowledge, const AdequacyRule& rule,
                               AdequacyDetail detail) {
  AdequacyVerdict verdict;
  verdict.checks.reserve(3);  // no kind of trial has more checks (dose or level, weeks, adherence)
  verdict.explained = detail == AdequacyDetail::kInWords;
  const Date end = EffectiveEnd(treatment, as_of);
  verdict.weeks_total = DaysBetween(treatment.start, end) / 7.0;
  if (verdict.explained) verdict.stop_note = StopText(treatment, knowledge);
  switch (treatment.kind) {
    case TreatmentKind::kAntidepressant:
    case TreatmentKind::kCombination:
      AssessAntidepressant(treatment, end, knowledge, rule, verdict);
      break;
    case TreatmentKind::kAugmentation:
      AssessAugmentation(treatment, end, knowledge, verdict);
      break;
    case TreatmentKind::kPsychotherapy:
      AssessPsychotherapy(treatment, knowledge, rule, verdict);
      break;
    case TreatmentKind::kEct:
      AssessSessions(treatment, knowledge.Param("adequacy.ect_min_sessions"), verdict);
      break;
    case TreatmentKind::kRtms:
    case TreatmentKind::kItbs:
      AssessSessions(treatment, knowledge.Param("adequacy.rtms_min_sessions"), verdict);
      break;
    case TreatmentKind::kEsketamine:
      AssessSessions(treatment, knowledge.Param("adequacy.esketamine_min_sessions"), verdict);
      break;
    case TreatmentKind::kKetamine:
      AssessSessions(treatment, knowledge.Param("adequacy.ketamine_min_sessions"), verdict);
      break;
    case TreatmentKind::kIntensifiedCare:
      verdict.applicable = false;
      return verdict;
  }
  verdict.adequate = std::all_of(verdict.checks.begin(), verdict.checks.end(),
                                 [](const AdequacyCheck& check) { return check.passed; });
  return verdict;
}

}  // namespace refract
