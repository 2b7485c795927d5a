// FitThreeLevel: input errors, and a within-cluster component at its boundary (0).
#include <gtest/gtest.h>

#include <limits>
#include <string>

#include "refract/stats/rma_mv.h"

namespace refract::stats {
namespace {

ThreeLevelInput EightEffects() {
  // Pairs of nearly equal effects in four clusters: no heterogeneity within clusters.
  return {.yi = {0.1, 0.12, 0.5, 0.48, 0.9, 0.9, -0.2, -0.21},
          .vi = {0.04, 0.05, 0.04, 0.03, 0.04, 0.06, 0.05, 0.04},
          .cluster = {"A", "A", "B", "B", "C", "C", "D", "D"}};
}

TEST(ThreeLevelEdgeCasesTest, WithinComponentAtZeroMatchesMetafor) {
  // R 4.2.2 / metafor 3.8-1: rma.mv(yi, vi, random = ~ 1 | cl/id) on these data gives
  // beta 0.3228030163237009, se 0.23744355399939276, sigma2 (0.2041503101409459, 1.44e-12),
  // logLik -0.47874251228032505 (nlminb on log sigma2 stops just above 0).
  StatusOr<ThreeLevelResult> r = FitThreeLevel(EightEffects());
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_TRUE(r->boundary);
  EXPECT_EQ(r->sigma2_within, 0.0);
  EXPECT_NEAR(r->sigma2_between, 0.2041503101409459, 1e-8);
  EXPECT_NEAR(r->estimate, 0.3228030163237009, 1e-8);
  EXPECT_NEAR(r->se, 0.23744355399939276, 1e-8);
  EXPECT_NEAR(r->reml.ll, -0.47874251228032505, 1e-8);
  EXPECT_EQ(r->clusters, 4u);
}

TEST(ThreeLevelEdgeCasesTest, RejectsBadInputNamingTheField) {
  ThreeLevelInput bad = EightEffects();
  bad.vi[3] = -0.1;
  EXPECT_EQ(FitThreeLevel(bad).status().message(),
            "vi[3]: sampling variance must be > 0 (got -0.1)");
  bad = EightEffects();
  bad.cluster.pop_back();
  EXPECT_EQ(FitThreeLevel(bad).status().code(), StatusCode::kInvalidArgument);
  bad = EightEffects();
  bad.yi[0] = std::numeric_limits<double>::infinity();
  EXPECT_EQ(FitThreeLevel(bad).status().message(), "yi[0]: effect size must be finite");
}

TEST(ThreeLevelEdgeCasesTest, NeedsTwoClustersAndOneNestedCluster) {
  ThreeLevelInput one_cluster = EightEffects();
  one_cluster.cluster.assign(8, "A");
  EXPECT_NE(FitThreeLevel(one_cluster).status().message().find("at least 2 clusters"),
            std::string::npos);
  ThreeLevelInput singletons = EightEffects();
  singletons.cluster = {"1", "2", "3", "4", "5", "6", "7", "8"};
  EXPECT_EQ(FitThreeLevel(singletons).status().code(), StatusCode::kInvalidArgument);
}

TEST(ThreeLevelEdgeCasesTest, ReportsNonConvergenceAsFailedPrecondition) {
  ThreeLevelOptions options;
  options.max_iterations = 1;
  EXPECT_EQ(FitThreeLevel(EightEffects(), options).status().code(),
            StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace refract::stats
