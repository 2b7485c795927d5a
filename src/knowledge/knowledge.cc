#include "refract/knowledge/knowledge.h"

#include <algorithm>
#include <cstdlib>

namespace refract {
namespace {

template <typename T>
const T* FindById(const std::vector<T>& items, std::string_view id) {
  auto it = std::find_if(items.begin(), items.end(), [&](const T& item) { return item.id == id; });
  return it == items.end() ? nullptr : &*it;
}

}  // namespace

const std::vector<std::string_view> kRequiredParameters = {
    "outcome.response_pct",
    "outcome.partial_response_pct",
    "outcome.derived_baseline_days_before",
    "outcome.derived_baseline_days_after",
    "outcome.derived_end_days_after",
    "outcome.derived_min_days",
    "outcome.near_boundary_points",
    "dates.imputed_day_of_month",
    "dates.imputed_month_of_year",
    "dates.imputed_day_of_year_month",
    "adequacy.default_min_weeks",
    "adequacy.min_adherence_pct",
    "adequacy.augmentation_min_weeks",
    "adequacy.ect_min_sessions",
    "adequacy.rtms_min_sessions",
    "adequacy.esketamine_min_sessions",
    "adequacy.ketamine_min_sessions",
    "adequacy.psychotherapy_min_sessions",
    "episode.acute_max_days",
    "episode.subacute_max_days",
    "thase_rush_1997.min_weeks",
    "european_1999.min_weeks",
    "european_1999.crd_min_days",
    "european_1999.trd1_min_weeks",
    "european_1999.trd1_max_weeks",
    "european_1999.trd2_min_weeks",
    "european_1999.trd2_max_weeks",
    "european_1999.trd3_min_weeks",
    "european_1999.trd3_max_weeks",
    "european_1999.trd4_min_weeks",
    "european_1999.trd4_max_weeks",
    "european_1999.trd5_min_weeks",
    "european_1999.trd5_max_weeks",
    "mgh_2003.min_weeks",
    "mgh_2003.trial_points",
    "mgh_2003.dose_optimisation_points",
    "mgh_2003.duration_optimisation_points",
    "mgh_2003.duration_optimisation_weeks",
    "mgh_2003.augmentation_points",
    "mgh_2003.ect_points",
    "maudsley_2009.min_weeks",
    "maudsley_2009.mild_max",
    "maudsley_2009.moderate_max",
    "maudsley_2009.ad_level1_min_agents",
    "maudsley_2009.ad_level2_min_agents",
    "maudsley_2009.ad_level3_min_agents",
    "maudsley_2009.ad_level4_min_agents",
    "maudsley_2009.ad_level5_min_agents",
    "conway_2017.min_weeks",
    "conway_2017.min_pt_sessions",
    "markowitz_2022.min_weeks",
    "markowitz_2022.min_pt_sessions",
    "two_failures.min_weeks",
    "sforzini_2022.min_weeks",
    "sforzini_2022.trd_max_improvement_pct",
    "sforzini_2022.prd_max_improvement_pct",
};

std::string_view ToString(Tag tag) {
  switch (tag) {
    case Tag::kVerified:
      return "V";
    case Tag::kEstablished:
      return "E";
    case Tag::kUnconfirmed:
      return "U";
    case Tag::kDecision:
      return "D";
  }
  return "D";
}

std::string_view ToString(DrugClass drug_class) {
  switch (drug_class) {
    case DrugClass::kSsri:
      return "ssri";
    case DrugClass::kSnri:
      return "snri";
    case DrugClass::kTca:
      return "tca";
    case DrugClass::kMaoi:
      return "maoi";
    case DrugClass::kNdri:
      return "ndri";
    case DrugClass::kNassa:
      return "nassa";
    case DrugClass::kSerotoninModulator:
      return "serotonin_modulator";
    case DrugClass::kMelatonergic:
      return "melatonergic";
    case DrugClass::kNri:
      return "nri";
    case DrugClass::kOther:
      return "other";
  }
  return "other";
}

std::string_view DisplayName(DrugClass drug_class) {
  switch (drug_class) {
    case DrugClass::kSsri:
      return "SSRI";
    case DrugClass::kSnri:
      return "SNRI";
    case DrugClass::kTca:
      return "TCA";
    case DrugClass::kMaoi:
      return "MAOI";
    case DrugClass::kNdri:
      return "NDRI (bupropion)";
    case DrugClass::kNassa:
      return "NaSSA (mirtazapine/mianserin)";
    case DrugClass::kSerotoninModulator:
      return "serotonin modulator";
    case DrugClass::kMelatonergic:
      return "melatonergic (agomelatine)";
    case DrugClass::kNri:
      return "NRI (reboxetine)";
    case DrugClass::kOther:
      return "other antidepressant";
  }
  return "other antidepressant";
}

std::string_view ToString(AugmenterClass augmenter_class) {
  switch (augmenter_class) {
    case AugmenterClass::kLithium:
      return "lithium";
    case AugmenterClass::kAtypicalAntipsychotic:
      return "atypical_antipsychotic";
    case AugmenterClass::kThyroid:
      return "thyroid_hormone";
    case AugmenterClass::kOther:
      return "other";
  }
  return "other";
}

std::string KnowledgeBase::MoleculeOf(std::string_view drug_id) const {
  const Antidepressant* drug = FindAntidepressant(drug_id);
  return drug && !drug->molecule.empty() ? drug->molecule : std::string(drug_id);
}

const Antidepressant* KnowledgeBase::FindAntidepressant(std::string_view id) const {
  return FindById(antidepressants, id);
}
const AugmentingAgent* KnowledgeBase::FindAugmenter(std::string_view id) const {
  return FindById(augmenters, id);
}
const PsychotherapyModality* KnowledgeBase::FindPsychotherapy(std::string_view id) const {
  return FindById(psychotherapies, id);
}
const AdverseEffect* KnowledgeBase::FindAdverseEffect(std::string_view id) const {
  return FindById(adverse_effects, id);
}
const Instrument* KnowledgeBase::FindInstrument(std::string_view id) const {
  return FindById(instruments, id);
}

const Parameter& KnowledgeBase::Param(std::string_view id) const {
  auto it = parameters.find(id);
  if (it == parameters.end()) std::abort();  // programmer error: the loader guarantees presence
  return it->second;
}

std::optional<double> KnowledgeBase::MinDose(const Antidepressant& drug) const {
  for (std::string_view convention :
       {std::string_view(dose_convention), std::string_view("atrq"), std::string_view("usual")}) {
    auto it = drug.min_dose_mg.find(std::string(convention));
    if (it != drug.min_dose_mg.end()) return it->second;
  }
  return std::nullopt;
}

}  // namespace refract
