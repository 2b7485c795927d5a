#include "meta_analyses_body.h"

#include <fmt/format.h>

#include <string>

namespace refract::server::api {
namespace {

using nlohmann::json;

Status Invalid(const std::string& path, const std::string& rule) {
  return Status::InvalidFields({{path, rule}});
}

Status ReadFlag(const json& body, const char* key, bool& out) {
  auto it = body.find(key);
  if (it == body.end() || it->is_null()) return Status::Ok();
  if (!it->is_boolean()) return Invalid(std::string("$.") + key, "must be true or false");
  out = it->get<bool>();
  return Status::Ok();
}

Status ReadText(const json& body, const char* key, std::string& out) {
  auto it = body.find(key);
  if (it == body.end() || it->is_null()) return Status::Ok();
  if (!it->is_string()) return Invalid(std::string("$.") + key, "must be a string");
  out = it->get<std::string>();
  return Status::Ok();
}

Status ReadPredict(const json& body, std::vector<std::vector<double>>& out) {
  auto it = body.find("predict");
  if (it == body.end() || it->is_null()) return Status::Ok();
  const std::string rule = "must be an array of arrays of numbers (moderator values)";
  if (!it->is_array()) return Invalid("$.predict", rule);
  for (size_t i = 0; i < it->size(); ++i) {
    const json& row = (*it)[i];
    if (!row.is_array() || row.empty()) return Invalid(fmt::format("$.predict[{}]", i), rule);
    std::vector<double> values;
    for (size_t j = 0; j < row.size(); ++j) {
      if (!row[j].is_number()) {
        return Invalid(fmt::format("$.predict[{}][{}]", i, j), "must be a number");
      }
      values.push_back(row[j].get<double>());
    }
    out.push_back(std::move(values));
  }
  return Status::Ok();
}

}  // namespace

Status ReadMetaAnalyses(const json& body, MetaAnalysesRequest& out) {
  for (const auto& [key, flag] :
       {std::pair{"leave1out", &out.leave1out}, std::pair{"cumulative", &out.cumulative},
        std::pair{"regtest", &out.regtest}, std::pair{"trimfill", &out.trimfill},
        std::pair{"confint", &out.confint}, std::pair{"influence", &out.influence}}) {
    if (Status s = ReadFlag(body, key, *flag); !s.ok()) return s;
  }
  if (Status s = ReadText(body, "order", out.order); !s.ok()) return s;
  if (Status s = ReadText(body, "mods", out.mods); !s.ok()) return s;
  return ReadPredict(body, out.predict);
}

}  // namespace refract::server::api
