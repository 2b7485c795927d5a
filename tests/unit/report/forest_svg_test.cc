#include "refract/report/forest_svg.h"

#include <gtest/gtest.h>

#include <string>

namespace refract::report {
namespace {

size_t Count(const std::string& text, const std::string& needle) {
  size_t count = 0;
  for (size_t pos = text.find(needle); pos != std::string::npos; pos = text.find(needle, pos + 1)) {
    ++count;
  }
  return count;
}

evidence::ForestData Example() {
  evidence::ForestData forest;
  forest.title = "CBT vs control";
  forest.measure = "Hedges' g";
  forest.rows = {{"Smith & Jones <2001>", 0.5, 0.1, 0.9, 60}, {"Doe 2003", 0.8, 0.2, 1.4, 40}};
  forest.estimate = 0.62;
  forest.ci_lb = 0.3;
  forest.ci_ub = 0.94;
  forest.pi_lb = -0.1;
  forest.pi_ub = 1.34;
  forest.has_pi = true;
  forest.model = "RE (REML), k = 2";
  return forest;
}

TEST(ForestSvgTest, DrawsStudiesDiamondPredictionIntervalAndAxis) {
  std::string svg = RenderForestSvg(Example());
  EXPECT_EQ(svg.rfind("<?xml", 0), 0u);
  EXPECT_NE(svg.find("</svg>"), std::string::npos);
  EXPECT_EQ(Count(svg, "<rect x="), 2u);  // one weight square per study
  EXPECT_EQ(Count(svg, "<polygon"), 1u);  // the pooled diamond
  EXPECT_NE(svg.find("95% prediction interval"), std::string::npos);
  EXPECT_NE(svg.find("0.62 [0.30, 0.94]"), std::string::npos);
  EXPECT_NE(svg.find("60.0%"), std::string::npos);
  EXPECT_NE(svg.find(">-0.2<"), std::string::npos);            // "nice" ticks every 0.2
  EXPECT_NE(svg.find("stroke-dasharray"), std::string::npos);  // the null line
}

TEST(ForestSvgTest, EscapesLabels) {
  std::string svg = RenderForestSvg(Example());
  EXPECT_NE(svg.find("Smith &amp; Jones &lt;2001&gt;"), std::string::npos);
  EXPECT_EQ(svg.find("<2001>"), std::string::npos);
}

TEST(ForestSvgTest, FixedEffectHasNoPredictionInterval) {
  evidence::ForestData forest = Example();
  forest.has_pi = false;
  EXPECT_EQ(RenderForestSvg(forest).find("prediction interval"), std::string::npos);
}

TEST(ForestSvgTest, ExponentiatedLabelsForRatioMeasures) {
  evidence::ForestData forest = Example();
  std::string svg = RenderForestSvg(forest, {.exponentiate = true});
  EXPECT_NE(svg.find("1.86 [1.35, 2.56]"), std::string::npos);  // exp(0.62), exp(0.3), exp(0.94)
}

}  // namespace
}  // namespace refract::report
