// ImportBundle: reads the Bundle, runs the import steps (import_steps.h) into a refract-patient/1
// document and reads that document with the engine's record reader, so that an imported record
// obeys every rule a JSON or YAML record does (ids, dates, references).
#include "refract/fhir/fhir_import.h"

#include <algorithm>
#include <set>

#include "fhir_values.h"
#include "import_steps.h"
#include "trial_ids.h"

namespace refract::fhir {

using nlohmann::json;

std::vector<const BundleResource*> ResourcesOf(ImportState& state, std::string_view type) {
  std::vector<const BundleResource*> found;
  for (const BundleResource& entry : state.index.resources()) {
    if (Text(*entry.resource, "resourceType") != type) continue;
    if (BelongsTo(state.index, *entry.resource, state.patient)) {
      found.push_back(&entry);
    } else {
      state.Skipped(entry.label, "belongs to another patient");
    }
  }
  return found;
}

void ReportUnreadResources(ImportState& state) {
  static const std::set<std::string, std::less<>> kRead = {"Patient",
                                                           "Condition",
                                                           "MedicationRequest",
                                                           "MedicationStatement",
                                                           "MedicationDispense",
                                                           "Procedure",
                                                           "Observation",
                                                           "QuestionnaireResponse"};
  static const std::set<std::string, std::less<>> kLookedUp = {"Medication", "Questionnaire",
                                                               "ValueSet", "CodeSystem"};
  for (const BundleResource& entry : state.index.resources()) {
    const std::string type = Text(*entry.resource, "resourceType");
    if (kRead.contains(type)) continue;
    state.Skipped(entry.label, kLookedUp.contains(type)
                                   ? "read only through the resources that refer to it"
                                   : "resource type " + type + " is not mapped (docs/fhir.md)");
  }
}

namespace {

// as_of: the option, else the Bundle's timestamp, else the latest full date read.
std::string AsOf(const json& bundle, const ImportOptions& options, const ImportState& state) {
  if (!options.as_of.empty()) return options.as_of;
  const std::string stamp = DatePart(bundle.value("timestamp", json()));
  if (stamp.size() == 10) return stamp;
  std::string latest;
  for (const std::string& date : state.dates) {
    if (date.size() == 10) latest = std::max(latest, date);
  }
  return latest;
}

// A trial whose last supply or period runs past as_of is ongoing at as_of.
void EndOngoingTrials(json& record, const std::string& as_of) {
  for (json& treatment : record["treatments"]) {
    if (treatment.contains("end") && treatment["end"].get<std::string>() > as_of)
      treatment.erase("end");
  }
}

Status ReadRecordErrors(const Status& status) {
  std::vector<FieldError> details;
  for (const FieldError& error : status.details()) {
    details.push_back({"record " + error.path, error.rule});
  }
  if (details.empty()) details.push_back({"record", status.message()});
  return Status::InvalidFields(std::move(details));
}

}  // namespace

StatusOr<ImportResult> ImportBundle(const Engine& engine, const json& bundle,
                                    const ImportOptions& options) {
  StatusOr<const CodeTables*> tables = EmbeddedCodeTables();
  if (!tables.ok()) return tables.status();
  StatusOr<BundleIndex> index = BundleIndex::Read(bundle);
  if (!index.ok()) return index.status();
  StatusOr<const BundleResource*> patient = SelectPatient(*index, options.patient);
  if (!patient.ok()) return patient.status();

  ImportState state{engine, **tables, *index, **patient};
  state.record["format"] = "refract-patient/1";
  state.record["id"] = Text(*(*patient)->resource, "id");
  state.record["treatments"] = json::array();
  ImportPatient(state);
  ImportConditions(state);
  ImportMedications(state);
  ImportProcedures(state);
  LinkTrials(state);
  ImportObservations(state);
  ImportQuestionnaireResponses(state);
  ReportUnreadResources(state);
  const std::string as_of = AsOf(bundle, options, state);
  if (as_of.empty()) {
    state.Error("Bundle.timestamp",
                "no staging date: give as_of, a Bundle.timestamp or dated resources");
  }
  if (!state.errors.empty()) return Status::InvalidFields(std::move(state.errors));
  state.record["as_of"] = as_of;
  EndOngoingTrials(state.record, as_of);

  StatusOr<PatientRecord> record = engine.ReadRecord(state.record);
  if (!record.ok()) return ReadRecordErrors(record.status());
  return ImportResult{std::move(*record), std::move(state.report), std::move(state.record)};
}

}  // namespace refract::fhir
