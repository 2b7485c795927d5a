# Generates a C++ source that holds the knowledge tables as string literals (run at build time by
# add_custom_command; inputs: KNOWLEDGE_DIR, OUTPUT).
set(tables antidepressants augmenters psychotherapies adverse_effects parameters)
set(body "")
foreach(table IN LISTS tables)
  file(READ "${KNOWLEDGE_DIR}/${table}.json" content)
  string(APPEND body "      {\"${table}\", R\"refract_json(${content})refract_json\"},\n")
endforeach()
file(WRITE "${OUTPUT}" "// Generated from knowledge/*.json by src/io/embed_knowledge.cmake. Do not edit.
#include \"refract/io/knowledge_json.h\"

namespace refract {

const KnowledgeTexts& EmbeddedKnowledgeTexts() {
  static const KnowledgeTexts kTexts = {
${body}  };
  return kTexts;
}

}  // namespace refract
")
