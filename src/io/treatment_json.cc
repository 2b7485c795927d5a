#include "treatment_json.h"

#include <algorithm>

#include "name_lookup.h"
#include "refract/domain/trial_dates.h"

namespace refract::io_internal {
namespace {

// The knowledge a treatment is read against, with the names each id may be written as (built
// once per record, not per treatment).
struct Vocabulary {
  explicit Vocabulary(const KnowledgeBase& kb)
      : knowledge(kb),
        antidepressants(NameCandidates(kb.antidepressants)),
        augmenters(NameCandidates(kb.augmenters)),
        psychotherapies(NameCandidates(kb.psychotherapies)),
        adverse_effects(NameCandidates(kb.adverse_effects)) {}

  const KnowledgeBase& knowledge;
  const std::vector<NameCandidate> antidepressants;
  const std::vector<NameCandidate> augmenters;
  const std::vector<NameCandidate> psychotherapies;
  const std::vector<NameCandidate> adverse_effects;
};

using nlohmann::json;

const EnumTable<TreatmentKind> kKinds = {{"antidepressant", TreatmentKind::kAntidepressant},
                                         {"augmentation", TreatmentKind::kAugmentation},
                                         {"combination", TreatmentKind::kCombination},
                                         {"psychotherapy", TreatmentKind::kPsychotherapy},
                                         {"ect", TreatmentKind::kEct},
                                         {"rtms", TreatmentKind::kRtms},
                                         {"itbs", TreatmentKind::kItbs},
                                         {"ketamine", TreatmentKind::kKetamine},
                                         {"esketamine", TreatmentKind::kEsketamine},
                                         {"intensified_care", TreatmentKind::kIntensifiedCare}};
const EnumTable<StopReason> kStopReasons = {{"none", StopReason::kNone},
                                            {"intolerance", StopReason::kIntolerance},
                                            {"nonadherence", StopReason::kNonadherence},
                                            {"patient_choice", StopReason::kPatientChoice},
                                            {"response", StopReason::kResponse},
                                            {"other", StopReason::kOther}};
const EnumTable<TherapistExperience> kTherapists = {
    {"experienced", TherapistExperience::kExperienced},
    {"trainee", TherapistExperience::kTrainee},
    {"unknown", TherapistExperience::kUnknown}};
const EnumTable<TherapyFormat> kFormats = {{"individual", TherapyFormat::kIndividual},
                                           {"group", TherapyFormat::kGroup},
                                           {"couple", TherapyFormat::kCouple},
                                           {"guided_self_help", TherapyFormat::kGuidedSelfHelp},
                                           {"internet", TherapyFormat::kInternet}};
const EnumTable<EctLaterality> kLateralities = {
    {"bilateral", EctLaterality::kBilateral},
    {"bifrontal", EctLaterality::kBifrontal},
    {"right_unilateral", EctLaterality::kRightUnilateral},
    {"unknown", EctLaterality::kUnknown}};
const EnumTable<CareSetting> kSettings = {{"inpatient", CareSetting::kInpatient},
                                          {"day_hospital", CareSetting::kDayHospital}};
const EnumTable<OutcomeCategory> kJudgements = {
    {"nonresponse", OutcomeCategory::kNonresponse},
    {"partial_response", OutcomeCategory::kPartialResponse},
    {"response", OutcomeCategory::kResponse},
    {"remission", OutcomeCategory::kRemission},
    {"unknown", OutcomeCategory::kUnknown}};

const std::set<std::string, std::less<>> kAllTreatmentKeys = {"id",
                                                              "kind",
                                                              "start",
                                                              "end",
                                                              "outcome",
                                                              "stop_reason",
                                                              "prospective",
                                                              "adherence_pct",
                                                              "drug",
                                                              "doses",
                                                              "serum_level_ng_ml",
                                                              "augments",
                                                              "agent",
                                                              "serum_level_mmol_l",
                                                              "modality",
                                                              "sessions",
                                                              "therapist",
                                                              "format",
                                                              "combined_with",
                                                              "laterality",
                                                              "setting",
                                                              "adverse_effects"};

void ReadDoses(ObjectReader& reader, Need need, Treatment& treatment, const RecordDates& dates,
               ErrorList& errors) {
  const json* doses = reader.Array("doses", need);
  if (!doses) return;
  if (doses->empty()) errors.Add(reader.PathOf("doses"), "must list at least one dose step");
  for (size_t i = 0; i < doses->size(); ++i) {
    ObjectReader step(doses->at(i), reader.PathOf("doses") + "[" + std::to_string(i) + "]", errors);
    DoseStep dose;
    if (auto from = ReadRecordDate(step, "from", Need::kRequired, dates, errors)) {
      dose.from = from->value;
      dose.from_partial = from->partial;
    }
    const bool has_mg = step.Has("mg_per_day");
    const bool has_mcg = step.Has("mcg_per_day");
    if (has_mg == has_mcg && step.valid()) {
      errors.Add(step.path(), "must give exactly one of mg_per_day or mcg_per_day");
    }
    if (auto mg = step.Number("mg_per_day", Need::kOptional, 0.001, 10000)) dose.mg_per_day = *mg;
    if (auto mcg = step.Number("mcg_per_day", Need::kOptional, 0.001, 10000))
      dose.mg_per_day = *mcg / 1000;
    step.RejectUnknownKeys();
    treatment.doses.push_back(dose);
  }
}

TrialOutcome ReadOutcome(const json* value, const std::string& path, const KnowledgeBase& knowledge,
                         ErrorList& errors) {
  TrialOutcome outcome;
  if (!value) return outcome;
  ObjectReader reader(*value, path, errors);
  if (auto instrument = reader.String("instrument", Need::kOptional)) {
    const Instrument* known = knowledge.FindInstrument(*instrument);
    if (!known) {
      std::vector<std::string> ids;
      for (const Instrument& entry : knowledge.instruments) ids.push_back(entry.id);
      errors.Add(reader.PathOf("instrument"),
                 UnknownIdRule({"instrument", "instruments"}, *instrument, ids));
    }
    const int max_total = known ? known->max_total : 1000;
    outcome.scores =
        ScoredOutcome{*instrument, reader.Int("baseline", Need::kOptional, 0, max_total),
                      reader.Int("end", Need::kOptional, 0, max_total)};
  } else if (reader.Has("baseline") || reader.Has("end")) {
    errors.Add(reader.PathOf("instrument"), "is required when baseline or end scores are given");
  }
  outcome.judgement = reader.Enum("judgement", Need::kOptional, kJudgements);
  if (reader.valid() && !outcome.scores && !outcome.judgement) {
    errors.Add(path, "must give scores (instrument, baseline, end) or a judgement");
  }
  reader.RejectUnknownKeys();
  return outcome;
}

void ReadMedication(ObjectReader& reader, Treatment& t, const RecordDates& dates,
                    const Vocabulary& vocabulary, std::vector<InputNote>& notes,
                    ErrorList& errors) {
  const KnowledgeBase& knowledge = vocabulary.knowledge;
  if (t.kind == TreatmentKind::kAugmentation) {
    t.agent = ReadNamedId(reader, "agent", Need::kRequired, {"augmenting agent", "augmenters"},
                          vocabulary.augmenters, notes, errors);
    const AugmentingAgent* agent = knowledge.FindAugmenter(t.agent);
    const bool by_level = agent && agent->min_serum_mmol_l;
    t.serum_level = reader.Number("serum_level_mmol_l", Need::kOptional, 0, 5);
    ReadDoses(reader, by_level ? Need::kOptional : Need::kRequired, t, dates, errors);
  } else {
    t.agent = ReadNamedId(reader, "drug", Need::kRequired, {"antidepressant", "drugs"},
                          vocabulary.antidepressants, notes, errors);
    const Antidepressant* drug = knowledge.FindAntidepressant(t.agent);
    if (drug && drug->serum_window)
      t.serum_level = reader.Number("serum_level_ng_ml", Need::kOptional, 0, 5000);
    ReadDoses(reader, Need::kRequired, t, dates, errors);
  }
  if (t.kind != TreatmentKind::kAntidepressant)
    t.augments = reader.String("augments", Need::kRequired).value_or("");
  t.adherence_pct = reader.Number("adherence_pct", Need::kOptional, 0, 100);
}

// Optional `adverse_effects`: ids (or other names) of knowledge/adverse_effects.json, each once.
std::vector<std::string> ReadAdverseEffects(ObjectReader& reader, const Vocabulary& vocabulary,
                                            std::vector<InputNote>& notes, ErrorList& errors) {
  std::vector<std::string> ids;
  const json* array = reader.Array("adverse_effects", Need::kOptional);
  if (!array) return ids;
  const std::vector<NameCandidate>& candidates = vocabulary.adverse_effects;
  for (size_t i = 0; i < array->size(); ++i) {
    const std::string path = reader.PathOf("adverse_effects") + "[" + std::to_string(i) + "]";
    const json& element = array->at(i);
    if (!element.is_string() || element.get<std::string>().empty()) {
      errors.Add(path, "must be a non-empty string");
      continue;
    }
    const std::string text = element.get<std::string>();
    const std::optional<NameMatch> match = MatchName(text, candidates);
    if (!match) {
      errors.Add(path, UnknownIdRule({"adverse effect", "adverse-effects"}, text, candidates));
    } else if (std::find(ids.begin(), ids.end(), match->id) != ids.end()) {
      errors.Add(path, "'" + match->id + "' is listed twice");
    } else {
      if (!match->how.empty()) notes.push_back({path, text, match->id, match->how});
      ids.push_back(match->id);
    }
  }
  return ids;
}

void ReadKindFields(ObjectReader& reader, Treatment& t, const RecordDates& dates,
                    const Vocabulary& vocabulary, std::vector<InputNote>& notes,
                    ErrorList& errors) {
  switch (t.kind) {
    case TreatmentKind::kAntidepressant:
    case TreatmentKind::kCombination:
    case TreatmentKind::kAugmentation:
      ReadMedication(reader, t, dates, vocabulary, notes, errors);
      return;
    case TreatmentKind::kPsychotherapy:
      t.agent =
          ReadNamedId(reader, "modality", Need::kRequired, {"psychotherapy modality", "modalities"},
                      vocabulary.psychotherapies, notes, errors);
      t.sessions = reader.Int("sessions", Need::kRequired, 0, 1000);
      t.therapist = reader.Enum("therapist", Need::kOptional, kTherapists)
                        .value_or(TherapistExperience::kUnknown);
      t.format = reader.Enum("format", Need::kOptional, kFormats);
      t.combined_with = reader.String("combined_with", Need::kOptional).value_or("");
      return;
    case TreatmentKind::kEct:
      t.laterality = reader.Enum("laterality", Need::kOptional, kLateralities)
                         .value_or(EctLaterality::kUnknown);
      t.sessions = reader.Int("sessions", Need::kRequired, 0, 1000);
      return;
    case TreatmentKind::kRtms:
    case TreatmentKind::kItbs:
    case TreatmentKind::kKetamine:
    case TreatmentKind::kEsketamine:
      t.sessions = reader.Int("sessions", Need::kRequired, 0, 1000);
      return;
    case TreatmentKind::kIntensifiedCare:
      t.setting = reader.Enum("setting", Need::kRequired, kSettings);
      return;
  }
}

Treatment ReadTreatment(const json& value, const std::string& path, const RecordDates& dates,
                        const Vocabulary& vocabulary, std::vector<InputNote>& notes,
                        ErrorList& errors) {
  Treatment t;
  ObjectReader reader(value, path, errors);
  if (!reader.valid()) return t;
  t.id = reader.String("id", Need::kRequired).value_or("");
  const std::optional<TreatmentKind> kind = reader.Enum("kind", Need::kRequired, kKinds);
  if (auto start = ReadRecordDate(reader, "start", Need::kRequired, dates, errors)) {
    t.start = start->value;
    t.start_partial = start->partial;
  }
  if (auto end = ReadRecordDate(reader, "end", Need::kOptional, dates, errors)) {
    t.end = end->value;
    t.end_partial = end->partial;
  }
  if (kind) {
    t.kind = *kind;
    ReadKindFields(reader, t, dates, vocabulary, notes, errors);
  }
  ConstrainTrialDates(t);
  if (!kind) return t;
  if (t.kind != TreatmentKind::kIntensifiedCare) {
    t.outcome = ReadOutcome(reader.Object("outcome", Need::kOptional), reader.PathOf("outcome"),
                            vocabulary.knowledge, errors);
    t.stop_reason =
        reader.Enum("stop_reason", Need::kOptional, kStopReasons).value_or(StopReason::kNone);
    t.adverse_effects = ReadAdverseEffects(reader, vocabulary, notes, errors);
    t.prospective = reader.Bool("prospective", Need::kOptional).value_or(false);
  }
  reader.RejectUnknownKeys(kAllTreatmentKeys,
                           "not allowed for kind '" + std::string(ToString(t.kind)) + "'");
  return t;
}

}  // namespace

std::vector<Treatment> ReadTreatments(const json& array, const RecordDates& dates,
                                      const KnowledgeBase& knowledge, std::vector<InputNote>& notes,
                                      ErrorList& errors) {
  const Vocabulary vocabulary(knowledge);
  std::vector<Treatment> treatments;
  for (size_t i = 0; i < array.size(); ++i) {
    treatments.push_back(ReadTreatment(array.at(i), "$.treatments[" + std::to_string(i) + "]",
                                       dates, vocabulary, notes, errors));
  }
  return treatments;
}

}  // namespace refract::io_internal
