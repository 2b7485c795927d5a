// Treatment ids and the links between trials. A trial's id is the FHIR id of its first resource
// (made unique with a suffix when two resources share one); augments / combined_with point to the
// trial built from the referenced resource. An augmentation with no augments extension is linked to
// the antidepressant trial running at its start (reported as doubtful).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "import_state.h"

namespace refract::fhir {

// Keys the import steps leave on a treatment for LinkTrials; removed there.
inline constexpr const char* kPendingAugments = "_augments_resource";
inline constexpr const char* kPendingCombinedWith = "_combined_with_resource";
inline constexpr const char* kPendingLabels = "_resources";

std::string UniqueTrialId(const ImportState& state, const nlohmann::json& resource);

// Adds `treatment` to the record, remembering which resources it came from.
void AddTrial(ImportState& state, nlohmann::json treatment, const std::vector<std::string>& labels);

// Resolves the pending links (after every trial is built).
void LinkTrials(ImportState& state);

}  // namespace refract::fhir
