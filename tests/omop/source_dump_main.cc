// refract_omop_source_dump SOURCE [RULE]: stages every person of an OMOP source and prints, one
// line per person in person order, what the extraction and the engine made of them (status,
// warnings, assumptions, the compact refract-assessment/1 JSON), then the source's warnings.
// SOURCE is a CSV directory or postgres:URI[?schema=NAME]; RULE is "scores" or
// "treatment-sequence" (the default). Two sources holding the same data print the same text
// (tests/omop/postgres_source_test.sh compares the CSV and PostgreSQL sources this way).
#include <fmt/format.h>

#include <iostream>
#include <memory>
#include <string>

#include "refract/engine/engine.h"
#include "refract/io/assessment_json.h"
#include "refract/omop/csv_source.h"
#include "refract/omop/extraction.h"
#include "refract/omop/mapping.h"
#include "refract/omop/postgres_source.h"

namespace {

using refract::Status;
using refract::StatusOr;
using namespace refract::omop;

StatusOr<std::unique_ptr<PersonSource>> Open(const std::string& source) {
  if (source.rfind("postgres:", 0) != 0) return OpenCsvSource(source);
  StatusOr<PostgresSpec> spec = ParsePostgresSpec(source.substr(9));
  if (!spec.ok()) return spec.status();
  return OpenPostgresSource(*spec);
}

std::string Joined(const std::vector<std::string>& texts) {
  std::string joined;
  for (const std::string& text : texts) joined += (joined.empty() ? "" : " | ") + text;
  return joined;
}

Status Dump(PersonSource& source, OutcomeRule rule) {
  StatusOr<refract::Engine> engine = refract::Engine::Create(refract::EmbeddedKnowledgeSource());
  if (!engine.ok()) return engine.status();
  StatusOr<OmopMapping> mapping = ParseOmopMapping(refract::EmbeddedOmopMappingText());
  if (!mapping.ok()) return mapping.status();
  StatusOr<Vocabulary> vocabulary = source.ReadVocabulary(MakeVocabularyRequest(*mapping));
  if (!vocabulary.ok()) return vocabulary.status();
  const ResolvedMapping resolved = ResolveMapping(*mapping, *vocabulary);
  std::cout << "vocabulary: " << Joined(resolved.warnings) << "\n";
  refract::AssessOptions options;
  options.rank_options = false;
  PersonRows rows;
  for (;;) {
    StatusOr<bool> more = source.Next(rows);
    if (!more.ok()) return more.status();
    if (!*more) break;
    Extraction extraction = ExtractPerson(rows, resolved, rule);
    std::string assessment = "-";
    if (extraction.record) {
      StatusOr<refract::Assessment> assessed = engine->Assess(*extraction.record, options);
      assessment = assessed.ok() ? refract::AssessmentToJson(*assessed, false)
                                 : "error: " + assessed.status().message();
    }
    std::cout << fmt::format("{}\t{}\t{}\t{}\t{}\n", rows.person.person_id,
                             extraction.status == ExtractionStatus::kRecord ? "record" : "none",
                             Joined(extraction.warnings), Joined(extraction.assumptions),
                             assessment);
  }
  std::cout << "source: " << Joined(source.Warnings()) << "\n";
  return Status::Ok();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || argc > 3) {
    std::cerr << "usage: refract_omop_source_dump SOURCE [scores|treatment-sequence]\n";
    return 2;
  }
  const std::string rule_name = argc == 3 ? argv[2] : "treatment-sequence";
  if (rule_name != "scores" && rule_name != "treatment-sequence") {
    std::cerr << "unknown outcome rule: " << rule_name << "\n";
    return 2;
  }
  StatusOr<std::unique_ptr<PersonSource>> source = Open(argv[1]);
  Status status = source.ok()
                      ? Dump(**source, rule_name == "scores" ? OutcomeRule::kScores
                                                             : OutcomeRule::kTreatmentSequence)
                      : source.status();
  if (!status.ok()) {
    std::cerr << "refract_omop_source_dump: " << status.message() << "\n";
    return 1;
  }
  return 0;
}
