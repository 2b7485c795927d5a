// MedicationRequest / MedicationStatement / MedicationDispense -> pharmacological trials.
// - A MedicationStatement, or a MedicationRequest with no prior prescription, is one trial; a
//   MedicationRequest whose priorPrescription is an imported request continues that trial (a dose
//   change), its dosage becoming the next dose steps. The trial ends when its last resource ends
//   (no end: ongoing at as_of).
// - MedicationDispenses of one agent form trials by the persistence rule (knowledge/fhir/
//   import_rules.json): a dispense starting at most permissible_gap_days after the previous one's
//   supply ran out continues the trial; a longer gap ends it. A trial that bridges a gap is
//   reported as doubtful (the gap parameter is unconfirmed: verification U).
// - The kind follows the agent: an antidepressant (combination when it has an augments extension),
//   an augmenting agent, or esketamine. A trial Refract cannot judge without a dose (no dose
//   stated) is skipped with that reason.
#include <algorithm>
#include <map>
#include <numeric>

#include "fhir_values.h"
#include "import_steps.h"
#include "medication_events.h"
#include "refract/base/date.h"
#include "trial_facts.h"
#include "trial_ids.h"

namespace refract::fhir {

using nlohmann::json;

namespace {

struct TrialGroup {
  std::vector<MedicationEvent> events = {};
  std::vector<std::string> doubts = {};
};

int GapDays(const std::string& previous_end, const std::string& next_start) {
  const std::optional<Date> end = Date::Parse(previous_end);
  const std::optional<Date> start = Date::Parse(next_start);
  if (!end || !start) return 0;
  return DaysBetween(*end, *start) - 1;
}

std::vector<TrialGroup> GroupDispenses(const ImportState& state, std::vector<MedicationEvent> dispenses) {
  std::stable_sort(dispenses.begin(), dispenses.end(), [](const MedicationEvent& a, const MedicationEvent& b) {
    return a.agent != b.agent ? a.agent < b.agent : a.start < b.start;
  });
  std::vector<TrialGroup> groups;
  for (MedicationEvent& event : dispenses) {
    TrialGroup* last = groups.empty() ? nullptr : &groups.back();
    const int gap = last ? GapDays(last->events.back().end, event.start) : 0;
    if (last && last->events.back().agent == event.agent && gap <= state.tables.permissible_gap_days) {
      if (gap > 0) {
        last->doubts.push_back("a dispensing gap of " + std::to_string(gap) + " days before " + event.entry->label +
                               " bridged by the persistence rule (at most " +
                               std::to_string(state.tables.permissible_gap_days) + " days, verification " +
                               state.tables.permissible_gap_verification + ")");
      }
      last->events.back().end = std::max(last->events.back().end, event.end);
      last->events.push_back(std::move(event));
    } else {
      groups.push_back({{std::move(event)}, {}});
    }
  }
  return groups;
}

// Statements are one trial each; requests chained by priorPrescription form one trial.
std::vector<TrialGroup> GroupPrescriptions(std::vector<MedicationEvent> events) {
  std::vector<TrialGroup> groups;
  std::map<std::string, std::size_t> group_of;
  std::stable_sort(events.begin(), events.end(),
                   [](const MedicationEvent& a, const MedicationEvent& b) { return a.start < b.start; });
  for (MedicationEvent& event : events) {
    const auto prior = group_of.find(event.prior);
    const std::size_t index = prior != group_of.end() ? prior->second : groups.size();
    if (index == groups.size()) groups.emplace_back();
    group_of[event.entry->label] = index;
    groups[index].events.push_back(std::move(event));
  }
  return groups;
}

std::string TrialKind(const ImportState& state, const std::string& agent, const json& first) {
  if (agent == "esketamine") return "esketamine";
  if (state.engine.knowledge().FindAugmenter(agent) != nullptr) return "augmentation";
  if (state.engine.knowledge().FindAntidepressant(agent) == nullptr) return {};
  return FirstExtension(first, "augments") != nullptr ? "combination" : "antidepressant";
}

json DoseSteps(const TrialGroup& group) {
  std::vector<DoseEvent> doses;
  for (const MedicationEvent& event : group.events) doses.insert(doses.end(), event.doses.begin(), event.doses.end());
  std::stable_sort(doses.begin(), doses.end(), [](const DoseEvent& a, const DoseEvent& b) { return a.from < b.from; });
  json steps = json::array();
  for (const DoseEvent& dose : doses) {
    const char* key = dose.micrograms ? "mcg_per_day" : "mg_per_day";
    if (!steps.empty() && steps.back().value(key, -1.0) == dose.amount_per_day) continue;
    if (!steps.empty() && steps.back().value("from", "") == dose.from) steps.erase(steps.size() - 1);
    steps.push_back({{"from", dose.from}, {key, dose.amount_per_day}});
  }
  return steps;
}

void BuildTrial(ImportState& state, TrialGroup& group) {
  const MedicationEvent& first = group.events.front();
  const json& resource = *first.entry->resource;
  std::vector<std::string> labels;
  for (const MedicationEvent& event : group.events) labels.push_back(event.entry->label);
  const std::string kind = TrialKind(state, first.agent, resource);
  if (kind.empty()) {
    for (const std::string& label : labels) state.Skipped(label, first.agent + " is not in the loaded antidepressant or augmenter tables");
    return;
  }
  json treatment = {{"id", UniqueTrialId(state, resource)}, {"kind", kind}, {"start", first.start}};
  for (const MedicationEvent& event : group.events) {
    if (!event.note.empty()) group.doubts.push_back(event.entry->label + ": " + event.note);
  }
  if (!group.events.back().end.empty()) treatment["end"] = group.events.back().end;
  if (kind != "esketamine") treatment[kind == "augmentation" ? "agent" : "drug"] = first.agent;
  const json doses = DoseSteps(group);
  if (!doses.empty() && kind != "esketamine") treatment["doses"] = doses;
  for (const MedicationEvent& event : group.events) ReadTrialFacts(*event.entry->resource, treatment);
  if (const std::string base = LinkedResource(state, resource, "augments"); !base.empty()) {
    treatment[kPendingAugments] = base;
  }
  const bool needs_dose = kind == "antidepressant" || kind == "combination" ||
                          (kind == "augmentation" && !treatment.contains("serum_level_mmol_l"));
  if (needs_dose && !treatment.contains("doses")) {
    for (const std::string& label : labels) state.Skipped(label, "no daily dose stated: Refract cannot judge the trial's adequacy without one");
    return;
  }
  if (kind == "esketamine" && !treatment.contains("sessions")) {
    for (const std::string& label : labels) state.Skipped(label, "esketamine without a session count (extension sessions)");
    return;
  }
  const std::string mapped = "treatments[id=" + treatment["id"].get<std::string>() + "]";
  const std::string why = std::accumulate(group.doubts.begin(), group.doubts.end(), std::string(),
                                          [](std::string all, const std::string& doubt) {
                                            return all.empty() ? doubt : all + "; " + doubt;
                                          });
  for (const std::string& label : labels) {
    if (why.empty()) {
      state.Used(label, mapped, kind + " trial of " + first.agent);
    } else {
      state.Doubtful(label, mapped, why);
    }
  }
  AddTrial(state, std::move(treatment), labels);
}

}  // namespace

void ImportMedications(ImportState& state) {
  std::vector<MedicationEvent> prescriptions;
  std::vector<MedicationEvent> dispenses;
  for (const char* type : {"MedicationStatement", "MedicationRequest", "MedicationDispense"}) {
    for (const BundleResource* entry : ResourcesOf(state, type)) {
      std::optional<MedicationEvent> event = ReadMedicationEvent(state, *entry);
      if (!event) continue;
      (event->type == "MedicationDispense" ? dispenses : prescriptions).push_back(std::move(*event));
    }
  }
  std::vector<TrialGroup> groups = GroupPrescriptions(std::move(prescriptions));
  for (TrialGroup& group : GroupDispenses(state, std::move(dispenses))) groups.push_back(std::move(group));
  for (TrialGroup& group : groups) BuildTrial(state, group);
}

}  // namespace refract::fhir
