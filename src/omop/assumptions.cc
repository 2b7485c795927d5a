// The extraction's assumptions in words (include/refract/omop/extraction.h), with the parameter
// values and sources of knowledge/omop/omop_mapping.json.
#include <fmt/format.h>

#include "refract/omop/extraction.h"

namespace refract::omop {
namespace {

std::string Parameter(const OmopMapping& mapping, std::string_view id) {
  auto it = mapping.parameters.find(id);
  if (it == mapping.parameters.end()) return std::string(id);
  return fmt::format("{} = {} days [{}] ({})", id, it->second.value, it->second.tag,
                     it->second.source);
}

}  // namespace

std::string AssumptionText(std::string_view id, const OmopMapping& mapping) {
  if (id == "episode_rule") {
    return "episodes: a gap of more than the episode gap without a depression code or a "
           "depression treatment starts a new episode; the current episode is the last with a "
           "depression code, its onset its first event: " +
           Parameter(mapping, "episode_gap_days");
  }
  if (id == "drug_era_rule") {
    return "drug exposures of one ingredient at most the persistence gap apart form one trial: " +
           Parameter(mapping, "drug_era_gap_days") + "; an antidepressant overlapping another by " +
           Parameter(mapping, "combination_min_overlap_days") + " is a combination";
  }
  if (id == "dose_unrecorded") {
    return "dose not computable (no quantity, days_supply or drug_strength in mg): the trial's "
           "adequacy rests on its duration and results counting it are provisional";
  }
  if (id == "severity_not_coded") {
    return "episode severity not coded: assumed moderate";
  }
  if (id == "psychotherapy_modality_not_coded") {
    return fmt::format("psychotherapy code names no modality: read as '{}' [U] ({})",
                       mapping.generic_psychotherapy_modality,
                       mapping.generic_psychotherapy_source);
  }
  if (id == "therapist_not_coded") {
    return "therapist experience not coded: a billed psychotherapy session is read as given by an "
           "experienced (licensed) therapist [U]; sessions = procedure rows (or quantity), courses "
           "split by " +
           Parameter(mapping, "procedure_course_gap_days");
  }
  if (id == "sequence_outcome") {
    return "treatment-sequence outcome rule: a pharmacological trial followed within its episode "
           "by a switch to another antidepressant, a combination, an augmentation, ECT, rTMS or "
           "esketamine is read as a nonresponse (provisional; a switch for intolerance looks the "
           "same): " +
           Parameter(mapping, "sequence_max_days_after_end") +
           "; sources: " + mapping.sequence_rule_source;
  }
  return "";
}

}  // namespace refract::omop
