// Drug exposures -> ingredient eras with dose steps (internal to refract::omop; rules in
// include/refract/omop/extraction.h).
#pragma once

#include <vector>

#include "refract/domain/patient.h"
#include "refract/omop/mapping.h"

namespace refract::omop::internal {

struct DrugEra {
  const IngredientCode* ingredient = nullptr;
  Date start;
  Date end;                     // exclusive: the day after the last exposure's last day
  std::vector<DoseStep> doses;  // empty: no computable dose
  int exposures = 0;
};

// Eras in (start, agent) order; rows whose concept rolls up to no mapped ingredient are skipped
// (most drugs are not antidepressants).
std::vector<DrugEra> BuildDrugEras(const std::vector<DrugRow>& rows,
                                   const ResolvedMapping& mapping);

}  // namespace refract::omop::internal
