#include "refract/base/status.h"

#include <gtest/gtest.h>

namespace refract {
namespace {

TEST(StatusTest, DefaultIsOk) { EXPECT_TRUE(Status().ok()); }

TEST(StatusTest, CarriesCodeAndMessage) {
  Status status = Status::InvalidArgument("$.id: required");
  EXPECT_FALSE(status.ok());
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(), "$.id: required");
}

TEST(StatusOrTest, HoldsValue) {
  StatusOr<int> value = 7;
  ASSERT_TRUE(value.ok());
  EXPECT_EQ(*value, 7);
}

TEST(StatusOrTest, OkStatusWithoutValueBecomesInternalError) {
  StatusOr<int> value = Status::Ok();
  EXPECT_FALSE(value.ok());
  EXPECT_EQ(value.status().code(), StatusCode::kInternal);
}

}  // namespace
}  // namespace refract
