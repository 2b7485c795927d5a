#include "refract/knowledge/treatment_classes.h"

#include <algorithm>

namespace refract {
namespace {

using Matcher = std::function<bool(TreatmentKind, std::string_view)>;

Matcher DrugClassIs(DrugClass drug_class, const KnowledgeBase& kb) {
  return [drug_class, &kb](TreatmentKind kind, std::string_view agent) {
    if (kind != TreatmentKind::kAntidepressant && kind != TreatmentKind::kCombination) {
      return false;
    }
    const Antidepressant* drug = kb.FindAntidepressant(agent);
    return drug && drug->drug_class == drug_class;
  };
}

Matcher AugmenterIs(AugmenterClass augmenter_class, const KnowledgeBase& kb) {
  return [augmenter_class, &kb](TreatmentKind kind, std::string_view agent) {
    const AugmentingAgent* augmenter = kb.FindAugmenter(agent);
    return kind == TreatmentKind::kAugmentation && augmenter &&
           augmenter->augmenter_class == augmenter_class;
  };
}

Matcher KindIs(std::initializer_list<TreatmentKind> kinds) {
  std::vector<TreatmentKind> list(kinds);
  return [list](TreatmentKind kind, std::string_view) {
    return std::find(list.begin(), list.end(), kind) != list.end();
  };
}

}  // namespace

std::vector<TreatmentClass> TreatmentClasses(const KnowledgeBase& kb) {
  std::vector<TreatmentClass> classes;
  for (DrugClass c : {DrugClass::kSsri, DrugClass::kSnri, DrugClass::kTca, DrugClass::kMaoi,
                      DrugClass::kNdri, DrugClass::kNassa, DrugClass::kSerotoninModulator}) {
    classes.push_back(
        {"ad_" + std::string(ToString(c)), std::string(DisplayName(c)), DrugClassIs(c, kb)});
  }
  classes.push_back(
      {"augmentation_lithium", "lithium augmentation", AugmenterIs(AugmenterClass::kLithium, kb)});
  classes.push_back({"augmentation_antipsychotic", "atypical antipsychotic augmentation",
                     AugmenterIs(AugmenterClass::kAtypicalAntipsychotic, kb)});
  classes.push_back({"augmentation_thyroid", "thyroid hormone (T3) augmentation",
                     AugmenterIs(AugmenterClass::kThyroid, kb)});
  classes.push_back(
      {"combination", "antidepressant combination", KindIs({TreatmentKind::kCombination})});
  classes.push_back({"psychotherapy_evidence_based", "evidence-based psychotherapy",
                     KindIs({TreatmentKind::kPsychotherapy})});
  classes.push_back({"ect", "ECT", KindIs({TreatmentKind::kEct})});
  classes.push_back({"rtms", "rTMS / iTBS", KindIs({TreatmentKind::kRtms, TreatmentKind::kItbs})});
  classes.push_back({"ketamine", "esketamine / ketamine",
                     KindIs({TreatmentKind::kEsketamine, TreatmentKind::kKetamine})});
  return classes;
}

std::string AgentClassName(TreatmentKind kind, std::string_view agent, const KnowledgeBase& kb) {
  switch (kind) {
    case TreatmentKind::kAntidepressant:
    case TreatmentKind::kCombination:
      if (const Antidepressant* drug = kb.FindAntidepressant(agent)) {
        return std::string(DisplayName(drug->drug_class));
      }
      return "antidepressant";
    case TreatmentKind::kAugmentation:
      if (const AugmentingAgent* augmenter = kb.FindAugmenter(agent)) {
        return std::string(ToString(augmenter->augmenter_class));
      }
      return "augmentation";
    default:
      return std::string(ToString(kind));
  }
}

}  // namespace refract
