#include "refract/omop/extraction.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "drug_eras.h"

namespace refract::omop {
namespace {

using internal::DrugEra;

// A point or interval of depression activity on the person's timeline.
struct Activity {
  Date start;
  Date end;  // exclusive
  bool depression_code = false;
};

struct EpisodeSpan {
  Date start;
  Date end;
  bool has_depression_code = false;
};

Date LastDate(const PersonRows& rows) {
  Date last = Date(std::chrono::sys_days{});
  auto see = [&last](Date date) { last = std::max(last, date); };
  for (const auto& row : rows.conditions) {
    see(row.start);
    if (row.end) see(*row.end);
  }
  for (const auto& row : rows.drugs) {
    see(row.start);
    if (row.end) see(*row.end);
    if (!row.end && row.days_supply && *row.days_supply > 0)
      see(AddDays(row.start, *row.days_supply - 1));
  }
  for (const auto& row : rows.procedures) see(row.date);
  for (const auto& row : rows.measurements) see(row.date);
  for (const auto& row : rows.observations) see(row.date);
  return last;
}

std::vector<EpisodeSpan> SplitEpisodes(std::vector<Activity> activities, int gap_days) {
  std::sort(activities.begin(), activities.end(),
            [](const Activity& a, const Activity& b) { return a.start < b.start; });
  std::vector<EpisodeSpan> episodes;
  for (const Activity& activity : activities) {
    if (episodes.empty() || DaysBetween(episodes.back().end, activity.start) > gap_days) {
      episodes.push_back({activity.start, activity.end, false});
    }
    EpisodeSpan& episode = episodes.back();
    episode.end = std::max(episode.end, activity.end);
    episode.has_depression_code = episode.has_depression_code || activity.depression_code;
  }
  return episodes;
}

Severity SeverityOf(std::string_view text) {
  if (text == "mild") return Severity::kMild;
  if (text == "severe") return Severity::kSevere;
  if (text == "severe_psychotic") return Severity::kSeverePsychotic;
  return Severity::kModerate;
}

void AddAssumption(Extraction& out, std::string id) {
  if (std::find(out.assumptions.begin(), out.assumptions.end(), id) == out.assumptions.end())
    out.assumptions.push_back(std::move(id));
}

// "ad-sertraline-2024-03-01"; concatenated, as extraction names every trial of every person.
std::string TrialId(std::string_view kind, std::string_view agent, Date start) {
  const std::string date = start.ToString();
  std::string id;
  id.reserve(kind.size() + agent.size() + date.size() + 2);
  id.append(kind).append(1, '-').append(agent).append(1, '-').append(date);
  return id;
}

// Kind of each antidepressant era: a combination when it starts inside another antidepressant
// era and overlaps it long enough; the base era's index in `base`.
void AddAntidepressantEras(const std::vector<DrugEra>& eras, const ResolvedMapping& mapping,
                           PatientRecord& record, Extraction& out) {
  const int min_overlap = mapping.mapping->Param("combination_min_overlap_days");
  std::vector<const DrugEra*> bases;
  for (const DrugEra& era : eras) {
    if (era.ingredient->kind != IngredientKind::kAntidepressant) continue;
    Treatment treatment;
    treatment.id = TrialId("ad", era.ingredient->agent, era.start);
    treatment.kind = TreatmentKind::kAntidepressant;
    treatment.agent = era.ingredient->agent;
    treatment.start = era.start;
    treatment.end = era.end;
    treatment.doses = era.doses;
    treatment.dose_unrecorded = era.doses.empty();
    for (const DrugEra* base : bases) {
      const int overlap = DaysBetween(era.start, std::min(base->end, era.end));
      if (base->start <= era.start && era.start < base->end && overlap >= min_overlap &&
          base->ingredient->agent != era.ingredient->agent) {
        treatment.kind = TreatmentKind::kCombination;
        treatment.augments = TrialId("ad", base->ingredient->agent, base->start);
      }
    }
    if (treatment.kind == TreatmentKind::kAntidepressant) bases.push_back(&era);
    if (treatment.dose_unrecorded) {
      out.dose_unrecorded.insert(treatment.id);
      AddAssumption(out, "dose_unrecorded");
    }
    record.treatments.push_back(std::move(treatment));
  }
}

// The latest-starting plain antidepressant trial running on `day`, or nullptr.
const Treatment* RunningAntidepressant(const PatientRecord& record, Date day) {
  const Treatment* found = nullptr;
  for (const Treatment& treatment : record.treatments) {
    if (treatment.kind != TreatmentKind::kAntidepressant) continue;
    if (treatment.start <= day && day < *treatment.end) found = &treatment;
  }
  return found;
}

void AddOtherDrugEras(const std::vector<DrugEra>& eras, PatientRecord& record, Extraction& out) {
  std::vector<Treatment> added;
  for (const DrugEra& era : eras) {
    Treatment treatment;
    treatment.agent = era.ingredient->agent;
    treatment.start = era.start;
    treatment.end = era.end;
    if (era.ingredient->kind == IngredientKind::kAugmentation) {
      const Treatment* base = RunningAntidepressant(record, era.start);
      if (!base) {
        out.warnings.push_back(fmt::format(
            "{} era from {} has no concurrent antidepressant: not read as an augmentation",
            era.ingredient->agent, era.start.ToString()));
        continue;
      }
      treatment.id = TrialId("aug", era.ingredient->agent, era.start);
      treatment.kind = TreatmentKind::kAugmentation;
      treatment.augments = base->id;
      treatment.doses = era.doses;
      treatment.dose_unrecorded = era.doses.empty();
      if (treatment.dose_unrecorded) {
        out.dose_unrecorded.insert(treatment.id);
        AddAssumption(out, "dose_unrecorded");
      }
    } else if (era.ingredient->kind == IngredientKind::kEsketamine) {
      treatment.id = TrialId("esk", era.ingredient->agent, era.start);
      treatment.kind = TreatmentKind::kEsketamine;
      treatment.sessions = era.exposures;
    } else {
      continue;
    }
    added.push_back(std::move(treatment));
  }
  for (Treatment& treatment : added) record.treatments.push_back(std::move(treatment));
}

struct Session {
  Date date;
  int count = 1;
};

Treatment NewCourse(std::string_view kind_name, TreatmentKind kind, const std::string& agent,
                    std::optional<TherapyFormat> format, Date day) {
  Treatment course;
  const std::string name = agent.empty() ? std::string(kind_name) : agent;
  course.id = TrialId(kind_name, format == TherapyFormat::kGroup ? name + "-group" : name, day);
  course.kind = kind;
  course.agent = agent;
  course.start = day;
  course.sessions = 0;
  course.format = format;
  if (kind == TreatmentKind::kPsychotherapy) course.therapist = TherapistExperience::kExperienced;
  return course;
}

void AddCourses(std::string_view kind_name, TreatmentKind kind, const std::string& agent,
                std::optional<TherapyFormat> format, std::vector<Session> sessions, int gap_days,
                PatientRecord& record) {
  std::sort(sessions.begin(), sessions.end(),
            [](const Session& a, const Session& b) { return a.date < b.date; });
  std::vector<Treatment> courses;
  for (const Session& session : sessions) {
    if (courses.empty() || DaysBetween(*courses.back().end, session.date) > gap_days + 1)
      courses.push_back(NewCourse(kind_name, kind, agent, format, session.date));
    courses.back().end = AddDays(session.date, 1);
    *courses.back().sessions += session.count;
  }
  for (Treatment& course : courses) record.treatments.push_back(std::move(course));
}

void AddProcedures(const PersonRows& rows, const ResolvedMapping& mapping, PatientRecord& record,
                   Extraction& out) {
  std::map<std::tuple<ProcedureKind, std::string, std::string>, std::vector<Session>> groups;
  for (const ProcedureRow& row : rows.procedures) {
    auto it = mapping.procedures.find(row.concept_id);
    if (it == mapping.procedures.end()) continue;
    const ProcedureCode& code = *it->second;
    std::string modality = code.modality;
    if (code.kind == ProcedureKind::kPsychotherapy) {
      AddAssumption(out, "therapist_not_coded");
      if (modality.empty()) {
        modality = mapping.mapping->generic_psychotherapy_modality;
        AddAssumption(out, "psychotherapy_modality_not_coded");
      }
    }
    groups[{code.kind, modality, code.format}].push_back(
        {row.date, std::max(1, row.quantity.value_or(1))});
  }
  const int gap = mapping.mapping->Param("procedure_course_gap_days");
  for (auto& [key, sessions] : groups) {
    const auto& [kind, modality, format] = key;
    switch (kind) {
      case ProcedureKind::kPsychotherapy:
        AddCourses("pt", TreatmentKind::kPsychotherapy, modality,
                   format == "group" ? TherapyFormat::kGroup : TherapyFormat::kIndividual,
                   std::move(sessions), gap, record);
        break;
      case ProcedureKind::kEct:
        AddCourses("ect", TreatmentKind::kEct, "", std::nullopt, std::move(sessions), gap, record);
        break;
      case ProcedureKind::kRtms:
        AddCourses("rtms", TreatmentKind::kRtms, "", std::nullopt, std::move(sessions), gap,
                   record);
        break;
    }
  }
}

bool IsNextStep(const Treatment& step, const Treatment& trial) {
  switch (step.kind) {
    case TreatmentKind::kAntidepressant:
      return step.agent != trial.agent;
    case TreatmentKind::kCombination:
    case TreatmentKind::kAugmentation:
    case TreatmentKind::kEct:
    case TreatmentKind::kRtms:
    case TreatmentKind::kEsketamine:
      return true;
    default:
      return false;
  }
}

bool IsPharmacologicalTrial(TreatmentKind kind) {
  return kind == TreatmentKind::kAntidepressant || kind == TreatmentKind::kCombination ||
         kind == TreatmentKind::kAugmentation;
}

void ApplySequenceRule(const ResolvedMapping& mapping, PatientRecord& record, Extraction& out) {
  const int max_after = mapping.mapping->Param("sequence_max_days_after_end");
  for (Treatment& trial : record.treatments) {
    if (!IsPharmacologicalTrial(trial.kind) || trial.start < record.episode.onset) continue;
    for (const Treatment& step : record.treatments) {
      if (step.start <= trial.start || !IsNextStep(step, trial)) continue;
      if (DaysBetween(*trial.end, step.start) > max_after) continue;
      trial.outcome.judgement = OutcomeCategory::kNonresponse;
      out.sequence_outcomes.insert(trial.id);
      AddAssumption(out, "sequence_outcome");
      break;
    }
  }
}

void AddAssessments(const PersonRows& rows, const ResolvedMapping& mapping, PatientRecord& record,
                    Extraction& out) {
  std::map<std::pair<std::string, Date>, int> item9;
  std::map<std::pair<std::string, Date>, int> totals;
  int without_value = 0;
  int out_of_range = 0;
  for (const auto* table : {&rows.measurements, &rows.observations}) {
    for (const ValueRow& row : *table) {
      auto it = mapping.instruments.find(row.concept_id);
      if (it == mapping.instruments.end()) continue;
      if (!row.value_as_number) {
        ++without_value;
        continue;
      }
      const double value = *row.value_as_number;
      const bool total = it->second->role == InstrumentRole::kTotal;
      if (value < 0 || value > (total ? 27 : 3) || value != std::floor(value)) {
        ++out_of_range;
        continue;
      }
      (total ? totals : item9)
          .emplace(std::make_pair(it->second->instrument, row.date), static_cast<int>(value));
    }
  }
  for (const auto& [key, total] : totals) {
    Administration administration;
    administration.instrument = key.first;
    administration.date = key.second;
    administration.total = total;
    if (auto it = item9.find(key); it != item9.end()) administration.safety_item = it->second;
    record.assessments.push_back(std::move(administration));
  }
  out.instrument_rows_without_value = without_value;
  if (without_value > 0) {
    out.warnings.push_back(fmt::format(
        "{} instrument rows without value_as_number ignored (the score is not in the data)",
        without_value));
  }
  if (out_of_range > 0) {
    out.warnings.push_back(
        fmt::format("{} instrument rows with a value out of range ignored", out_of_range));
  }
}

Demographics DemographicsOf(const PersonRow& person) {
  Demographics demographics;
  if (person.year_of_birth && person.month_of_birth && person.day_of_birth) {
    demographics.birth_date = Date::Parse(fmt::format(
        "{:04}-{:02}-{:02}", *person.year_of_birth, *person.month_of_birth, *person.day_of_birth));
  }
  if (person.gender_concept_id == 8507) demographics.sex = Sex::kMale;
  if (person.gender_concept_id == 8532) demographics.sex = Sex::kFemale;
  return demographics;
}

// Diagnosis, episodes, onset and severity from the condition codes and the treatment timeline.
// false when the person has no depression code.
bool SetDiagnosisAndEpisode(const PersonRows& rows, const ResolvedMapping& mapping,
                            PatientRecord& record, Extraction& out) {
  bool bipolar = false, psychosis = false;
  std::vector<Activity> activities;
  std::vector<std::pair<Date, const ConditionCode*>> depression;
  for (const ConditionRow& row : rows.conditions) {
    auto it = mapping.conditions.find(row.concept_id);
    if (it == mapping.conditions.end()) continue;
    bipolar = bipolar || it->second->role == ConditionRole::kBipolar;
    psychosis = psychosis || it->second->role == ConditionRole::kPsychosis;
    if (it->second->role != ConditionRole::kDepression) continue;
    depression.push_back({row.start, it->second});
    activities.push_back({row.start, AddDays(row.start, 1), true});
  }
  if (depression.empty()) return false;
  for (const Treatment& treatment : record.treatments)
    activities.push_back({treatment.start, *treatment.end, false});
  const std::vector<EpisodeSpan> episodes =
      SplitEpisodes(std::move(activities), mapping.mapping->Param("episode_gap_days"));
  AddAssumption(out, "episode_rule");
  int with_code = 0;
  const EpisodeSpan* current = nullptr;
  for (const EpisodeSpan& episode : episodes) {
    if (!episode.has_depression_code) continue;
    ++with_code;
    current = &episode;
  }
  record.diagnosis = bipolar     ? Diagnosis::kBipolar
                     : psychosis ? Diagnosis::kOther
                                 : Diagnosis::kMdd;
  record.episode.onset = current->start;
  record.episode.lifetime_episodes = with_code;
  std::optional<Severity> severity;
  for (const auto& [date, code] : depression) {
    if (date < current->start || date >= current->end || code->severity.empty()) continue;
    severity = std::max(severity.value_or(Severity::kSubsyndromal), SeverityOf(code->severity));
  }
  if (!severity) AddAssumption(out, "severity_not_coded");
  record.episode.severity = severity.value_or(Severity::kModerate);
  record.episode.psychotic_features = record.episode.severity == Severity::kSeverePsychotic;
  // Treatments after the current episode belong to no depressive episode.
  std::erase_if(record.treatments,
                [current](const Treatment& treatment) { return treatment.start >= current->end; });
  return true;
}

}  // namespace

std::string_view ToString(OutcomeRule rule) {
  return rule == OutcomeRule::kScores ? "scores" : "treatment-sequence";
}

Extraction ExtractPerson(const PersonRows& rows, const ResolvedMapping& mapping, OutcomeRule rule) {
  Extraction out;
  PatientRecord record;
  record.id = std::to_string(rows.person.person_id);
  record.as_of = AddDays(LastDate(rows), 1);
  record.demographics = DemographicsOf(rows.person);
  const std::vector<DrugEra> eras = internal::BuildDrugEras(rows.drugs, mapping);
  AddAntidepressantEras(eras, mapping, record, out);
  AddOtherDrugEras(eras, record, out);
  AddProcedures(rows, mapping, record, out);
  if (!eras.empty()) AddAssumption(out, "drug_era_rule");
  AddAssessments(rows, mapping, record, out);
  if (!SetDiagnosisAndEpisode(rows, mapping, record, out)) {
    out.status = ExtractionStatus::kNoDepression;
    out.assumptions.clear();
    return out;
  }
  if (record.demographics.birth_date && *record.demographics.birth_date > record.as_of)
    record.demographics.birth_date.reset();
  out.status = ExtractionStatus::kRecord;
  out.record = std::move(record);
  return WithOutcomeRule(std::move(out), mapping, rule);
}

Extraction WithOutcomeRule(Extraction scores, const ResolvedMapping& mapping, OutcomeRule rule) {
  if (rule == OutcomeRule::kTreatmentSequence && scores.status == ExtractionStatus::kRecord)
    ApplySequenceRule(mapping, *scores.record, scores);
  return scores;
}

}  // namespace refract::omop
