// The import steps, run in this order by ImportBundle (fhir_import.cc). Each maps one kind of
// resource into ImportState::record and reports every resource it reads (docs/fhir.md).
#pragma once

#include "import_state.h"

namespace refract::fhir {

// Patient: demographics, and the Refract extensions for clinical factors, preferences and
// screened safety conditions.
void ImportPatient(ImportState& state);
// Condition: the diagnosis and the current episode (the latest active depressive or bipolar one).
void ImportConditions(ImportState& state);
// MedicationRequest / MedicationStatement / MedicationDispense: pharmacological trials.
void ImportMedications(ImportState& state);
// Procedure: psychotherapy, ECT, rTMS and the other non-drug trials.
void ImportProcedures(ImportState& state);
// Observation: instrument totals and items (LOINC or the Refract instrument codes).
void ImportObservations(ImportState& state);
// QuestionnaireResponse: instrument items scored through the Questionnaire or the LOINC codes.
void ImportQuestionnaireResponses(ImportState& state);
// Every resource type no step reads, reported as skipped.
void ReportUnreadResources(ImportState& state);

}  // namespace refract::fhir
