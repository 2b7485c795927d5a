# Generates a C++ source that holds knowledge/interventions.json as a string literal (run at build
# time by add_custom_command; inputs: INPUT, OUTPUT).
file(READ "${INPUT}" content)
file(WRITE "${OUTPUT}" "// Generated from knowledge/interventions.json by src/io/embed_interventions.cmake. Do not edit.
#include \"refract/io/interventions_json.h\"

namespace refract {

const std::string& EmbeddedInterventionsText() {
  static const std::string kText = R\"refract_json(${content})refract_json\";
  return kText;
}

}  // namespace refract
")
