// Building a refract::Parameter for a result's basis (private to refract::measures).
#pragma once

#include <string>
#include <utility>

#include "refract/knowledge/knowledge.h"

namespace refract::measures::internal {

inline Parameter MakeParameter(std::string id, double value, Provenance provenance) {
  Parameter parameter;
  parameter.id = std::move(id);
  parameter.value = value;
  parameter.provenance = std::move(provenance);
  return parameter;
}

}  // namespace refract::measures::internal
