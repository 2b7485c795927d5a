# Generates a C++ source holding the web app's files as string literals, with a lookup table by
# path (run at build time by add_custom_command). Inputs: ROOT (the folder the paths are relative
# to), FILES (a ;-list of absolute paths under ROOT), EXTRA (a ;-list of "path=absolute file"
# pairs served under another name), OUTPUT. Each file becomes raw-string parts of at most 16,000
# bytes (cmake/RefractLiteralParts.cmake).
include(${CMAKE_CURRENT_LIST_DIR}/RefractLiteralParts.cmake)

function(refract_content_type path out)
  get_filename_component(extension "${path}" LAST_EXT)
  set(type "application/octet-stream")
  if(extension STREQUAL ".html")
    set(type "text/html")
  elseif(extension STREQUAL ".js")
    set(type "text/javascript")
  elseif(extension STREQUAL ".css")
    set(type "text/css")
  elseif(extension STREQUAL ".json")
    set(type "application/json")
  elseif(extension STREQUAL ".svg")
    set(type "image/svg+xml")
  endif()
  set(${out} "${type}" PARENT_SCOPE)
endfunction()

set(pairs "")
foreach(file IN LISTS FILES)
  file(RELATIVE_PATH path "${ROOT}" "${file}")
  list(APPEND pairs "${path}=${file}")
endforeach()
list(APPEND pairs ${EXTRA})
list(SORT pairs)

set(arrays "")
set(entries "")
set(index 0)
foreach(pair IN LISTS pairs)
  string(FIND "${pair}" "=" split)
  string(SUBSTRING "${pair}" 0 ${split} path)
  math(EXPR start "${split} + 1")
  string(SUBSTRING "${pair}" ${start} -1 file)
  file(READ "${file}" content)
  refract_literal_parts("${content}" parts)
  refract_content_type("${path}" type)
  string(APPEND arrays "const char* const kParts${index}[] = {\n${parts}};\n")
  string(APPEND entries "    {\"${path}\", \"${type}\", kParts${index}, std::size(kParts${index})},\n")
  math(EXPR index "${index} + 1")
endforeach()

file(WRITE "${OUTPUT}" "// Generated from web/ by cmake/embed_assets.cmake. Do not edit.
#include <iterator>
#include <string>
#include <vector>

#include \"refract/web/assets.h\"

namespace refract::web {
namespace {

${arrays}
struct RawAsset {
  const char* path;
  const char* content_type;
  const char* const* parts;
  size_t part_count;
};

const RawAsset kRawAssets[] = {
${entries}};

}  // namespace

std::span<const Asset> Assets() {
  static const std::vector<std::string> kBodies = [] {
    std::vector<std::string> bodies;
    for (const RawAsset& raw : kRawAssets) {
      std::string body;
      for (size_t i = 0; i < raw.part_count; ++i) body += raw.parts[i];
      bodies.push_back(std::move(body));
    }
    return bodies;
  }();
  static const std::vector<Asset> kAssets = [] {
    std::vector<Asset> assets;
    for (size_t i = 0; i < std::size(kRawAssets); ++i) {
      assets.push_back({kRawAssets[i].path, kRawAssets[i].content_type, kBodies[i]});
    }
    return assets;
  }();
  return kAssets;
}

}  // namespace refract::web
")
