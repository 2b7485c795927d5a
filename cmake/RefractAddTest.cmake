# refract_add_test(NAME SOURCES ... DEPS ...)
# One GoogleTest executable per subsystem, registered with CTest. Tests run with the project root as
# working directory so that data files are found by relative path (tests/data/..., knowledge/...).
# Normally each test case is its own CTest test (gtest_discover_tests). Under the sanitizers the
# executable is one CTest test running all its cases in one process: an instrumented process takes
# long to start, and one per case (over 2,000) made the sanitizer run several times slower. Every
# executable is also a dependency of the target refract_unit_and_server_tests, which the sanitizer
# runs build (scripts/test --sanitize).
if(NOT TARGET refract_unit_and_server_tests)
  add_custom_target(refract_unit_and_server_tests)
endif()

function(refract_add_test name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} GTest::gtest GTest::gtest_main)
  refract_set_warnings(${name})
  add_dependencies(refract_unit_and_server_tests ${name})
  if(REFRACT_SANITIZE OR REFRACT_TSAN)
    add_test(NAME ${name} COMMAND ${name} WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  else()
    gtest_discover_tests(${name} WORKING_DIRECTORY ${PROJECT_SOURCE_DIR} DISCOVERY_TIMEOUT 60)
  endif()
endfunction()
