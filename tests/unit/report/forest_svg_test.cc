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
  evidence::ForestPanel panel;
  panel.rows = {{"Smith & Jones <2001>", 0.5, 0.1, 0.9, 60}, {"Doe 2003", 0.8, 0.2, 1.4, 40}};
  panel.summary = {.label = "RE (REML), k = 2",
                   .pooled = true,
                   .estimate = 0.62,
                   .ci_lb = 0.3,
                   .ci_ub = 0.94,
                   .pi_lb = -0.1,
                   .pi_ub = 1.34,
                   .has_pi = true,
                   .heterogeneity = "Heterogeneity: tau2 = 0.100, I2 = 40.0%"};
  forest.panels = {panel};
  forest.favours_left = "Favours control";
  forest.favours_right = "Favours CBT";
  forest.convention = "Sign convention: values above 0 favour arm 1.";
  return forest;
}

// Two subgroup panels, the second one not pooled, and the overall estimate.
evidence::ForestData WithSubgroups() {
  evidence::ForestData forest = Example();
  forest.panels[0].heading = "format = individual";
  evidence::ForestPanel single;
  single.heading = "format = group";
  single.summary.label = "Not pooled: k = 1";
  forest.panels.push_back(single);
  forest.overall = forest.panels[0].summary;
  forest.overall->label = "Overall";
  forest.subgroup_test = "Test for subgroup differences: Q(1) = 2.00, p = 0.157";
  return forest;
}

TEST(ForestSvgTest, DrawsStudiesDiamondPredictionIntervalAndAxis) {
  std::string svg = RenderForestSvg(Example());
  EXPECT_EQ(svg.rfind("<?xml", 0), 0u);
  EXPECT_NE(svg.find("</svg>"), std::string::npos);
  EXPECT_EQ(Count(svg, "<rect class=\"study\""), 2u);       // one weight square per study
  EXPECT_EQ(Count(svg, "<polygon class=\"diamond\""), 1u);  // the pooled diamond
  EXPECT_EQ(Count(svg, "<rect class=\"pi\""), 1u);
  EXPECT_NE(svg.find("Heterogeneity: tau2 = 0.100"), std::string::npos);
  EXPECT_NE(svg.find("Favours control"), std::string::npos);
  EXPECT_NE(svg.find("Favours CBT"), std::string::npos);
  EXPECT_NE(svg.find("Sign convention: values above 0 favour arm 1."), std::string::npos);
  EXPECT_NE(svg.find("95% prediction interval"), std::string::npos);
  EXPECT_NE(svg.find("0.62 [0.30, 0.94]"), std::string::npos);
  EXPECT_NE(svg.find("60.0%"), std::string::npos);
  EXPECT_NE(svg.find(">-0.2<"), std::string::npos);            // "nice" ticks every 0.2
  EXPECT_NE(svg.find("stroke-dasharray"), std::string::npos);  // the null line
}

TEST(ForestSvgTest, SubgroupPanelsDiamondsAndTestOfDifferences) {
  std::string svg = RenderForestSvg(WithSubgroups());
  EXPECT_EQ(Count(svg, "<g class=\"panel\">"), 2u);
  EXPECT_EQ(Count(svg, "<polygon class=\"diamond\""), 2u);  // subgroup 1 and overall
  EXPECT_NE(svg.find("format = individual"), std::string::npos);
  EXPECT_NE(svg.find("Not pooled: k = 1"), std::string::npos);
  EXPECT_NE(svg.find("Test for subgroup differences: Q(1) = 2.00"), std::string::npos);
}

TEST(ForestSvgTest, EscapesLabels) {
  std::string svg = RenderForestSvg(Example());
  EXPECT_NE(svg.find("Smith &amp; Jones &lt;2001&gt;"), std::string::npos);
  EXPECT_EQ(svg.find("<2001>"), std::string::npos);
}

TEST(ForestSvgTest, FixedEffectHasNoPredictionInterval) {
  evidence::ForestData forest = Example();
  forest.panels[0].summary.has_pi = false;
  EXPECT_EQ(RenderForestSvg(forest).find("prediction interval"), std::string::npos);
}

TEST(ForestSvgTest, ExponentiatedLabelsForRatioMeasures) {
  evidence::ForestData forest = Example();
  std::string svg = RenderForestSvg(forest, {.exponentiate = true});
  EXPECT_NE(svg.find("1.86 [1.35, 2.56]"), std::string::npos);  // exp(0.62), exp(0.3), exp(0.94)
}

}  // namespace
}  // namespace refract::report
