#include "refract/domain/outcome.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <climits>
#include <string>
#include <vector>

namespace refract {
namespace {

struct ImprovementCase {
  int baseline;
  int end;
  ResponseThresholds thresholds;
  OutcomeCategory expected;
};

std::string CaseName(const ::testing::TestParamInfo<ImprovementCase>& info) {
  const ImprovementCase& c = info.param;
  return "Baseline" + std::to_string(c.baseline) + "End" + std::to_string(c.end) + "Response" +
         std::to_string(c.thresholds.response_pct) + "Partial" +
         std::to_string(c.thresholds.partial_pct);
}

// Category of a score pair that is known NOT to lie exactly on a boundary, by floating point: off a
// boundary the percentage is at least 1/baseline points away from it, far beyond rounding error.
OutcomeCategory OffBoundaryCategory(int baseline, int end, ResponseThresholds thresholds) {
  const double pct = 100.0 * (baseline - end) / baseline;
  if (pct > thresholds.response_pct) return OutcomeCategory::kResponse;
  if (pct > thresholds.partial_pct) return OutcomeCategory::kPartialResponse;
  return OutcomeCategory::kNonresponse;
}

// Every baseline up to 120 at which `pct` % improvement is a whole score: the exact boundary
// belongs to the upper category; one point less improvement falls below it.
std::vector<ImprovementCase> ExactBoundaries(ResponseThresholds thresholds) {
  std::vector<ImprovementCase> cases;
  for (int baseline = 1; baseline <= 120; ++baseline) {
    for (const auto& [pct, category] :
         {std::pair{thresholds.partial_pct, OutcomeCategory::kPartialResponse},
          std::pair{thresholds.response_pct, OutcomeCategory::kResponse}}) {
      if (pct * baseline % 100 != 0) continue;
      const int end = baseline - pct * baseline / 100;
      for (const ImprovementCase& c :
           {ImprovementCase{baseline, end, thresholds, category},
            ImprovementCase{baseline, end + 1, thresholds,
                            OffBoundaryCategory(baseline, end + 1, thresholds)}}) {
        // At small baselines one point below the response boundary is the partial boundary.
        const bool seen = std::any_of(cases.begin(), cases.end(), [&](const ImprovementCase& o) {
          return o.baseline == c.baseline && o.end == c.end;
        });
        if (!seen) cases.push_back(c);
      }
    }
  }
  return cases;
}

class ClassifyImprovementBoundaryTest : public ::testing::TestWithParam<ImprovementCase> {};

TEST_P(ClassifyImprovementBoundaryTest, ExactBoundaryBelongsToUpperCategory) {
  const ImprovementCase& c = GetParam();
  EXPECT_EQ(ClassifyImprovement(c.baseline, c.end, c.thresholds), c.expected)
      << ToString(c.expected);
}

// staging-decisions.md §3 [D]: exactly 25 % is partial response, exactly 50 % is response.
INSTANTIATE_TEST_SUITE_P(DefaultThresholds, ClassifyImprovementBoundaryTest,
                         ::testing::ValuesIn(ExactBoundaries({50, 25})), CaseName);

// Thresholds at which a floating-point percentage misrounds below the boundary, e.g. baseline 5,
// end 4: 100 * (1 - 4 / 5.0) = 19.999999999999996 < 20, and baseline 20, end 11: 1 - 11 / 20.0 <
// 0.45. The integer rule must still put the exact boundary in the upper category.
INSTANTIATE_TEST_SUITE_P(FloatingPointTraps80And20, ClassifyImprovementBoundaryTest,
                         ::testing::ValuesIn(ExactBoundaries({80, 20})), CaseName);
INSTANTIATE_TEST_SUITE_P(FloatingPointTraps55And45, ClassifyImprovementBoundaryTest,
                         ::testing::ValuesIn(ExactBoundaries({55, 45})), CaseName);
INSTANTIATE_TEST_SUITE_P(FloatingPointTraps33And10, ClassifyImprovementBoundaryTest,
                         ::testing::ValuesIn(ExactBoundaries({33, 10})), CaseName);

class ClassifyImprovementTest : public ::testing::TestWithParam<ImprovementCase> {};

TEST_P(ClassifyImprovementTest, ClassifiesByPercentImprovement) {
  const ImprovementCase& c = GetParam();
  EXPECT_EQ(ClassifyImprovement(c.baseline, c.end, c.thresholds), c.expected);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, ClassifyImprovementTest,
    ::testing::Values(
        // Worsening is nonresponse (staging-decisions.md §3 [D]).
        ImprovementCase{30, 31, {}, OutcomeCategory::kNonresponse},
        ImprovementCase{10, 40, {}, OutcomeCategory::kNonresponse},
        ImprovementCase{30, 30, {}, OutcomeCategory::kNonresponse},
        // Just either side of the boundaries where they are not whole scores: baseline 30,
        // 25 % = 7.5 points, 50 % = 15 points.
        ImprovementCase{30, 23, {}, OutcomeCategory::kNonresponse},      // 23.3 %
        ImprovementCase{30, 22, {}, OutcomeCategory::kPartialResponse},  // 26.7 %
        ImprovementCase{30, 15, {}, OutcomeCategory::kResponse},         // 50 %
        ImprovementCase{30, 16, {}, OutcomeCategory::kPartialResponse},  // 46.7 %
        ImprovementCase{30, 0, {}, OutcomeCategory::kResponse},          // 100 %
        ImprovementCase{1, 0, {}, OutcomeCategory::kResponse},
        ImprovementCase{1, 1, {}, OutcomeCategory::kNonresponse},
        // Custom thresholds move both boundaries.
        ImprovementCase{20, 8, {60, 30}, OutcomeCategory::kResponse},          // 60 %
        ImprovementCase{20, 9, {60, 30}, OutcomeCategory::kPartialResponse},   // 55 %
        ImprovementCase{20, 14, {60, 30}, OutcomeCategory::kPartialResponse},  // 30 %
        ImprovementCase{20, 15, {60, 30}, OutcomeCategory::kNonresponse},      // 25 %
        // Extreme scores do not overflow the integer arithmetic.
        ImprovementCase{INT_MAX, 0, {}, OutcomeCategory::kResponse},
        ImprovementCase{INT_MAX, INT_MAX, {}, OutcomeCategory::kNonresponse},
        ImprovementCase{INT_MAX, INT_MAX / 2, {}, OutcomeCategory::kResponse},
        ImprovementCase{INT_MAX, INT_MAX / 2 + 1, {}, OutcomeCategory::kPartialResponse},
        ImprovementCase{1, INT_MAX, {}, OutcomeCategory::kNonresponse}),
    CaseName);

TEST(ClassifyImprovementTest, DefaultThresholdsAreFiftyAndTwentyFivePercent) {
  const ResponseThresholds thresholds;
  EXPECT_EQ(thresholds.response_pct, 50);
  EXPECT_EQ(thresholds.partial_pct, 25);
}

TEST(ImprovementPercentTest, IsHundredTimesRelativeDrop) {
  EXPECT_DOUBLE_EQ(ImprovementPercent(30, 26), 100.0 * 4 / 30);
  EXPECT_DOUBLE_EQ(ImprovementPercent(40, 30), 25.0);
  EXPECT_DOUBLE_EQ(ImprovementPercent(20, 0), 100.0);
}

TEST(ImprovementPercentTest, IsNegativeWhenWorse) {
  EXPECT_DOUBLE_EQ(ImprovementPercent(20, 25), -25.0);
}

TEST(OutcomeCategoryTest, HasStableLowerCaseNames) {
  const std::vector<std::pair<OutcomeCategory, std::string_view>> names = {
      {OutcomeCategory::kNonresponse, "nonresponse"},
      {OutcomeCategory::kPartialResponse, "partial_response"},
      {OutcomeCategory::kResponse, "response"},
      {OutcomeCategory::kRemission, "remission"},
      {OutcomeCategory::kUnknown, "unknown"}};
  for (const auto& [category, name] : names) EXPECT_EQ(ToString(category), name);
}

}  // namespace
}  // namespace refract
