// Stateless computation and reference data: POST /api/v1/assess (a record in, the assessment out;
// nothing stored, so nothing audited), POST /api/v1/score (one administration, refract-score/1),
// POST /api/v1/meta (a meta-analysis of a CSV or Metapsy text, the JSON of `refract meta --json`),
// the knowledge version, the dose tables, instruments and models. Signed-in users only: the
// knowledge is not secret, but the service is not public.
#include <fmt/format.h>

#include "api.h"
#include "refract/engine/meta_output.h"
#include "refract/io/assessment_json.h"
#include "refract/io/score_json.h"

namespace refract::server::api {
namespace {

using nlohmann::json;

StatusOr<Reply> Assess(Services& services, Context& context) {
  StatusOr<PatientRecord> record =
      services.engine.ParseRecord(context.request.body, RecordSyntax::kJson);
  if (!record.ok()) return record.status();
  AssessOptions options;
  if (!context.Query("dose_table").empty()) options.dose_convention = context.Query("dose_table");
  StatusOr<Assessment> assessment = services.engine.Assess(*record, options);
  if (!assessment.ok()) return assessment.status();
  return Reply{200, AssessmentToJson(*assessment, false), "application/json", {}};
}

// {"instrument": "hamd17", "items": [2, 1, null, ...] | "total": 14, "safety_item": 1,
// "variants": {"16": "A"}}: the same request as `refract score`.
StatusOr<ScoreRequest> ReadScoreRequest(const json& body) {
  ScoreRequest request;
  const json instrument = body.value("instrument", json());
  if (!instrument.is_string()) {
    return Status::InvalidFields({{"$.instrument", "is required: an instrument id"}});
  }
  request.instrument = instrument.get<std::string>();
  if (const auto items = body.find("items"); items != body.end()) {
    if (!items->is_array()) return Status::InvalidFields({{"$.items", "must be an array"}});
    for (size_t i = 0; i < items->size(); ++i) {
      const json& item = (*items)[i];
      if (!item.is_null() && !item.is_number_integer()) {
        return Status::InvalidFields(
            {{fmt::format("$.items[{}]", i), "must be an integer or null (unanswered)"}});
      }
      request.items.push_back(item.is_null() ? std::nullopt : std::optional<int>(item.get<int>()));
    }
  }
  for (const char* key : {"total", "safety_item"}) {
    const auto value = body.find(key);
    if (value == body.end() || value->is_null()) continue;
    if (!value->is_number_integer()) {
      return Status::InvalidFields({{std::string("$.") + key, "must be an integer"}});
    }
    (key == std::string("total") ? request.total : request.safety_item) = value->get<int>();
  }
  if (request.items.empty() && !request.total) {
    return Status::InvalidFields(
        {{"$.items", "give the items, or the total when they are not available"}});
  }
  if (const auto variants = body.find("variants"); variants != body.end()) {
    for (const auto& [item, variant] : variants->items()) {
      const int number = std::atoi(item.c_str());
      if (number <= 0 || !variant.is_string()) {
        return Status::InvalidFields(
            {{"$.variants." + item,
              "must map an item number to the variant rated (\"A\" or \"B\")"}});
      }
      request.variants[number] = variant.get<std::string>();
    }
  }
  return request;
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

// A one-character option ("separator", "decimal_mark"), or the default when absent.
StatusOr<char> CharOption(const json& body, const std::string& key, char fallback) {
  const auto value = body.find(key);
  if (value == body.end()) return fallback;
  if (!value->is_string() || value->get<std::string>().size() != 1) {
    return Status::InvalidFields({{"$." + key, "must be a single character"}});
  }
  return value->get<std::string>()[0];
}

// {"format": "csv"|"metapsy", "text": "...", "measure", "method", "knha", "by", "separator",
// "decimal_mark", "one_per_study", "rho", "min_rob", "level"}: the options of `refract meta`.
StatusOr<MetaRequest> ReadMetaRequest(const json& body) {
  MetaRequest request;
  const std::string format = body.value("format", "csv");
  if (format != "csv" && format != "metapsy") {
    return Status::InvalidFields({{"$.format", "must be csv or metapsy"}});
  }
  request.format = format == "csv" ? MetaFormat::kCsv : MetaFormat::kMetapsy;
  const auto text = body.find("text");
  if (text == body.end() || !text->is_string()) {
    return Status::InvalidFields({{"$.text", "is required: the whole CSV document"}});
  }
  request.text = text->get<std::string>();
  request.measure = body.value("measure", request.measure);
  request.method = body.value("method", request.method);
  request.knha = body.value("knha", false);
  request.by = body.value("by", "");
  request.one_per_study = body.value("one_per_study", false);
  request.rho = body.value("rho", request.rho);
  request.level = body.value("level", request.level);
  if (const auto min_rob = body.find("min_rob"); min_rob != body.end() && min_rob->is_number()) {
    request.min_rob = min_rob->get<double>();
  }
  StatusOr<char> separator = CharOption(body, "separator", ',');
  if (!separator.ok()) return separator.status();
  StatusOr<char> decimal_mark = CharOption(body, "decimal_mark", '.');
  if (!decimal_mark.ok()) return decimal_mark.status();
  request.separator = *separator;
  request.decimal_mark = *decimal_mark;
  return request;
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
