#include "medication_events.h"

#include <set>

#include "fhir_values.h"
#include "refract/base/date.h"

namespace refract::fhir {

using nlohmann::json;

namespace {

const std::set<std::string, std::less<>> kNotTreatment = {
    "entered-in-error", "cancelled", "draft", "not-taken", "intended", "unknown", "declined",
    "in-progress-not-dispensed", "preparation", "stopped-before-dispense"};

// The medication's codings: medicationCodeableConcept or the Medication it references.
json MedicationConcept(const ImportState& state, const json& resource) {
  if (resource.contains("medicationCodeableConcept")) return resource["medicationCodeableConcept"];
  if (resource.contains("medicationReference")) {
    if (const json* medication = state.index.Resolve(resource["medicationReference"], resource)) {
      return medication->value("code", json());
    }
  }
  return json();
}

// The Refract agent and the clinical drug's strength, or an empty agent.
std::pair<std::string, std::optional<double>> Agent(const ImportState& state, const json& codeable) {
  for (const Coding& coding : Codings(codeable)) {
    if (coding.system == kRxNorm) {
      const auto it = state.tables.rxnorm.find(coding.code);
      if (it != state.tables.rxnorm.end()) return {it->second.agent, it->second.strength_mg};
    }
    if (coding.system == std::string(kCodeSystemBase) + "agent") return {coding.code, std::nullopt};
  }
  return {};
}

double PerDay(const json& timing) {
  const json repeat = timing.is_object() ? timing.value("repeat", json::object()) : json::object();
  const double frequency = repeat.value("frequency", 1.0);
  double period = repeat.value("period", 1.0);
  const std::string unit = repeat.value("periodUnit", std::string("d"));
  if (unit == "h") period /= 24;
  if (unit == "wk") period *= 7;
  if (unit == "mo") period *= 30;
  return period > 0 ? frequency / period : 0;
}

// Reads one Dosage; returns false (with an error) for a negative or unusable dose.
void ReadDosage(ImportState& state, const json& dosage, const std::string& path,
                std::optional<double> strength, MedicationEvent& event) {
  if (!dosage.contains("doseAndRate") || !dosage["doseAndRate"].is_array() ||
      dosage["doseAndRate"].empty()) {
    return;
  }
  const json quantity = dosage["doseAndRate"][0].value("doseQuantity", json());
  const std::optional<double> value = NumberValue(quantity);
  if (!value) return;
  const std::string value_path = path + ".doseAndRate[0].doseQuantity.value";
  if (*value <= 0) {
    state.Error(value_path, "must be greater than 0 (got " + std::to_string(*value) + ")");
    return;
  }
  const std::string unit = Text(quantity, "code").empty() ? Text(quantity, "unit") : Text(quantity, "code");
  DoseEvent dose;
  dose.from = DatePart(dosage.value("timing", json::object()).value("repeat", json::object())
                           .value("boundsPeriod", json::object()).value("start", json()));
  if (dose.from.empty()) dose.from = event.start;
  const double per_day = PerDay(dosage.value("timing", json()));
  if (unit == "mg") {
    dose.amount_per_day = *value * per_day;
  } else if (unit == "ug" || unit == "mcg") {
    dose.amount_per_day = *value * per_day;
    dose.micrograms = true;
  } else if (strength) {
    dose.amount_per_day = *value * *strength * per_day;
  } else {
    event.note = "dose in '" + unit + "' without a known strength: dose not read";
    return;
  }
  event.doses.push_back(dose);
}

void ReadDosages(ImportState& state, const json& resource, const std::string& label,
                 std::optional<double> strength, MedicationEvent& event) {
  for (const char* key : {"dosage", "dosageInstruction"}) {
    if (!resource.contains(key) || !resource[key].is_array()) continue;
    for (std::size_t i = 0; i < resource[key].size(); ++i) {
      ReadDosage(state, resource[key][i], label + "." + key + "[" + std::to_string(i) + "]", strength, event);
    }
  }
}

std::string BoundsEnd(const json& resource) {
  std::string end;
  for (const char* key : {"dosage", "dosageInstruction"}) {
    if (!resource.contains(key) || !resource[key].is_array()) continue;
    for (const json& dosage : resource[key]) {
      end = std::max(end, DatePart(dosage.value("timing", json::object()).value("repeat", json::object())
                                       .value("boundsPeriod", json::object()).value("end", json())));
    }
  }
  return end;
}

std::string BoundsStart(const json& resource) {
  std::string start;
  if (!resource.contains("dosageInstruction") || !resource["dosageInstruction"].is_array()) return start;
  for (const json& dosage : resource["dosageInstruction"]) {
    const std::string from = DatePart(dosage.value("timing", json::object()).value("repeat", json::object())
                                          .value("boundsPeriod", json::object()).value("start", json()));
    if (!from.empty() && (start.empty() || from < start)) start = from;
  }
  return start;
}

// Sets start and end; false when the resource gives no start.
bool ReadPeriod(const json& resource, const std::string& type, MedicationEvent& event) {
  if (type == "MedicationStatement") {
    if (resource.contains("effectivePeriod")) {
      event.start = DatePart(resource["effectivePeriod"].value("start", json()));
      event.end = DatePart(resource["effectivePeriod"].value("end", json()));
    } else {
      event.start = DatePart(resource.value("effectiveDateTime", json()));
    }
  } else if (type == "MedicationRequest") {
    event.start = BoundsStart(resource);
    if (event.start.empty()) event.start = DatePart(resource.value("authoredOn", json()));
    event.end = BoundsEnd(resource);
  } else {
    event.start = DatePart(resource.value("whenHandedOver", json()));
    if (event.start.empty()) event.start = DatePart(resource.value("whenPrepared", json()));
    const std::optional<double> days = NumberValue(resource.value("daysSupply", json()));
    const std::optional<Date> first = Date::Parse(event.start);
    if (!days || *days < 1 || !first) return false;
    event.end = AddDays(*first, static_cast<int>(*days) - 1).ToString();
  }
  if (type == "MedicationStatement" && event.end.empty()) event.end = BoundsEnd(resource);
  return !event.start.empty();
}

}  // namespace

std::optional<MedicationEvent> ReadMedicationEvent(ImportState& state, const BundleResource& entry) {
  const json& resource = *entry.resource;
  MedicationEvent event;
  event.entry = &entry;
  event.type = Text(resource, "resourceType");
  const std::string status = Text(resource, "status");
  if (kNotTreatment.contains(status)) {
    state.Skipped(entry.label, "status '" + status + "' is not a treatment taken");
    return std::nullopt;
  }
  const json codeable = MedicationConcept(state, resource);
  const auto [agent, strength] = Agent(state, codeable);
  if (agent.empty()) {
    state.Skipped(entry.label, "not an antidepressant, augmenting agent or esketamine in knowledge/fhir/medication_codes.json");
    return std::nullopt;
  }
  event.agent = agent;
  if (!ReadPeriod(resource, event.type, event)) {
    state.Skipped(entry.label, event.type == "MedicationDispense"
                                   ? "no dispensing date with daysSupply: the period covered is unknown"
                                   : "no start date (effective[x], authoredOn or dosage boundsPeriod)");
    return std::nullopt;
  }
  ReadDosages(state, resource, entry.label, strength, event);
  event.prior = state.index.LabelOf(resource.value("priorPrescription", json()), resource);
  state.SawDate(event.start);
  state.SawDate(event.end);
  return event;
}

}  // namespace refract::fhir
