# refract_add_library(NAME SOURCES ... DEPS ... PRIVATE_DEPS ...)
# One static library per subsystem, aliased refract::NAME, with the project's warnings and the public
# include directory. Dependencies listed in DEPS are PUBLIC, PRIVATE_DEPS are PRIVATE.
function(refract_add_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS;PRIVATE_DEPS" ${ARGN})
  add_library(refract_${name} STATIC ${ARG_SOURCES})
  add_library(refract::${name} ALIAS refract_${name})
  target_include_directories(refract_${name} PUBLIC ${PROJECT_SOURCE_DIR}/include)
  target_link_libraries(refract_${name} PUBLIC ${ARG_DEPS} PRIVATE ${ARG_PRIVATE_DEPS})
  refract_set_warnings(refract_${name})
endfunction()
