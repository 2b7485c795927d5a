# Generates a C++ source that holds one file as a string, returned by a function
# `const std::string& FUNCTION()` declared in HEADER (run at build time by add_custom_command;
# inputs: INPUT, OUTPUT, HEADER, FUNCTION). The text is split into raw string literals of at most
# 16,000 bytes, joined at first use: C++ compilers need only support literals of 65,536 bytes
# (clang's -Woverlength-strings), and the Metapsy data is larger.
file(READ "${INPUT}" content)
get_filename_component(name "${INPUT}" NAME)
string(LENGTH "${content}" length)
set(parts "")
set(offset 0)
while(offset LESS length)
  string(SUBSTRING "${content}" ${offset} 16000 chunk)
  string(APPEND parts "      R\"refract_text(${chunk})refract_text\",\n")
  math(EXPR offset "${offset} + 16000")
endwhile()
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
