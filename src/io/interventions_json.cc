#include "refract/io/interventions_json.h"

#include <algorithm>
#include <functional>
#include <set>

#include "json_reader.h"
#include "knowledge_json_common.h"
#include "refract/io/knowledge_json.h"
#include "refract/knowledge/treatment_classes.h"
#include "refract/options/ranking_knowledge.h"

namespace refract {
namespace {

using io_internal::EnumTable;
using io_internal::ErrorList;
using io_internal::Need;
using io_internal::ObjectReader;
using io_internal::ReadProvenance;
using io_internal::ReadRange;
using nlohmann::json;

template <typename E, size_t N>
EnumTable<E> TableOf(const E (&values)[N]) {
  EnumTable<E> table;
  for (E value : values) table.emplace_back(ToString(value), value);
  return table;
}

constexpr InterventionCategory kCategories[] = {
    InterventionCategory::kPsychotherapy,   InterventionCategory::kMedicationStrategy,
    InterventionCategory::kNeuromodulation, InterventionCategory::kGlutamatergic,
    InterventionCategory::kPsychedelic,     InterventionCategory::kLifestyle,
    InterventionCategory::kContinuation};
constexpr EvidencePopulation kPopulations[] = {EvidencePopulation::kTrd,
                                               EvidencePopulation::kInadequateResponse,
                                               EvidencePopulation::kGeneralDepression};
constexpr OutcomeKind kOutcomeKinds[] = {OutcomeKind::kResponse, OutcomeKind::kRemission,
                                         OutcomeKind::kContinuous, OutcomeKind::kRelapse,
                                         OutcomeKind::kOther};
constexpr EffectMeasure kMeasures[] = {EffectMeasure::kSmd,         EffectMeasure::kCohensD,
                                       EffectMeasure::kHedgesG,     EffectMeasure::kMeanDifference,
                                       EffectMeasure::kOddsRatio,   EffectMeasure::kRiskRatio,
                                       EffectMeasure::kHazardRatio, EffectMeasure::kPrePostEs,
                                       EffectMeasure::kProportions, EffectMeasure::kNotReported};
constexpr EvidenceLevel kLevels[] = {
    EvidenceLevel::kTrdMetaAnalysis,  EvidenceLevel::kInadequateResponseMetaAnalysis,
    EvidenceLevel::kTrdRct,           EvidenceLevel::kInadequateResponseRct,
    EvidenceLevel::kTrdNonRandomised, EvidenceLevel::kIndirect,
    EvidenceLevel::kNoTrdEstimate,    EvidenceLevel::kNoCompletedTrdTrial,
    EvidenceLevel::kNotReviewed};
constexpr Favours kFavours[] = {Favours::kHigher, Favours::kLower, Favours::kNotComparative,
                                Favours::kUnknown};
constexpr FailureCount kFailureCounts[] = {FailureCount::kAntidepressantTrials,
                                           FailureCount::kAnyTreatments};
// The trial kinds that are an option of their own (ECT, rTMS, iTBS, ketamine, esketamine).
constexpr TreatmentKind kOptionTrialKinds[] = {TreatmentKind::kEct, TreatmentKind::kRtms,
                                               TreatmentKind::kItbs, TreatmentKind::kKetamine,
                                               TreatmentKind::kEsketamine};
constexpr SettingLevel kSettings[] = {SettingLevel::kSelfDirected, SettingLevel::kPrimaryCare,
                                      SettingLevel::kSpecialistOutpatient, SettingLevel::kHospital,
                                      SettingLevel::kClinicalTrialOnly};

// What a row may refer to: treatment classes, psychotherapy modalities, caution conditions.
// The ids a catalogue row may name: psychotherapies.json modalities and the treatment classes
// FindNotAdequatelyTried reports.
struct Vocabulary {
  std::set<std::string, std::less<>> modalities;
  std::set<std::string, std::less<>> treatment_classes;
};

bool Contains(const std::vector<std::string_view>& ids, std::string_view id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

// Calls `read` with a reader for each object element of the array `key`, then rejects its unknown
// keys.
template <typename Read>
void ForEachObject(ObjectReader& parent, std::string_view key, Need need, ErrorList& errors,
                   Read read) {
  const json* items = parent.Array(key, need);
  if (!items) return;
  for (size_t i = 0; i < items->size(); ++i) {
    ObjectReader element(items->at(i), parent.PathOf(key) + "[" + std::to_string(i) + "]", errors);
    if (!element.valid()) continue;
    read(element);
    element.RejectUnknownKeys();
  }
}

// An array of strings; each element must satisfy `allowed` (else "'x' is <rule>").
std::vector<std::string> ReadIdList(ObjectReader& parent, std::string_view key, ErrorList& errors,
                                    const std::function<bool(std::string_view)>& allowed,
                                    const std::string& rule) {
  std::vector<std::string> ids;
  const json* items = parent.Array(key, Need::kOptional);
  if (!items) return ids;
  for (size_t i = 0; i < items->size(); ++i) {
    const std::string path = parent.PathOf(key) + "[" + std::to_string(i) + "]";
    if (!items->at(i).is_string()) {
      errors.Add(path, "must be a string");
      continue;
    }
    const std::string id = items->at(i).get<std::string>();
    if (!allowed(id)) errors.Add(path, "'" + id + "' " + rule);
    ids.push_back(id);
  }
  return ids;
}

// min_failed_treatments: required, an integer >= 0 or null, and consistent with `population`.
std::optional<int> ReadMinFailedTreatments(ObjectReader& object, EvidencePopulation population,
                                           ErrorList& errors) {
  if (object.valid() && !object.Present("min_failed_treatments"))
    errors.Add(object.PathOf("min_failed_treatments"), "is required (an integer, or null)");
  std::optional<int> count = object.Int("min_failed_treatments", Need::kOptional, 0, 100);
  if (std::string rule = PopulationRuleViolation(population, count); !rule.empty())
    errors.Add(object.PathOf("population"), rule);
  return count;
}

// The outcome descriptors every entry states: kind, time point and whether it is primary.
void ReadOutcome(ObjectReader& object, EvidenceEntry& entry, ErrorList& errors) {
  entry.outcome = object.String("outcome", Need::kRequired).value_or("");
  entry.outcome_kind = object.Enum("outcome_kind", Need::kRequired, TableOf(kOutcomeKinds))
                           .value_or(OutcomeKind::kOther);
  entry.time_point = object.String("time_point", Need::kRequired).value_or("");
  if (object.valid() && object.Has("time_point") && entry.time_point.empty())
    errors.Add(object.PathOf("time_point"), "must not be empty");
  entry.primary_outcome = object.Bool("primary_outcome", Need::kRequired).value_or(false);
}

ArmResult ReadArm(ObjectReader& object) {
  ArmResult arm;
  arm.label = object.String("label", Need::kRequired).value_or("");
  arm.percent = object.Number("percent", Need::kOptional, 0, 100);
  arm.events = object.Int("events", Need::kOptional, 0, 10000000);
  arm.n = object.Int("n", Need::kOptional, 1, 10000000);
  arm.mean = object.Number("mean", Need::kOptional, -1e6, 1e6);
  return arm;
}

EvidenceEntry ReadEvidence(ObjectReader& object, ErrorList& errors) {
  EvidenceEntry entry;
  entry.study_id = object.String("study_id", Need::kRequired).value_or("");
  entry.citation = object.String("citation", Need::kRequired).value_or("");
  ReadOutcome(object, entry, errors);
  entry.comparator = object.String("comparator", Need::kRequired).value_or("");
  entry.population = object.Enum("population", Need::kRequired, TableOf(kPopulations))
                         .value_or(EvidencePopulation::kGeneralDepression);
  entry.min_failed_treatments = ReadMinFailedTreatments(object, entry.population, errors);
  entry.class_level = object.Bool("class_level", Need::kOptional).value_or(false);
  entry.measure = object.Enum("measure", Need::kRequired, TableOf(kMeasures))
                      .value_or(EffectMeasure::kNotReported);
  entry.value = object.Number("value", Need::kOptional, -1e6, 1e6);
  entry.ci = ReadRange(object, "ci", errors);
  entry.se = object.Number("se", Need::kOptional, 0, 1e6);
  entry.k = object.Int("k", Need::kOptional, 1, 100000);
  entry.n = object.Int("n", Need::kOptional, 1, 10000000);
  ForEachObject(object, "arms", Need::kOptional, errors,
                [&](ObjectReader& arm) { entry.arms.push_back(ReadArm(arm)); });
  entry.p_value = object.Number("p_value", Need::kOptional, 0, 1);
  entry.direction = object.String("direction", Need::kOptional).value_or("");
  const bool has_counts = std::count_if(entry.arms.begin(), entry.arms.end(), [](const auto& arm) {
                            return arm.events.has_value() && arm.n.has_value();
                          }) >= 2;
  entry.favours =
      object
          .Enum("favours", entry.value || has_counts ? Need::kRequired : Need::kOptional,
                TableOf(kFavours))
          .value_or(Favours::kUnknown);
  entry.note = object.String("note", Need::kOptional).value_or("");
  entry.provenance = ReadProvenance(object);
  if (entry.ci && !entry.value) errors.Add(object.PathOf("ci"), "given without a value");
  if (entry.ci && entry.value &&
      (*entry.value < entry.ci->first || *entry.value > entry.ci->second))
    errors.Add(object.PathOf("value"), "lies outside its ci");
  if (!entry.value && entry.note.empty())
    errors.Add(object.PathOf("note"), "is required when there is no value (say what is missing)");
  return entry;
}

CourseItem ReadCourse(ObjectReader& object, ErrorList& errors) {
  CourseItem item;
  item.sessions = ReadRange(object, "sessions", errors);
  item.weeks = ReadRange(object, "weeks", errors);
  item.text = object.String("text", Need::kRequired).value_or("");
  item.provenance = ReadProvenance(object);
  return item;
}

// A condition id field: null, absent, or a condition, fact or situation id (IsPatientFactId).
std::string ReadCondition(ObjectReader& object, std::string_view key, ErrorList& errors) {
  std::string id = object.String(key, Need::kOptional).value_or("");
  if (!id.empty() && !IsPatientFactId(id))
    errors.Add(object.PathOf(key), "'" + id + "' is not a known condition id");
  return id;
}

Caution ReadCaution(ObjectReader& object, ErrorList& errors) {
  Caution caution;
  caution.text = object.String("text", Need::kRequired).value_or("");
  caution.hard_exclusion_when = ReadCondition(object, "hard_exclusion_when", errors);
  caution.defer_when = ReadCondition(object, "defer_when", errors);
  caution.applies_when = ReadCondition(object, "applies_when", errors);
  caution.scored = object.Bool("scored", Need::kOptional).value_or(true);
  caution.limits_evidence = object.Bool("limits_evidence", Need::kOptional).value_or(false);
  if (caution.limits_evidence && caution.applies_when.empty())
    errors.Add(object.PathOf("limits_evidence"), "needs an applies_when condition");
  const int conditions = !caution.hard_exclusion_when.empty() + !caution.defer_when.empty() +
                         !caution.applies_when.empty();
  if (conditions > 1)
    errors.Add(object.path(),
               "give at most one of hard_exclusion_when, defer_when and applies_when");
  caution.provenance = ReadProvenance(object);
  return caution;
}

MeasurementItem ReadMeasurement(ObjectReader& object, ErrorList& errors) {
  MeasurementItem item;
  item.text = object.String("text", Need::kRequired).value_or("");
  item.review_parameter = object.String("review_parameter", Need::kOptional).value_or("");
  item.unit =
      object.String("unit", item.review_parameter.empty() ? Need::kOptional : Need::kRequired)
          .value_or("");
  if (!item.unit.empty() && item.unit != "weeks" && item.unit != "sessions")
    errors.Add(object.PathOf("unit"), "'" + item.unit + "' is not one of: weeks, sessions");
  if (!item.unit.empty() && item.review_parameter.empty())
    errors.Add(object.PathOf("unit"), "given without a review_parameter");
  item.provenance = ReadProvenance(object);
  return item;
}

std::optional<Eligibility> ReadEligibility(ObjectReader& row, ErrorList& errors) {
  const json* value = row.Object("eligibility", Need::kOptional);
  if (!value) return std::nullopt;
  ObjectReader object(*value, row.PathOf("eligibility"), errors);
  Eligibility rule;
  rule.min_failed_trials = object.Int("min_failed_trials", Need::kRequired, 1, 20).value_or(1);
  rule.counts = object.Enum("counts", Need::kRequired, TableOf(kFailureCounts))
                    .value_or(FailureCount::kAntidepressantTrials);
  rule.requires_any_fact = ReadIdList(
      object, "requires_any_fact", errors,
      [](std::string_view id) { return Contains(kFactIds, id); }, "is not a patient fact id");
  rule.text = object.String("text", Need::kRequired).value_or("");
  rule.provenance = ReadProvenance(object);
  object.RejectUnknownKeys();
  return rule;
}

std::vector<TreatmentKind> ReadTrialKinds(ObjectReader& row, ErrorList& errors) {
  std::vector<TreatmentKind> kinds;
  EnumTable<TreatmentKind> table;
  for (TreatmentKind kind : kOptionTrialKinds) table.emplace_back(ToString(kind), kind);
  for (const std::string& name : ReadIdList(
           row, "trial_kinds", errors,
           [&](std::string_view id) {
             return std::any_of(table.begin(), table.end(),
                                [&](const auto& entry) { return entry.first == id; });
           },
           "is not one of: ect, rtms, itbs, ketamine, esketamine")) {
    for (const auto& [spelling, kind] : table) {
      if (spelling == name) kinds.push_back(kind);
    }
  }
  return kinds;
}

Setting ReadSetting(ObjectReader& object, ErrorList& errors) {
  Setting setting;
  setting.level = object.Enum("level", Need::kRequired, TableOf(kSettings))
                      .value_or(SettingLevel::kSpecialistOutpatient);
  setting.requirements = ReadIdList(
      object, "requirements", errors, [](std::string_view) { return true; }, "");
  setting.provenance = ReadProvenance(object);
  return setting;
}

Intervention ReadIntervention(ObjectReader& row, const Vocabulary& vocabulary, ErrorList& errors) {
  Intervention item;
  item.id = row.String("id", Need::kRequired).value_or("");
  item.name = row.String("name", Need::kRequired).value_or("");
  item.category = row.Enum("category", Need::kRequired, TableOf(kCategories))
                      .value_or(InterventionCategory::kPsychotherapy);
  if (!row.Has("treatment_classes")) row.Array("treatment_classes", Need::kRequired);
  item.treatment_classes = ReadIdList(
      row, "treatment_classes", errors,
      [&](std::string_view id) { return vocabulary.treatment_classes.contains(id); },
      "is not a treatment class id");
  item.psychotherapy_modalities = ReadIdList(
      row, "psychotherapy_modalities", errors,
      [&](std::string_view id) { return vocabulary.modalities.contains(id); },
      "is not a modality id of psychotherapies.json");
  item.trial_kinds = ReadTrialKinds(row, errors);
  item.investigational = row.Bool("investigational", Need::kOptional).value_or(false);
  item.add_on_to_antidepressant =
      row.Bool("add_on_to_antidepressant", Need::kOptional).value_or(false);
  ForEachObject(row, "course", Need::kRequired, errors,
                [&](ObjectReader& course) { item.course.push_back(ReadCourse(course, errors)); });
  ForEachObject(row, "evidence", Need::kRequired, errors,
                [&](ObjectReader& entry) { item.evidence.push_back(ReadEvidence(entry, errors)); });
  item.evidence_level = row.Enum("evidence_level", Need::kRequired, TableOf(kLevels))
                            .value_or(EvidenceLevel::kNotReviewed);
  item.evidence_strength = row.String("evidence_strength", Need::kRequired).value_or("");
  if (row.valid() && item.evidence_strength.empty())
    errors.Add(row.PathOf("evidence_strength"), "must not be empty");
  ForEachObject(row, "cautions", Need::kRequired, errors, [&](ObjectReader& caution) {
    item.cautions.push_back(ReadCaution(caution, errors));
  });
  if (const json* setting = row.Object("setting", Need::kRequired)) {
    ObjectReader setting_reader(*setting, row.PathOf("setting"), errors);
    item.setting = ReadSetting(setting_reader, errors);
    setting_reader.RejectUnknownKeys();
  }
  item.eligibility = ReadEligibility(row, errors);
  item.applies_only_when = ReadIdList(
      row, "applies_only_when", errors,
      [](std::string_view id) { return Contains(kOptionContexts, id); },
      "is not a known situation id");
  ForEachObject(row, "measurement", Need::kRequired, errors, [&](ObjectReader& measurement) {
    item.measurement.push_back(ReadMeasurement(measurement, errors));
  });
  return item;
}

}  // namespace

StatusOr<InterventionCatalogue> LoadInterventions(const std::string& text,
                                                  const KnowledgeBase& knowledge) {
  Vocabulary vocabulary;
  for (const PsychotherapyModality& modality : knowledge.psychotherapies)
    vocabulary.modalities.insert(modality.id);
  for (const TreatmentClass& treatment_class : TreatmentClasses(knowledge))
    vocabulary.treatment_classes.insert(treatment_class.id);

  return io_internal::ReadKnowledgeTable<InterventionCatalogue>(
      text, "interventions.json", "interventions",
      [&](ObjectReader& reader, InterventionCatalogue& catalogue, ErrorList& errors) {
        catalogue.interventions = io_internal::ReadUniqueItems<Intervention>(
            reader, errors,
            [&](ObjectReader& row) { return ReadIntervention(row, vocabulary, errors); });
      });
}

StatusOr<InterventionCatalogue> LoadInterventions(const std::string& text) {
  StatusOr<KnowledgeBase> knowledge = LoadKnowledge(EmbeddedKnowledgeTexts());
  if (!knowledge.ok()) return knowledge.status();
  return LoadInterventions(text, *knowledge);
}

}  // namespace refract
