# refract_add_test(NAME SOURCES ... DEPS ...)
# One GoogleTest executable per subsystem, registered with CTest. Tests run with the project root as
# working directory so that data files are found by relative path (tests/data/..., knowledge/...).
function(refract_add_test name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} GTest::gtest GTest::gtest_main)
  refract_set_warnings(${name})
  gtest_discover_tests(${name} WORKING_DIRECTORY ${PROJECT_SOURCE_DIR} DISCOVERY_TIMEOUT 60)
endfunction()
