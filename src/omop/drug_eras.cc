#include "drug_eras.h"

#include <algorithm>
#include <map>
#include <optional>

namespace refract::omop::internal {
namespace {

constexpr ConceptId kMilligram = 8576;

struct Exposure {
  Date start;
  Date end;  // exclusive
  std::optional<double> mg_per_day;
};

struct IngredientHit {
  const IngredientCode* ingredient = nullptr;
  std::optional<double> mg_per_unit;
};

std::optional<double> MgPerUnit(const ResolvedMapping& mapping, ConceptId drug,
                                ConceptId ingredient) {
  auto it = mapping.strengths.find(drug);
  if (it == mapping.strengths.end()) return std::nullopt;
  for (const DrugStrength& strength : it->second) {
    if (strength.ingredient_concept_id == ingredient && strength.amount_value &&
        strength.amount_unit_concept_id == kMilligram) {
      return strength.amount_value;
    }
  }
  return std::nullopt;
}

// The mapped ingredients of a drug concept: the concept itself, else its concept_ancestor
// ancestors, else its drug_strength ingredients.
std::vector<IngredientHit> IngredientsOf(ConceptId drug, const ResolvedMapping& mapping) {
  std::vector<IngredientHit> hits;
  auto add = [&](ConceptId id) {
    auto it = mapping.ingredients.find(id);
    if (it != mapping.ingredients.end()) hits.push_back({it->second, MgPerUnit(mapping, drug, id)});
  };
  add(drug);
  if (!hits.empty()) return hits;
  if (auto it = mapping.ancestors.find(drug); it != mapping.ancestors.end()) {
    for (ConceptId ancestor : it->second) add(ancestor);
  }
  if (!hits.empty()) return hits;
  if (auto it = mapping.strengths.find(drug); it != mapping.strengths.end()) {
    for (const DrugStrength& strength : it->second) add(strength.ingredient_concept_id);
  }
  return hits;
}

Exposure ToExposure(const DrugRow& row, std::optional<double> mg_per_unit) {
  Date last = row.start;
  if (row.end) {
    last = std::max(row.start, *row.end);
  } else if (row.days_supply && *row.days_supply > 0) {
    last = AddDays(row.start, *row.days_supply - 1);
  }
  Exposure exposure{row.start, AddDays(last, 1), std::nullopt};
  if (mg_per_unit && row.quantity && *row.quantity > 0 && row.days_supply && *row.days_supply > 0) {
    exposure.mg_per_day = *mg_per_unit * *row.quantity / *row.days_supply;
  }
  return exposure;
}

void AddDoseStep(DrugEra& era, const Exposure& exposure) {
  if (!exposure.mg_per_day) return;
  const double mg = *exposure.mg_per_day;
  if (!era.doses.empty() && era.doses.back().from == exposure.start) {
    era.doses.back().mg_per_day = std::max(era.doses.back().mg_per_day, mg);
    return;
  }
  if (!era.doses.empty() && era.doses.back().mg_per_day == mg) return;
  era.doses.push_back({exposure.start, mg, std::nullopt});
}

void MergeIntoEras(const IngredientCode* ingredient, std::vector<Exposure> exposures, int gap_days,
                   std::vector<DrugEra>& eras) {
  std::sort(exposures.begin(), exposures.end(),
            [](const Exposure& a, const Exposure& b) { return a.start < b.start; });
  std::optional<DrugEra> era;
  for (const Exposure& exposure : exposures) {
    if (era && DaysBetween(era->end, exposure.start) > gap_days) {
      eras.push_back(std::move(*era));
      era.reset();
    }
    if (!era) era = DrugEra{ingredient, exposure.start, exposure.end, {}, 0};
    era->end = std::max(era->end, exposure.end);
    ++era->exposures;
    AddDoseStep(*era, exposure);
  }
  if (era) eras.push_back(std::move(*era));
}

}  // namespace

std::vector<DrugEra> BuildDrugEras(const std::vector<DrugRow>& rows,
                                   const ResolvedMapping& mapping) {
  std::map<std::string, std::pair<const IngredientCode*, std::vector<Exposure>>> by_agent;
  for (const DrugRow& row : rows) {
    for (const IngredientHit& hit : IngredientsOf(row.concept_id, mapping)) {
      auto& entry = by_agent[hit.ingredient->agent];
      entry.first = hit.ingredient;
      entry.second.push_back(ToExposure(row, hit.mg_per_unit));
    }
  }
  std::vector<DrugEra> eras;
  const int gap = mapping.mapping->Param("drug_era_gap_days");
  for (auto& [agent, entry] : by_agent)
    MergeIntoEras(entry.first, std::move(entry.second), gap, eras);
  std::stable_sort(eras.begin(), eras.end(), [](const DrugEra& a, const DrugEra& b) {
    return a.start != b.start ? a.start < b.start : a.ingredient->agent < b.ingredient->agent;
  });
  return eras;
}

}  // namespace refract::omop::internal
