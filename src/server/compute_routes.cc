// Stateless computation and reference data: POST /api/v1/assess (a record in, the assessment out;
// nothing stored, so nothing audited), POST /api/v1/score (one administration, refract-score/1),
// POST /api/v1/meta (a meta-analysis of a CSV or Metapsy text, the JSON of `refract meta --json`),
// the knowledge version, the dose tables, instruments and models. Signed-in users only: the
// knowledge is not secret, but the service is not public.
#include "api.h"
#include "refract/engine/meta_output.h"
#include "refract/io/assessment_json.h"
#include "refract/io/score_json.h"
#include "request_bodies.h"

namespace refract::server::api {
namespace {

using nlohmann::json;

StatusOr<Reply> Assess(Services& services, Context& context) {
  if (Status depth = CheckJsonDepth(context.request.body); !depth.ok()) return depth;
  StatusOr<PatientRecord> record =
      services.engine.ParseRecord(context.request.body, RecordSyntax::kJson);
  if (!record.ok()) return record.status();
  AssessOptions options;
  if (!context.Query("dose_table").empty()) options.dose_convention = context.Query("dose_table");
  StatusOr<Assessment> assessment = services.engine.Assess(*record, options);
  if (!assessment.ok()) return assessment.status();
  return Reply{200, AssessmentToJson(*assessment, false), "application/json", {}};
}

StatusOr<Reply> Score(Services& services, Context& context) {
  StatusOr<json> body = ParseJsonObject(context.request);
  if (!body.ok()) return body.status();
  StatusOr<ScoreRequest> request = ReadScoreRequest(*body);
  if (!request.ok()) return request.status();
  StatusOr<ScoreResult> result = services.engine.Score(*request);
  if (!result.ok()) return result.status();
  return Reply{200, ScoreToJson(*result->instrument, result->scored, -1), "application/json", {}};
}

StatusOr<Reply> Meta(Services& services, Context& context) {
  StatusOr<json> body = ParseJsonObject(context.request);
  if (!body.ok()) return body.status();
  StatusOr<MetaRequest> request = ReadMetaRequest(*body);
  if (!request.ok()) return request.status();
  StatusOr<MetaResult> result = services.engine.Meta(*request);
  if (!result.ok()) return result.status();
  return Reply{
      200, RenderMetaJson(MetaReport{std::move(*result), "request"}), "application/json", {}};
}

StatusOr<Reply> Knowledge(Services& services, Context&) {
  json models = json::array();
  for (const ModelInfo& model : services.engine.Models()) {
    models.push_back({{"id", model.id}, {"name", model.name}});
  }
  json dose_tables = json::array();
  for (std::string_view table : kDoseConventions) dose_tables.push_back(table);
  return JsonReply(200, {{"knowledge_version", services.engine.knowledge_version()},
                         {"dose_tables", dose_tables},
                         {"instruments", services.engine.InstrumentIds()},
                         {"models", models}});
}

StatusOr<Reply> Models(Services& services, Context&) {
  json models = json::array();
  for (const ModelInfo& model : services.engine.Models()) {
    models.push_back({{"id", model.id}, {"name", model.name}});
  }
  return JsonReply(200, {{"models", models}});
}

}  // namespace

void AddComputeRoutes(Routes& routes, Services& services) {
  auto bind = [&services](StatusOr<Reply> (*handler)(Services&, Context&)) {
    return [&services, handler](Context& context) { return handler(services, context); };
  };
  routes.Add("POST", "/api/v1/assess", "/api/v1/assess", Access::kSignedIn, bind(Assess));
  routes.Add("POST", "/api/v1/meta", "/api/v1/meta", Access::kSignedIn, bind(Meta));
  routes.Add("POST", "/api/v1/score", "/api/v1/score", Access::kSignedIn, bind(Score));
  routes.Add("GET", "/api/v1/knowledge", "/api/v1/knowledge", Access::kSignedIn, bind(Knowledge));
  routes.Add("GET", "/api/v1/models", "/api/v1/models", Access::kSignedIn, bind(Models));
}

}  // namespace refract::server::api
