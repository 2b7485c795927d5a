#include "refract/io/patient_json.h"

#include <algorithm>

#include "administration_json.h"
#include "date_json.h"
#include "json_reader.h"
#include "knowledge_json_common.h"
#include "name_lookup.h"
#include "patient_document.h"
#include "refract/domain/record_rules.h"
#include "treatment_json.h"

namespace refract {
namespace {

using io_internal::EnumTable;
using io_internal::ErrorList;
using io_internal::Need;
using io_internal::ObjectReader;
using io_internal::ReadRecordDate;
using io_internal::RecordDates;
using nlohmann::json;

const EnumTable<Diagnosis> kDiagnoses = {
    {"mdd", Diagnosis::kMdd}, {"bipolar", Diagnosis::kBipolar}, {"other", Diagnosis::kOther}};
const EnumTable<Sex> kSexes = {
    {"female", Sex::kFemale}, {"male", Sex::kMale}, {"other", Sex::kOther}};
const EnumTable<Severity> kSeverities = {{"subsyndromal", Severity::kSubsyndromal},
                                         {"mild", Severity::kMild},
                                         {"moderate", Severity::kModerate},
                                         {"severe", Severity::kSevere},
                                         {"severe_psychotic", Severity::kSeverePsychotic}};
const EnumTable<Level> kLevels = {{"none", Level::kNone},
                                  {"mild", Level::kMild},
                                  {"moderate", Level::kModerate},
                                  {"severe", Level::kSevere}};
const EnumTable<MentalizingCapacity> kMentalizing = {{"low", MentalizingCapacity::kLow},
                                                     {"moderate", MentalizingCapacity::kModerate},
                                                     {"high", MentalizingCapacity::kHigh}};
const EnumTable<InterpersonalArea> kAreas = {
    {"none", InterpersonalArea::kNone},
    {"grief", InterpersonalArea::kGrief},
    {"role_dispute", InterpersonalArea::kRoleDispute},
    {"role_transition", InterpersonalArea::kRoleTransition},
    {"interpersonal_deficits", InterpersonalArea::kInterpersonalDeficits}};

Demographics ReadDemographics(const json* value, const RecordDates& dates, ErrorList& errors) {
  Demographics demographics;
  if (!value) return demographics;
  ObjectReader reader(*value, "$.demographics", errors);
  if (auto birth = ReadRecordDate(reader, "birth_date", Need::kOptional, dates, errors)) {
    demographics.birth_date = birth->value;
    demographics.birth_date_partial = birth->partial;
  }
  demographics.sex = reader.Enum("sex", Need::kOptional, kSexes);
  demographics.education_years = reader.Int("education_years", Need::kOptional, 0, 40);
  reader.RejectUnknownKeys();
  return demographics;
}

Episode ReadEpisode(const json* value, const RecordDates& dates, ErrorList& errors) {
  Episode episode;
  if (!value) return episode;
  ObjectReader reader(*value, "$.episode", errors);
  if (auto onset = ReadRecordDate(reader, "onset", Need::kRequired, dates, errors)) {
    episode.onset = onset->value;
    episode.onset_partial = onset->partial;
  }
  episode.severity =
      reader.Enum("severity", Need::kRequired, kSeverities).value_or(Severity::kModerate);
  episode.psychotic_features = reader.Bool("psychotic_features", Need::kOptional)
                                   .value_or(episode.severity == Severity::kSeverePsychotic);
  if (episode.severity == Severity::kSeverePsychotic && !episode.psychotic_features) {
    errors.Add(reader.PathOf("psychotic_features"),
               "must be true when severity is severe_psychotic");
  }
  episode.lifetime_episodes = reader.Int("lifetime_episodes", Need::kOptional, 1, 1000);
  reader.RejectUnknownKeys();
  return episode;
}

ClinicalFactors ReadClinical(const json* value, ErrorList& errors) {
  ClinicalFactors clinical;
  if (!value) return clinical;
  ObjectReader reader(*value, "$.clinical", errors);
  clinical.functional_impairment = reader.Enum("functional_impairment", Need::kOptional, kLevels);
  clinical.comorbid_anxiety = reader.Bool("comorbid_anxiety", Need::kOptional);
  clinical.personality_disorder = reader.Bool("personality_disorder", Need::kOptional);
  clinical.psychosocial_stressors = reader.Bool("psychosocial_stressors", Need::kOptional);
  clinical.childhood_adversity = reader.Bool("childhood_adversity", Need::kOptional);
  clinical.interpersonal_problem_area =
      reader.Enum("interpersonal_problem_area", Need::kOptional, kAreas);
  clinical.substance_use = reader.Bool("substance_use", Need::kOptional);
  clinical.mentalizing = reader.Enum("mentalizing", Need::kOptional, kMentalizing);
  clinical.atypical_features = reader.Bool("atypical_features", Need::kOptional);
  reader.RejectUnknownKeys();
  return clinical;
}

std::vector<std::string> ReadPreferenceIds(ObjectReader& reader, std::string_view key,
                                           const InterventionCatalogue& catalogue,
                                           ErrorList& errors) {
  std::vector<std::string> ids = io_internal::ReadStringArray(reader, key, Need::kOptional, errors);
  for (size_t i = 0; i < ids.size(); ++i) {
    if (!catalogue.IsPreferenceId(ids[i])) {
      errors.Add(reader.PathOf(key) + "[" + std::to_string(i) + "]",
                 "'" + ids[i] + "' is neither a next-step option id nor an option category" +
                     io_internal::DidYouMean(ids[i], PreferenceIds(catalogue)) +
                     " (accepted ids: refract ids options)");
    }
  }
  return ids;
}

Preferences ReadPreferences(const json* value, const InterventionCatalogue& catalogue,
                            ErrorList& errors) {
  Preferences preferences;
  if (!value) return preferences;
  ObjectReader reader(*value, "$.preferences", errors);
  preferences.prefers = ReadPreferenceIds(reader, "prefers", catalogue, errors);
  preferences.declines = ReadPreferenceIds(reader, "declines", catalogue, errors);
  reader.RejectUnknownKeys();
  return preferences;
}

// Conditions the record states elsewhere, with the field that holds them.
const std::vector<std::pair<std::string_view, std::string_view>> kDerivedConditions = {
    {"bipolar", "diagnosis"},
    {"psychotic_features", "episode.psychotic_features"},
    {"active_substance_use", "clinical.substance_use"},
    {"age_65_or_over", "demographics.birth_date"},
    {"maoi_ongoing", "treatments (an ongoing MAOI trial)"},
    {"antipsychotic_akathisia", "treatments (adverse_effects: akathisia on an antipsychotic)"},
    {"suicide_risk_high", "conditions.active_suicidality and conditions.recent_suicide_attempt"},
    {"suicide_risk_signal", "conditions and assessments (self-harm items)"}};

std::map<std::string, bool, std::less<>> ReadConditions(const json* value, ErrorList& errors) {
  std::map<std::string, bool, std::less<>> conditions;
  if (!value) return conditions;
  ObjectReader reader(*value, "$.conditions", errors);
  if (!reader.valid()) return conditions;
  for (const auto& [key, element] : value->items()) {
    auto derived = std::find_if(kDerivedConditions.begin(), kDerivedConditions.end(),
                                [&, &key = key](const auto& entry) { return entry.first == key; });
    if (derived != kDerivedConditions.end()) {
      errors.Add(reader.PathOf(key), "is recorded in " + std::string(derived->second));
      reader.Bool(key, Need::kOptional);
      continue;
    }
    if (std::find(kCautionConditions.begin(), kCautionConditions.end(), key) ==
        kCautionConditions.end()) {
      errors.Add(reader.PathOf(key), io_internal::UnknownIdRule({"condition", "conditions"}, key,
                                                                RecordableConditionIds()));
      continue;
    }
    if (std::optional<bool> present = reader.Bool(key, Need::kOptional)) {
      conditions[key] = *present;
    }
  }
  return conditions;
}

PatientRecord ReadRecord(const json& document, const KnowledgeBase& knowledge,
                         const MeasuresKnowledge& measures, const InterventionCatalogue& catalogue,
                         ErrorList& errors) {
  PatientRecord record;
  ObjectReader reader(document, "$", errors);
  if (!reader.valid()) return record;
  if (auto format = reader.String("format", Need::kRequired); format && *format != kPatientFormat) {
    errors.Add("$.format", "must be '" + std::string(kPatientFormat) + "' (got '" + *format + "')");
  }
  record.id = reader.String("id", Need::kRequired).value_or("");
  if (auto as_of = reader.DateField("as_of", Need::kRequired)) record.as_of = *as_of;
  const RecordDates dates{record.as_of, io_internal::ImputationRule(knowledge)};
  record.demographics =
      ReadDemographics(reader.Object("demographics", Need::kOptional), dates, errors);
  record.diagnosis =
      reader.Enum("diagnosis", Need::kRequired, kDiagnoses).value_or(Diagnosis::kMdd);
  record.episode = ReadEpisode(reader.Object("episode", Need::kRequired), dates, errors);
  record.clinical = ReadClinical(reader.Object("clinical", Need::kOptional), errors);
  record.preferences =
      ReadPreferences(reader.Object("preferences", Need::kOptional), catalogue, errors);
  record.conditions = ReadConditions(reader.Object("conditions", Need::kOptional), errors);
  if (const json* treatments = reader.Array("treatments", Need::kRequired)) {
    record.treatments =
        io_internal::ReadTreatments(*treatments, dates, knowledge, record.input_notes, errors);
  }
  if (const json* assessments = reader.Array("assessments", Need::kOptional)) {
    record.assessments =
        io_internal::ReadAdministrations(*assessments, dates, measures.instruments, errors);
  }
  reader.RejectUnknownKeys();
  const Status rules = ValidateRecord(record);
  for (const FieldError& error : rules.details()) errors.Add(error.path, error.rule);
  SortAssessments(record.assessments);
  return record;
}

}  // namespace

std::vector<std::string> PreferenceIds(const InterventionCatalogue& interventions) {
  std::vector<std::string> ids;
  for (const Intervention& row : interventions.interventions) ids.push_back(row.id);
  for (InterventionCategory category :
       {InterventionCategory::kPsychotherapy, InterventionCategory::kMedicationStrategy,
        InterventionCategory::kNeuromodulation, InterventionCategory::kGlutamatergic,
        InterventionCategory::kPsychedelic, InterventionCategory::kLifestyle,
        InterventionCategory::kContinuation}) {
    ids.emplace_back(ToString(category));
  }
  return ids;
}

std::vector<std::string> RecordableConditionIds() {
  std::vector<std::string> ids;
  for (std::string_view id : kCautionConditions) {
    const bool derived = std::any_of(kDerivedConditions.begin(), kDerivedConditions.end(),
                                     [&](const auto& entry) { return entry.first == id; });
    if (!derived) ids.emplace_back(id);
  }
  return ids;
}

namespace io_internal {

StatusOr<PatientRecord> ReadPatientDocument(const json& document, const KnowledgeBase& knowledge,
                                            const MeasuresKnowledge& measures,
                                            const InterventionCatalogue& interventions) {
  ErrorList errors;
  PatientRecord record = ReadRecord(document, knowledge, measures, interventions, errors);
  if (!errors.empty()) return errors.ToStatus();
  return record;
}

}  // namespace io_internal

StatusOr<PatientRecord> ParsePatientJson(std::string_view text, const KnowledgeBase& knowledge,
                                         const MeasuresKnowledge& measures,
                                         const InterventionCatalogue& interventions) {
  json document;
  try {
    document = json::parse(text);
  } catch (const json::exception& error) {  // the adapter edge: exceptions become a Status
    return Status::InvalidFields({{"$", "not valid JSON: " + std::string(error.what())}});
  }
  return io_internal::ReadPatientDocument(document, knowledge, measures, interventions);
}

StatusOr<PatientRecord> ReadPatientJson(const json& document, const KnowledgeBase& knowledge,
                                        const MeasuresKnowledge& measures,
                                        const InterventionCatalogue& interventions) {
  return io_internal::ReadPatientDocument(document, knowledge, measures, interventions);
}

}  // namespace refract
