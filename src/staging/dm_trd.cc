// Dutch Measure for quantification of TRD (Peeters et al. 2016), staging-decisions.md §4.5. The
// item weights are unconfirmed [U, A20], so the engine reports the "DM-TRD core" (the
// MSM-equivalent subtotal) and the added items that are present, labelled incomplete and
// provisional, until the item table is verified.
#include <fmt/format.h>

#include "model_common.h"
#include "models.h"

namespace refract {
namespace {

using staging_internal::NewResult;

std::string Presence(const std::optional<bool>& value) {
  return !value ? "not recorded" : *value ? "present" : "absent";
}

bool FailedPsychotherapy(const StagingContext& context) {
  SelectionSpec spec{{TreatmentKind::kPsychotherapy},
                     DefaultAdequacyRule(context.knowledge),
                     FailureRule::kShortOfResponse,
                     nullptr};
  return !SelectFailedTrials(context, spec).counted.empty();
}

bool IntensifiedTreatment(const StagingContext& context) {
  const auto& treatments = context.record.treatments;
  for (size_t i = 0; i < treatments.size(); ++i) {
    if (treatments[i].kind == TreatmentKind::kIntensifiedCare && context.in_current_episode[i])
      return true;
  }
  return false;
}

}  // namespace

ModelResult StageDmTrd(const StagingContext& context) {
  ModelResult result = NewResult("dm_trd_2016", "Dutch Measure for TRD (Peeters 2016)",
                                 "Peeters FPML et al. J Affect Disord 2016;205:365-371");
  const ModelResult core = StageMaudsley(context);
  result.counted_trials = core.counted_trials;
  result.excluded_trials = core.excluded_trials;
  result.components = core.components;
  for (const auto& param : core.uncertain_params) AddUncertain(result, param);
  AddUncertain(result, "dm_trd_2016.item_weights");

  const ClinicalFactors& clinical = context.record.clinical;
  const std::string impairment = !clinical.functional_impairment                   ? "not recorded"
                                 : *clinical.functional_impairment == Level::kNone ? "absent"
                                                                                   : "present";
  const std::vector<std::pair<std::string, std::string>> added = {
      {"failed psychotherapy", FailedPsychotherapy(context) ? "present" : "absent"},
      {"intensified treatment (inpatient/day hospital)",
       IntensifiedTreatment(context) ? "present" : "absent"},
      {"functional impairment", impairment},
      {"comorbid anxiety", Presence(clinical.comorbid_anxiety)},
      {"personality disorder", Presence(clinical.personality_disorder)},
      {"psychosocial stressors", Presence(clinical.psychosocial_stressors)}};
  if (context.options.describe) {
    for (const auto& [item, state] : added)
      result.components.push_back({"added item: " + item, 0, state + " (weight unconfirmed)"});
  }
  result.score = core.score;
  result.category = "incomplete";
  result.summary = fmt::format("core {} (incomplete)", static_cast<int>(*core.score));
  if (context.options.explain) {
    result.assumptions = core.assumptions;
    result.assumptions.push_back(
        staging_internal::Decided("A20",
                                  "the DM-TRD item weights are unconfirmed: the score shown is the "
                                  "Maudsley-equivalent core, and the added items are listed "
                                  "without points"));
  }
  if (context.options.describe)
    result.notes.push_back("childhood adversity is not a DM-TRD item (Peeters 2016 abstract) [V]");
  if (context.options.explain)
    result.next_steps.push_back(
        "verify the item weights against Peeters 2016 Table 1 to complete the score");
  return result;
}

}  // namespace refract
