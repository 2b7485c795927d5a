// Loading the intervention catalogue (knowledge/interventions.json, format refract-knowledge/1,
// table "interventions"; fields in docs/interventions.md).
//
// The table is compiled into the binary at build time (src/io/embed_text.cmake). Loading is
// strict: unknown fields, bad tags or enum values, treatment class ids that TreatmentClasses
// (knowledge/treatment_classes.h) does not define, psychotherapy modality ids missing from the
// psychotherapies knowledge table, caution conditions outside kCautionConditions, a CI with
// low > high, an evidence entry with neither a value nor a note, and duplicate ids are all errors.
// Errors: kInvalidArgument, one line per problem, each naming the JSON path, e.g.
// "interventions.json:$.items[3].evidence[0].tag: 'X' is not one of: V, E, U, D". Never throws.
#pragma once

#include <string>

#include "refract/base/status.h"
#include "refract/knowledge/knowledge.h"
#include "refract/options/catalogue.h"

namespace refract {

// knowledge/interventions.json as compiled into the binary.
const std::string& EmbeddedInterventionsText();

// Modality ids are checked against `knowledge.psychotherapies`.
StatusOr<InterventionCatalogue> LoadInterventions(const std::string& text,
                                                  const KnowledgeBase& knowledge);

// As above, checking modality ids against the embedded knowledge tables.
StatusOr<InterventionCatalogue> LoadInterventions(const std::string& text);

}  // namespace refract
