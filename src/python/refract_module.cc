// The Python module `refract`: the engine facade (include/refract/engine/engine.h) for Python, so
// a distributed engine (Dask, Spark) stages records in its workers with the same code as the CLI.
//
//   import refract
//   engine = refract.Engine()                      # built-in knowledge; Engine(dir) reads one
//   text = engine.assess(record_json)              # one refract-assessment/1 JSON document
//   texts = engine.assess_batch([record_json, ...])
//
// Records and results cross the boundary as JSON text (refract-patient/1 in,
// refract-assessment/1 out), the same documents as `refract assess --json`. A record that breaks
// the record rules raises ValueError naming the fields. assess_batch releases the GIL while it
// stages, so Python threads (a Dask worker's thread pool) run in parallel on one shared Engine.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <optional>
#include <string>
#include <vector>

#include "refract/engine/engine.h"
#include "refract/io/assessment_json.h"

namespace py = pybind11;

namespace refract {
namespace {

Engine CreateEngine(const std::optional<std::string>& knowledge_dir) {
  StatusOr<KnowledgeSource> source = knowledge_dir ? ReadKnowledgeSource(*knowledge_dir)
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

std::vector<std::pair<std::string, std::string>> Models(const Engine& engine) {
  std::vector<std::pair<std::string, std::string>> models;
  for (const ModelInfo& model : engine.Models()) models.emplace_back(model.id, model.name);
  return models;
}

}  // namespace
}  // namespace refract

PYBIND11_MODULE(refract, module) {
  module.doc() = refract::kDecisionSupportDisclaimer;
  py::class_<refract::Engine>(module, "Engine")
      .def(py::init(&refract::CreateEngine), py::arg("knowledge_dir") = py::none(),
           "The engine with the built-in knowledge, or the knowledge directory given.")
      .def("assess", &refract::Assess, py::arg("record_json"), py::arg("dose_convention") = "atrq",
           py::arg("rank_options") = true, py::arg("pretty") = false,
           "Stages one refract-patient/1 JSON record; returns refract-assessment/1 JSON.")
      .def("assess_batch", &refract::AssessBatch, py::arg("records"),
           py::arg("dose_convention") = "atrq", py::arg("rank_options") = true,
           "Stages a list of JSON records (without the GIL); returns one JSON text per record.")
      .def("models", &refract::Models, "The staging models as (id, name) pairs.")
      .def_property_readonly("knowledge_version", &refract::Engine::knowledge_version);
}
