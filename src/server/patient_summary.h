// The one-line view of a patient in the clinician's list (GET /api/v1/patients?summary=true): the
// stage under one model, the latest PHQ-9 and its trend, and the open self-harm alerts, read off
// one assessment of the latest version. Pure: no store, no clock.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "refract/app/assess.h"

namespace refract::server {

// {"as_of", "stage": {"model", "name", "label", "provisional"}, "phq9": null | {"total", "band",
// "date", "previous_total", "trend"}, "alerts": {"open", "safety_level", "latest"}}.
// - stage: the ModelResult of `model_id` (its summary is the label); null when not staged.
// - phq9: the latest scored PHQ-9 administration and the scored one before it; trend compares
//   the totals (higher is worse): "worse", "better", "same", or null without a previous total.
// - alerts.open: the critical alerts of the latest administration (by date) of each instrument;
//   an older alert is no longer open once a later administration of its instrument has none.
//   latest: the message of the most recent open alert, or null. safety_level: the highest level
//   of the next-step safety actions ("emergency" > "urgent" > "routine"), or "none".
nlohmann::json PatientSummaryJson(const Assessment& assessment, const std::string& model_id);

}  // namespace refract::server
