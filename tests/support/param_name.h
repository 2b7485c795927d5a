// Test names for table-driven TEST_P suites whose rows carry a `name` (header-only).
#pragma once

#include <gtest/gtest.h>

#include <string>

namespace refract::test_support {

// INSTANTIATE_TEST_SUITE_P(..., ::testing::ValuesIn(kCases), RowName{});
struct RowName {
  template <typename Row>
  std::string operator()(const ::testing::TestParamInfo<Row>& row) const {
    return std::string(row.param.name);
  }
};

}  // namespace refract::test_support
