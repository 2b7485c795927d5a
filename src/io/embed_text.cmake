# Generates a C++ source that holds one file as a string literal, returned by a function
# `const std::string& FUNCTION()` declared in HEADER (run at build time by add_custom_command;
# inputs: INPUT, OUTPUT, HEADER, FUNCTION).
file(READ "${INPUT}" content)
get_filename_component(name "${INPUT}" NAME)
file(WRITE "${OUTPUT}" "// Generated from ${name} by src/io/embed_text.cmake. Do not edit.
#include \"${HEADER}\"

namespace refract {

const std::string& ${FUNCTION}() {
  static const std::string kText = R\"refract_text(${content})refract_text\";
  return kText;
}

}  // namespace refract
")
