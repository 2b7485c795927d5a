#include "trial_ids.h"

#include <algorithm>

#include "fhir_values.h"

namespace refract::fhir {

using nlohmann::json;

namespace {

bool IdTaken(const ImportState& state, const std::string& id) {
  return state.trial_ids.contains(id);
}

// The antidepressant trial running on `date` that started last, or empty.
std::string RunningAntidepressant(const ImportState& state, const std::string& date) {
  std::string found;
  std::string found_start;
  for (const json& treatment : state.record["treatments"]) {
    if (treatment.value("kind", "") != "antidepressant") continue;
    const std::string start = treatment.value("start", "");
    const std::string end = treatment.value("end", "");
    if (start <= date && (end.empty() || end >= date) && start >= found_start) {
      found = treatment.value("id", "");
      found_start = start;
    }
  }
  return found;
}

void Link(ImportState& state, json& treatment, const char* pending, const char* field) {
  if (!treatment.contains(pending)) return;
  const std::string label = treatment[pending].get<std::string>();
  treatment.erase(pending);
  const auto it = state.trial_of.find(label);
  if (it != state.trial_of.end()) {
    treatment[field] = it->second;
  } else {
    state.Error(treatment[kPendingLabels][0].get<std::string>() + ".extension(" + field + ")",
                "refers to " + label + ", which is not an imported trial");
  }
}

// Turns the report lines of a trial's resources into doubtful ones with `why` added.
void MarkDoubtful(ImportState& state, const json& labels, const std::string& why) {
  for (MappingEntry& entry : state.report) {
    if (std::find(labels.begin(), labels.end(), entry.resource) == labels.end()) continue;
    entry.reason = entry.disposition == Disposition::kDoubtful ? entry.reason + "; " + why : why;
    entry.disposition = Disposition::kDoubtful;
  }
}

}  // namespace

std::string UniqueTrialId(const ImportState& state, const json& resource) {
  std::string base = Text(resource, "id");
  if (base.empty()) base = "T" + std::to_string(state.record["treatments"].size() + 1);
  std::string id = base;
  for (int n = 2; IdTaken(state, id); ++n) id = base + "-" + std::to_string(n);
  return id;
}

void AddTrial(ImportState& state, json treatment, const std::vector<std::string>& labels) {
  for (const std::string& label : labels)
    state.trial_of[label] = treatment["id"].get<std::string>();
  treatment[kPendingLabels] = labels;
  state.trial_ids.insert(treatment["id"].get<std::string>());
  state.record["treatments"].push_back(std::move(treatment));
}

void LinkTrials(ImportState& state) {
  for (json& treatment : state.record["treatments"]) {
    Link(state, treatment, kPendingAugments, "augments");
    Link(state, treatment, kPendingCombinedWith, "combined_with");
    const std::string kind = treatment.value("kind", "");
    if ((kind == "augmentation" || kind == "combination") && !treatment.contains("augments")) {
      const std::string base = RunningAntidepressant(state, treatment.value("start", ""));
      const std::string label = treatment[kPendingLabels][0].get<std::string>();
      if (base.empty()) {
        state.Error(label,
                    "an augmenting agent needs the antidepressant trial it was added to (extension "
                    "augments); none was running at its start");
      } else {
        treatment["augments"] = base;
        MarkDoubtful(state, treatment[kPendingLabels],
                     "added to " + base +
                         ", the antidepressant trial running at its start (no augments extension)");
      }
    }
    treatment.erase(kPendingLabels);
  }
}

}  // namespace refract::fhir
