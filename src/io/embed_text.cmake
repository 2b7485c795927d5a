# Generates a C++ source that holds one file as a string, returned by a function
# `const std::string& FUNCTION()` declared in HEADER (run at build time by add_custom_command;
# inputs: INPUT, OUTPUT, HEADER, FUNCTION). The text is split into raw string literals of at most
# 16,000 bytes (cmake/RefractLiteralParts.cmake), joined at first use.
file(READ "${INPUT}" content)
get_filename_component(name "${INPUT}" NAME)
include(${CMAKE_CURRENT_LIST_DIR}/../../cmake/RefractLiteralParts.cmake)
refract_literal_parts("${content}" parts)
file(WRITE "${OUTPUT}" "// Generated from ${name} by src/io/embed_text.cmake. Do not edit.
#include \"${HEADER}\"

namespace refract {

const std::string& ${FUNCTION}() {
  static const std::string kText = [] {
    static const char* const kParts[] = {
${parts}    };
    std::string text;
    for (const char* part : kParts) text += part;
    return text;
  }();
  return kText;
}

}  // namespace refract
")
