#include "refract/app/not_adequately_tried.h"

#include <functional>

namespace refract {
namespace {

std::function<bool(const TrialReport&)> DrugClassIs(DrugClass drug_class, const KnowledgeBase& kb) {
  return [drug_class, &kb](const TrialReport& trial) {
    if (trial.kind != TreatmentKind::kAntidepressant && trial.kind != TreatmentKind::kCombination) {
      return false;
    }
    const Antidepressant* drug = kb.FindAntidepressant(trial.agent);
    return drug && drug->drug_class == drug_class;
  };
}

std::function<bool(const TrialReport&)> AugmenterIs(AugmenterClass augmenter_class,
                                                    const KnowledgeBase& kb) {
  return [augmenter_class, &kb](const TrialReport& trial) {
    const AugmentingAgent* agent = kb.FindAugmenter(trial.agent);
    return trial.kind == TreatmentKind::kAugmentation && agent &&
           agent->augmenter_class == augmenter_class;
  };
}

std::function<bool(const TrialReport&)> KindIs(std::initializer_list<TreatmentKind> kinds) {
  std::vector<TreatmentKind> list(kinds);
  return [list](const TrialReport& trial) {
    return std::find(list.begin(), list.end(), trial.kind) != list.end();
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

std::vector<UntriedClass> FindNotAdequatelyTried(const std::vector<TrialReport>& trials,
                                                 const KnowledgeBase& knowledge) {
  std::vector<UntriedClass> untried;
  for (const TreatmentClass& spec : TreatmentClasses(knowledge)) {
    UntriedClass entry{spec.id, spec.label, false, {}};
    bool adequate = false;
    for (const TrialReport& trial : trials) {
      if (!trial.in_current_episode || !spec.matches(trial)) continue;
      entry.tried = true;
      if (trial.adequacy.adequate) {
        adequate = true;
        break;
      }
      entry.attempts.push_back({trial.id, trial.adequacy.FailedSummary()});
    }
    if (!adequate) untried.push_back(std::move(entry));
  }
  return untried;
}

}  // namespace refract
