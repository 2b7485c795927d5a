// docs/openapi.json, embedded at build time (src/server/CMakeLists.txt); served at
// GET /api/v1/openapi.json and checked against the routes by tests/server/openapi_test.cc.
#pragma once

#include <string>

namespace refract {

const std::string& OpenApiDocument();

}  // namespace refract
