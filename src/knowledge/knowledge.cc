#include "refract/knowledge/knowledge.h"

#include <algorithm>

namespace refract {
namespace {

template <typename T>
const T* FindById(const std::vector<T>& items, std::string_view id) {
  auto it = std::find_if(items.begin(), items.end(), [&](const T& item) { return item.id == id; });
  return it == items.end() ? nullptr : &*it;
}

}  // namespace

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

std::optional<double> KnowledgeBase::MinDose(const Antidepressant& drug) const {
  for (std::string_view convention :
       {std::string_view(dose_convention), std::string_view("atrq"), std::string_view("usual")}) {
    for (const auto& [name, mg] : drug.min_dose_mg) {
      if (name == convention) return mg;
    }
  }
  return std::nullopt;
}

}  // namespace refract
