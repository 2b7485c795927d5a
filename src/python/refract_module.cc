// The Python module `refract`: the engine facade (include/refract/engine/engine.h) for Python, so
// a distributed engine (Dask, Spark) stages records in its workers with the same code as the CLI.
//
//   import refract
//   engine = refract.Engine()                      # built-in knowledge; Engine(dir) reads one
//   text = engine.assess(record_json)              # one refract-assessment/1 JSON document
//   texts = engine.assess_batch([record_json, ...])
//   rows = engine.stage_omop("csv:/data/part-3")   # `refract cohort` results for one partition
//
// Records and results cross the boundary as JSON text (refract-patient/1 in,
// refract-assessment/1 out), the same documents as `refract assess --json`. A record that breaks
// the record rules raises ValueError naming the fields. assess_batch releases the GIL while it
// stages, so Python threads (a Dask worker's thread pool) run in parallel on one shared Engine.
// stage_omop runs the population staging of `refract cohort` (omop/cohort.h) over one OMOP source
// (csv:DIR or postgres:URI[?schema=NAME]) and returns its per-person results in the same text
// (CSV rows without the header, or NDJSON lines), so partitions staged by many workers concatenate
// to the single-process file (tools/omop/dask_cohort.py).
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <optional>
#include <string>
#include <vector>

#include "refract/engine/engine.h"
#include "refract/io/assessment_json.h"
#include "refract/omop/cohort_output.h"
#include "refract/omop/csv_source.h"
#include "refract/omop/postgres_source.h"

namespace py = pybind11;

namespace refract {
namespace {

Engine CreateEngine(const std::optional<std::string>& knowledge_dir) {
  StatusOr<KnowledgeSource> source = knowledge_dir
                                         ? ReadKnowledgeSource(*knowledge_dir)
                                         : StatusOr<KnowledgeSource>(EmbeddedKnowledgeSource());
  if (!source.ok()) throw py::value_error(source.status().message());
  StatusOr<Engine> engine = Engine::Create(*source);
  if (!engine.ok()) throw py::value_error(engine.status().message());
  return std::move(*engine);
}

// The assessment as JSON, or the status message of the first failure (parse or record rules).
StatusOr<std::string> AssessText(const Engine& engine, const std::string& record_json,
                                 const AssessOptions& options, bool pretty) {
  StatusOr<PatientRecord> record = engine.ParseRecord(record_json, RecordSyntax::kJson);
  if (!record.ok()) return record.status();
  StatusOr<Assessment> assessment = engine.Assess(*record, options);
  if (!assessment.ok()) return assessment.status();
  return AssessmentToJson(*assessment, pretty);
}

AssessOptions MakeOptions(const std::string& dose_convention, bool rank_options) {
  AssessOptions options;
  options.dose_convention = dose_convention;
  options.rank_options = rank_options;
  return options;
}

std::string Assess(const Engine& engine, const std::string& record_json,
                   const std::string& dose_convention, bool rank_options, bool pretty) {
  StatusOr<std::string> text =
      AssessText(engine, record_json, MakeOptions(dose_convention, rank_options), pretty);
  if (!text.ok()) throw py::value_error(text.status().message());
  return std::move(*text);
}

// Stages every record without the GIL; the first failure raises ValueError naming its index.
std::vector<std::string> AssessBatch(const Engine& engine, const std::vector<std::string>& records,
                                     const std::string& dose_convention, bool rank_options) {
  const AssessOptions options = MakeOptions(dose_convention, rank_options);
  std::vector<std::string> results;
  results.reserve(records.size());
  std::optional<std::string> failure;
  {
    py::gil_scoped_release release;
    for (size_t i = 0; i < records.size() && !failure; ++i) {
      StatusOr<std::string> text = AssessText(engine, records[i], options, false);
      if (text.ok()) {
        results.push_back(std::move(*text));
      } else {
        failure = "record " + std::to_string(i) + ": " + text.status().message();
      }
    }
  }
  if (failure) throw py::value_error(*failure);
  return results;
}

StatusOr<std::unique_ptr<omop::PersonSource>> OpenSource(const std::string& source) {
  if (source.starts_with("csv:")) return omop::OpenCsvSource(source.substr(4));
  if (!source.starts_with("postgres:")) {
    return Status::InvalidArgument("source must be csv:DIR or postgres:URI: " + source);
  }
  StatusOr<omop::PostgresSpec> spec = omop::ParsePostgresSpec(source.substr(9));
  if (!spec.ok()) return spec.status();
  return omop::OpenPostgresSource(*spec);
}

std::vector<omop::OutcomeRule> RulesFor(const std::string& rule) {
  if (rule == "scores") return {omop::OutcomeRule::kScores};
  if (rule == "treatment-sequence") return {omop::OutcomeRule::kTreatmentSequence};
  if (rule == "both") return {omop::OutcomeRule::kScores, omop::OutcomeRule::kTreatmentSequence};
  throw py::value_error("rule must be scores, treatment-sequence or both: " + rule);
}

// The built-in code tables, parsed once.
const omop::OmopMapping& EmbeddedMapping() {
  static const omop::OmopMapping mapping = [] {
    StatusOr<omop::OmopMapping> parsed = omop::ParseOmopMapping(EmbeddedOmopMappingText());
    if (!parsed.ok()) throw py::value_error(parsed.status().message());
    return *parsed;
  }();
  return mapping;
}

std::string StageOmop(const Engine& engine, const std::string& source_text, const std::string& rule,
                      const std::string& format, int threads, bool markowitz_retrospective) {
  if (format != "csv" && format != "ndjson") throw py::value_error("format must be csv or ndjson");
  omop::CohortOptions options;
  options.rules = RulesFor(rule);
  options.threads = std::max(1, threads);
  options.staging.markowitz_allow_retrospective = markowitz_retrospective;
  const omop::OmopMapping& mapping = EmbeddedMapping();
  std::string text;
  Status status;
  {
    py::gil_scoped_release release;
    StatusOr<std::unique_ptr<omop::PersonSource>> source = OpenSource(source_text);
    if (!source.ok()) {
      status = source.status();
    } else {
      StatusOr<omop::PopulationSummary> summary = omop::RunCohort(
          **source, mapping, engine, options, [&](const omop::PersonResult& result) {
            text += format == "csv" ? omop::ResultCsvRows(result) : omop::ResultNdjsonLine(result);
            return Status::Ok();
          });
      status = summary.status();
    }
  }
  if (!status.ok()) throw py::value_error(status.message());
  return text;
}

std::vector<std::pair<std::string, std::string>> Models(const Engine& engine) {
  std::vector<std::pair<std::string, std::string>> models;
  for (const ModelInfo& model : engine.Models()) models.emplace_back(model.id, model.name);
  return models;
}

}  // namespace
}  // namespace refract

