// Condition -> diagnosis and episode. The codes (SNOMED CT, ICD-10-CM) and what each says about
// recurrence, severity and psychotic features are knowledge/fhir/condition_codes.json. The current
// episode is the active (clinicalStatus active / recurrence / relapse, or none stated) condition
// with the latest onset; any active bipolar condition makes the diagnosis bipolar. Severity comes
// from Condition.severity (SNOMED 255604002 / 6736007 / 24484000, FHIR condition-severity value
// set, or the Refract episode-severity codes), else from the code's name; psychotic features from
// the code or the Refract extension psychotic-features; lifetime episodes from the Refract extension
// lifetime-episodes, or 1 for a single-episode code.
#include <algorithm>

#include "fhir_values.h"
#include "import_steps.h"

namespace refract::fhir {

using nlohmann::json;

namespace {

constexpr std::string_view kSnomed = "http://snomed.info/sct";

struct Candidate {
  const BundleResource* entry = nullptr;
  const ConditionCode* code = nullptr;
  std::string onset = {};
};

const ConditionCode* FindCode(const CodeTables& tables, const json& condition) {
  for (const Coding& coding : Codings(condition.value("code", json()))) {
    const auto it = tables.conditions.find({coding.system, coding.code});
    if (it != tables.conditions.end()) return &it->second;
  }
  return nullptr;
}

bool IsActive(const json& condition) {
  const std::string status = CodeIn(condition.value("clinicalStatus", json()),
                                    "http://terminology.hl7.org/CodeSystem/condition-clinical");
  const std::string verification =
      CodeIn(condition.value("verificationStatus", json()),
             "http://terminology.hl7.org/CodeSystem/condition-ver-status");
  if (verification == "refuted" || verification == "entered-in-error") return false;
  return status.empty() || status == "active" || status == "recurrence" || status == "relapse";
}

std::string Onset(const json& condition) {
  if (condition.contains("onsetDateTime")) return DatePart(condition["onsetDateTime"]);
  if (condition.contains("onsetPeriod")) return DatePart(condition["onsetPeriod"].value("start", json()));
  return {};
}

std::string Severity(const json& condition, const ConditionCode& code, bool* stated) {
  const json& severity = condition.value("severity", json());
  const std::string refract = CodeIn(severity, std::string(kCodeSystemBase) + "episode-severity");
  *stated = true;
  if (!refract.empty()) return refract;
  const std::string snomed = CodeIn(severity, kSnomed);
  if (snomed == "255604002") return "mild";
  if (snomed == "6736007") return "moderate";
  if (snomed == "24484000") return "severe";
  *stated = !code.severity.empty();
  return code.severity.empty() ? "moderate" : code.severity;
}

void MapEpisode(ImportState& state, const Candidate& current) {
  const json& condition = *current.entry->resource;
  json episode = {{"onset", current.onset}};
  bool stated = false;
  const std::string severity = Severity(condition, *current.code, &stated);
  episode["severity"] = severity;
  bool psychotic = current.code->psychotic_features || severity == "severe_psychotic";
  if (const json* flag = FirstExtension(condition, "psychotic-features")) {
    psychotic = flag->value("valueBoolean", psychotic);
  }
  episode["psychotic_features"] = psychotic;
  if (const json* episodes = FirstExtension(condition, "lifetime-episodes")) {
    episode["lifetime_episodes"] = episodes->value("valueInteger", json());
  } else if (current.code->episodes == "single") {
    episode["lifetime_episodes"] = 1;
  }
  state.record["episode"] = episode;
  if (stated) {
    state.Used(current.entry->label, "diagnosis, episode", "the current episode");
  } else {
    state.Doubtful(current.entry->label, "diagnosis, episode",
                   "the current episode; no severity stated: moderate assumed, check it");
  }
}

}  // namespace

void ImportConditions(ImportState& state) {
  std::vector<Candidate> active;
  for (const BundleResource* entry : ResourcesOf(state, "Condition")) {
    const json& condition = *entry->resource;
    const ConditionCode* code = FindCode(state.tables, condition);
    if (code == nullptr) {
      state.Skipped(entry->label, "not a depressive or bipolar disorder code (knowledge/fhir/condition_codes.json)");
    } else if (!IsActive(condition) || code->remission == "full") {
      state.Skipped(entry->label, "not active (clinicalStatus, verificationStatus or full remission)");
    } else if (const std::string onset = Onset(condition); onset.empty()) {
      state.Error(entry->label + ".onset[x]", "an active depressive disorder needs its onset date");
    } else {
      state.SawDate(onset);
      active.push_back({entry, code, onset});
    }
  }
  if (active.empty()) {
    if (state.errors.empty()) {
      state.Error("Bundle.entry", "no active depressive or bipolar disorder Condition: the record needs the diagnosis and episode onset");
    }
    return;
  }
  const auto latest = std::max_element(active.begin(), active.end(), [](const Candidate& a, const Candidate& b) {
    return a.onset < b.onset;
  });
  const bool bipolar = std::any_of(active.begin(), active.end(),
                                   [](const Candidate& c) { return c.code->diagnosis == "bipolar"; });
  state.record["diagnosis"] = bipolar ? "bipolar" : "mdd";
  MapEpisode(state, *latest);
  for (const Candidate& other : active) {
    if (&other == &*latest) continue;
    if (other.code->diagnosis == "bipolar" && latest->code->diagnosis != "bipolar") {
      state.Used(other.entry->label, "diagnosis", "an active bipolar disorder: diagnosis bipolar");
    } else {
      state.Skipped(other.entry->label, "an earlier episode (onset " + other.onset + ")");
    }
  }
}

}  // namespace refract::fhir
