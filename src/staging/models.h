// One function per staging model (private to the staging target; StageAllModels calls them in
// order).
#pragma once

#include "refract/staging/staging.h"

namespace refract {

ModelResult StageThaseRush(const StagingContext& context);
ModelResult StageEuropean(const StagingContext& context);
ModelResult StageMgh(const StagingContext& context);
ModelResult StageMaudsley(const StagingContext& context);
ModelResult StageDmTrd(const StagingContext& context);
ModelResult StageConway(const StagingContext& context);
ModelResult StageMarkowitz(const StagingContext& context);
ModelResult StageTwoFailures(const StagingContext& context);
ModelResult StageSforzini(const StagingContext& context);

}  // namespace refract
