// ResolveMapping: the code tables joined with one source's vocabulary.
#include <fmt/format.h>

#include "refract/omop/mapping.h"

namespace refract::omop {
namespace {

// The concept id of a row: the one the source resolved for (vocabulary, code), else the one the
// mapping gives. nullopt when neither exists.
std::optional<ConceptId> IdOf(const CodeRef& ref, const Vocabulary& vocabulary) {
  auto it = vocabulary.concept_ids.find({ref.vocabulary, ref.code});
  if (it != vocabulary.concept_ids.end()) return it->second;
  return ref.concept_id;
}

template <typename Row>
void Index(const std::vector<Row>& rows, const Vocabulary& vocabulary, std::string_view table,
           std::map<ConceptId, const Row*>& index, std::vector<std::string>& unresolved) {
  for (const Row& row : rows) {
    std::optional<ConceptId> id = IdOf(row.ref, vocabulary);
    if (!id) {
      unresolved.push_back(fmt::format("{} {}:{}", table, row.ref.vocabulary, row.ref.code));
      continue;
    }
    index.emplace(*id, &row);
  }
}

}  // namespace

ResolvedMapping ResolveMapping(const OmopMapping& mapping, const Vocabulary& vocabulary) {
  ResolvedMapping resolved;
  resolved.mapping = &mapping;
  std::vector<std::string> unresolved;
  Index(mapping.conditions, vocabulary, "condition", resolved.conditions, unresolved);
  Index(mapping.ingredients, vocabulary, "ingredient", resolved.ingredients, unresolved);
  Index(mapping.procedures, vocabulary, "procedure", resolved.procedures, unresolved);
  Index(mapping.instruments, vocabulary, "instrument", resolved.instruments, unresolved);
  resolved.ancestors = vocabulary.ancestors;
  resolved.strengths = vocabulary.strengths;
  resolved.has_concept_ancestor = !vocabulary.concept_ancestor_empty;
  resolved.has_drug_strength = !vocabulary.drug_strength_empty;
  if (vocabulary.concept_ancestor_empty) {
    resolved.warnings.push_back(
        "concept_ancestor is empty: drugs roll up to ingredients only through drug_strength or an "
        "ingredient-level concept, and conditions and procedures match only the exact concepts of "
        "the code tables (descendant concepts are missed)");
  }
  if (vocabulary.drug_strength_empty) {
    resolved.warnings.push_back(
        "drug_strength is empty: no dose can be computed; antidepressant adequacy rests on "
        "duration "
        "(dose unrecorded, provisional)");
  }
  if (!unresolved.empty()) {
    std::string list;
    for (const std::string& code : unresolved) list += (list.empty() ? "" : ", ") + code;
    resolved.warnings.push_back(fmt::format(
        "{} code-table concepts are not in the concept table and have no known concept id: {}",
        unresolved.size(), list));
  }
  return resolved;
}

}  // namespace refract::omop
