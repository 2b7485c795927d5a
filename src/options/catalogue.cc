#include "refract/options/catalogue.h"

#include <algorithm>

namespace refract {

const std::vector<std::string_view> kCautionConditions = {"active_substance_use",
                                                          "active_suicidality",
                                                          "age_65_or_over",
                                                          "aneurysmal_vascular_disease",
                                                          "antipsychotic_akathisia",
                                                          "arteriovenous_malformation",
                                                          "bipolar",
                                                          "catatonia",
                                                          "cns_depressant_use",
                                                          "intracerebral_haemorrhage_history",
                                                          "maoi_ongoing",
                                                          "metal_implant",
                                                          "not_eating_or_drinking",
                                                          "pregnancy",
                                                          "previous_ect_response",
                                                          "psychotic_features",
                                                          "rapid_response_needed",
                                                          "recent_suicide_attempt",
                                                          "renal_impairment",
                                                          "seizure_history",
                                                          "serotonergic_medication",
                                                          "suicide_risk_high",
                                                          "suicide_risk_signal",
                                                          "uncontrolled_hypertension"};

const std::vector<std::string_view> kOptionContexts = {"ongoing_antidepressant_not_yet_adequate",
                                                       "failed_antidepressant_below_maximum_dose",
                                                       "no_antidepressant_in_episode",
                                                       "antidepressant_tried_in_episode",
                                                       "no_antidepressant_ongoing",
                                                       "current_treatment_helping",
                                                       "in_remission"};

const std::string& Caution::Condition() const {
  if (!hard_exclusion_when.empty()) return hard_exclusion_when;
  return defer_when.empty() ? applies_when : defer_when;
}

std::string_view ToString(Favours favours) {
  switch (favours) {
    case Favours::kHigher:
      return "higher";
    case Favours::kLower:
      return "lower";
    case Favours::kNotComparative:
      return "not_comparative";
    case Favours::kUnknown:
      return "unknown";
  }
  return "?";
}

std::string_view ToString(FailureCount count) {
  switch (count) {
    case FailureCount::kAntidepressantTrials:
      return "antidepressant_trials";
    case FailureCount::kAnyTreatments:
      return "any_treatments";
  }
  return "?";
}

std::string_view ToString(InterventionCategory category) {
  switch (category) {
    case InterventionCategory::kPsychotherapy:
      return "psychotherapy";
    case InterventionCategory::kMedicationStrategy:
      return "medication_strategy";
    case InterventionCategory::kNeuromodulation:
      return "neuromodulation";
    case InterventionCategory::kGlutamatergic:
      return "glutamatergic";
    case InterventionCategory::kPsychedelic:
      return "psychedelic";
    case InterventionCategory::kLifestyle:
      return "lifestyle";
    case InterventionCategory::kContinuation:
      return "continuation";
  }
  return "?";
}

std::string_view ToString(EvidencePopulation population) {
  switch (population) {
    case EvidencePopulation::kTrd:
      return "trd";
    case EvidencePopulation::kInadequateResponse:
      return "inadequate_response";
    case EvidencePopulation::kGeneralDepression:
      return "general_depression";
  }
  return "?";
}

std::string PopulationRuleViolation(EvidencePopulation population,
                                    std::optional<int> min_failed_treatments) {
  switch (population) {
    case EvidencePopulation::kTrd:
      return min_failed_treatments.value_or(0) >= 2 ? "" : "'trd' needs min_failed_treatments >= 2";
    case EvidencePopulation::kInadequateResponse:
      return min_failed_treatments == 1 ? ""
                                        : "'inadequate_response' needs min_failed_treatments 1";
    case EvidencePopulation::kGeneralDepression:
      return min_failed_treatments ? "'general_depression' needs min_failed_treatments null" : "";
  }
  return "";
}

std::string_view ToString(OutcomeKind kind) {
  switch (kind) {
    case OutcomeKind::kResponse:
      return "response";
    case OutcomeKind::kRemission:
      return "remission";
    case OutcomeKind::kContinuous:
      return "continuous";
    case OutcomeKind::kRelapse:
      return "relapse";
    case OutcomeKind::kOther:
      return "other";
  }
  return "?";
}

std::string_view ToString(EffectMeasure measure) {
  switch (measure) {
    case EffectMeasure::kSmd:
      return "smd";
    case EffectMeasure::kCohensD:
      return "cohens_d";
    case EffectMeasure::kHedgesG:
      return "hedges_g";
    case EffectMeasure::kMeanDifference:
      return "mean_difference";
    case EffectMeasure::kOddsRatio:
      return "odds_ratio";
    case EffectMeasure::kRiskRatio:
      return "risk_ratio";
    case EffectMeasure::kHazardRatio:
      return "hazard_ratio";
    case EffectMeasure::kPrePostEs:
      return "pre_post_es";
    case EffectMeasure::kProportions:
      return "proportions";
    case EffectMeasure::kNotReported:
      return "not_reported";
  }
  return "?";
}

std::string_view ToString(EvidenceLevel level) {
  switch (level) {
    case EvidenceLevel::kTrdMetaAnalysis:
      return "trd_meta_analysis";
    case EvidenceLevel::kInadequateResponseMetaAnalysis:
      return "inadequate_response_meta_analysis";
    case EvidenceLevel::kTrdRct:
      return "trd_rct";
    case EvidenceLevel::kInadequateResponseRct:
      return "inadequate_response_rct";
    case EvidenceLevel::kTrdNonRandomised:
      return "trd_non_randomised";
    case EvidenceLevel::kIndirect:
      return "indirect";
    case EvidenceLevel::kNoTrdEstimate:
      return "no_trd_estimate";
    case EvidenceLevel::kNoCompletedTrdTrial:
      return "no_completed_trd_trial";
    case EvidenceLevel::kNotReviewed:
      return "not_reviewed";
  }
  return "?";
}

std::string_view Describe(EvidenceLevel level) {
  switch (level) {
    case EvidenceLevel::kTrdMetaAnalysis:
      return "pooled TRD evidence";
    case EvidenceLevel::kInadequateResponseMetaAnalysis:
      return "pooled evidence after a failed antidepressant";
    case EvidenceLevel::kTrdRct:
      return "randomised TRD evidence";
    case EvidenceLevel::kInadequateResponseRct:
      return "randomised evidence after a failed antidepressant";
    case EvidenceLevel::kTrdNonRandomised:
      return "non-randomised TRD evidence only";
    case EvidenceLevel::kIndirect:
      return "indirect evidence (not TRD)";
    case EvidenceLevel::kNoTrdEstimate:
      return "TRD trial exists; no effect size available";
    case EvidenceLevel::kNoCompletedTrdTrial:
      return "no completed TRD trial";
    case EvidenceLevel::kNotReviewed:
      return "no study in the evidence base";
  }
  return "?";
}

std::string_view ToString(SettingLevel level) {
  switch (level) {
    case SettingLevel::kSelfDirected:
      return "self_directed";
    case SettingLevel::kPrimaryCare:
      return "primary_care";
    case SettingLevel::kSpecialistOutpatient:
      return "specialist_outpatient";
    case SettingLevel::kHospital:
      return "hospital";
    case SettingLevel::kClinicalTrialOnly:
      return "clinical_trial_only";
  }
  return "?";
}

std::string InWords(std::string_view id) {
  std::string text(id);
  std::replace(text.begin(), text.end(), '_', ' ');
  return text;
}

std::optional<InterventionCategory> CategoryNamed(std::string_view name) {
  for (InterventionCategory category :
       {InterventionCategory::kPsychotherapy, InterventionCategory::kMedicationStrategy,
        InterventionCategory::kNeuromodulation, InterventionCategory::kGlutamatergic,
        InterventionCategory::kPsychedelic, InterventionCategory::kLifestyle,
        InterventionCategory::kContinuation}) {
    if (ToString(category) == name) return category;
  }
  return std::nullopt;
}

bool InterventionCatalogue::IsPreferenceId(std::string_view id) const {
  return CategoryNamed(id).has_value() || FindIntervention(id) != nullptr;
}

const Intervention* InterventionCatalogue::FindIntervention(std::string_view id) const {
  auto it = std::find_if(interventions.begin(), interventions.end(),
                         [&](const Intervention& row) { return row.id == id; });
  return it == interventions.end() ? nullptr : &*it;
}

std::vector<const Intervention*> InterventionCatalogue::ForTreatmentClass(
    std::string_view class_id) const {
  std::vector<const Intervention*> rows;
  for (const Intervention& row : interventions) {
    if (std::find(row.treatment_classes.begin(), row.treatment_classes.end(), class_id) !=
        row.treatment_classes.end()) {
      rows.push_back(&row);
    }
  }
  return rows;
}

}  // namespace refract
