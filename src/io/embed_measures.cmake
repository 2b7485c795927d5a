# Generates a C++ source that holds the measures knowledge (knowledge/instruments/<id>.json and
# knowledge/measures_parameters.json) as string literals. Run at build time by add_custom_command;
# inputs: KNOWLEDGE_DIR, INSTRUMENTS (comma-separated ids), OUTPUT.
string(REPLACE "," ";" instruments "${INSTRUMENTS}")
set(body "")
foreach(instrument IN LISTS instruments)
  file(READ "${KNOWLEDGE_DIR}/instruments/${instrument}.json" content)
  string(APPEND body "      {\"${instrument}\", R\"refract_json(${content})refract_json\"},\n")
endforeach()
file(READ "${KNOWLEDGE_DIR}/measures_parameters.json" parameters)
file(WRITE "${OUTPUT}" "// Generated from knowledge/instruments/*.json and knowledge/measures_parameters.json by
// src/io/embed_measures.cmake. Do not edit.
#include \"refract/io/instrument_json.h\"

namespace refract {

const MeasuresTexts& EmbeddedMeasuresTexts() {
  static const MeasuresTexts kTexts = {
      .instruments = {
${body}      },
      .parameters = R\"refract_json(${parameters})refract_json\"};
  return kTexts;
}

}  // namespace refract
")
