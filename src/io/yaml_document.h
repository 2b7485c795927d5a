// YAML to JSON for the record reader (private to refract::io; yaml-cpp is a private dependency).
//
// A YAML document becomes the nlohmann::json tree the strict JSON reader already checks, so every
// later error names the same path ("$.treatments[2].end: ..."). Scalars follow the YAML 1.2 core
// schema (yaml.org/spec/1.2.2 §10.3.2) for plain scalars only:
//   null, Null, NULL, ~ and empty           -> null
//   true/True/TRUE, false/False/FALSE        -> boolean
//   [-+]?[0-9]+, 0o[0-7]+, 0x[0-9a-fA-F]+    -> integer (a decimal beyond 64 bits -> number)
//   [-+]?(.[0-9]+|[0-9]+(.[0-9]*)?)([eE][-+]?[0-9]+)?, [-+]?.inf, .nan -> number
//   anything else                             -> string
// so `yes`/`no`/`on`/`off` and dates (2024-04, 2024-04-15) stay strings; quoted scalars are always
// strings. A clinical record must be explicit: duplicate keys, anchors and aliases, explicit tags,
// non-scalar keys and a second document are rejected, each naming the path and the line and
// column (1-based). A syntax error names the line and column. Never throws.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "refract/base/status.h"

namespace refract::io_internal {

// The single YAML document in `text` as JSON. kInvalidArgument lists every problem, one per line.
StatusOr<nlohmann::json> YamlToJson(std::string_view text);

// The same, keeping the document's key order (for showing a document as JSON).
StatusOr<nlohmann::ordered_json> YamlToOrderedJson(std::string_view text);

// The core-schema value of one plain (unquoted) scalar.
nlohmann::json ResolvePlainScalar(const std::string& text);

}  // namespace refract::io_internal