PYBIND11_MODULE(refract, module) {
  module.doc() = refract::kDecisionSupportDisclaimer;
  module.attr("OMOP_CSV_HEADER") = refract::omop::ResultCsvHeader();
  py::class_<refract::Engine>(module, "Engine")
      .def(py::init(&refract::CreateEngine), py::arg("knowledge_dir") = py::none(),
           "The engine with the built-in knowledge, or the knowledge directory given.")
      .def("assess", &refract::Assess, py::arg("record_json"), py::arg("dose_convention") = "atrq",
           py::arg("rank_options") = true, py::arg("pretty") = false,
           "Stages one refract-patient/1 JSON record; returns refract-assessment/1 JSON.")
      .def("assess_batch", &refract::AssessBatch, py::arg("records"),
           py::arg("dose_convention") = "atrq", py::arg("rank_options") = true,
           "Stages a list of JSON records (without the GIL); returns one JSON text per record.")
      .def("stage_omop", &refract::StageOmop, py::arg("source"), py::arg("rule") = "both",
           py::arg("format") = "csv", py::arg("threads") = 1,
           py::arg("markowitz_retrospective") = false,
           "Stages every person of an OMOP source (csv:DIR or postgres:URI); returns the "
           "`refract cohort` results text (CSV rows without header, or NDJSON lines). "
           "markowitz_retrospective=True is `refract cohort --markowitz-retrospective`.")
      .def("models", &refract::Models, "The staging models as (id, name) pairs.")
      .def_property_readonly("knowledge_version", &refract::Engine::knowledge_version);
}
