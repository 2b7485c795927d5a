#include "refract/app/not_adequately_tried.h"

namespace refract {
std::vector<UntriedClass> FindNotAdequatelyTried(const std::vector<TrialReport>& trials,
                                                 const KnowledgeBase& knowledge) {
  std::vector<UntriedClass> untried;
  for (const TreatmentClass& spec : TreatmentClasses(knowledge)) {
    UntriedClass entry{spec.id, spec.label, false, {}};
    bool adequate = false;
    for (const TrialReport& trial : trials) {
      if (!trial.in_current_episode || !spec.matches(trial.kind, trial.agent)) continue;
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
