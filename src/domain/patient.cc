#include "refract/domain/patient.h"

namespace refract {

std::string_view ToString(TreatmentKind kind) {
  switch (kind) {
    case TreatmentKind::kAntidepressant:
      return "antidepressant";
    case TreatmentKind::kAugmentation:
      return "augmentation";
    case TreatmentKind::kCombination:
      return "combination";
    case TreatmentKind::kPsychotherapy:
      return "psychotherapy";
    case TreatmentKind::kEct:
      return "ect";
    case TreatmentKind::kRtms:
      return "rtms";
    case TreatmentKind::kItbs:
      return "itbs";
    case TreatmentKind::kKetamine:
      return "ketamine";
    case TreatmentKind::kEsketamine:
      return "esketamine";
    case TreatmentKind::kIntensifiedCare:
      return "intensified_care";
  }
  return "unknown";
}

std::string_view ToString(Diagnosis diagnosis) {
  switch (diagnosis) {
    case Diagnosis::kMdd:
      return "mdd";
    case Diagnosis::kBipolar:
      return "bipolar";
    case Diagnosis::kOther:
      return "other";
  }
  return "other";
}

std::string_view ToString(Severity severity) {
  switch (severity) {
    case Severity::kSubsyndromal:
      return "subsyndromal";
    case Severity::kMild:
      return "mild";
    case Severity::kModerate:
      return "moderate";
    case Severity::kSevere:
      return "severe";
    case Severity::kSeverePsychotic:
      return "severe_psychotic";
  }
  return "moderate";
}

const Treatment* FindTreatment(const PatientRecord& record, std::string_view id) {
  for (const Treatment& treatment : record.treatments) {
    if (treatment.id == id) return &treatment;
  }
  return nullptr;
}

Date EffectiveEnd(const Treatment& treatment, Date as_of) { return treatment.end.value_or(as_of); }

}  // namespace refract
