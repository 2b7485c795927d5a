#include "refract/report/funnel_svg.h"

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

evidence::FunnelData Example() {
  evidence::FunnelData funnel;
  funnel.title = "CBT <funnel>";
  funnel.measure = "Hedges' g";
  funnel.points = {{0.5, 0.2, false}, {0.8, 0.3, false}, {0.3, 0.1, false}, {-0.1, 0.25, true}};
  funnel.estimate = 0.4;
  funnel.filled_estimate = 0.3;
  funnel.note = "Trim and fill: 1 studies imputed on the left (hollow)";
  return funnel;
}

TEST(FunnelSvgTest, ContoursPointsAndPseudoConfidenceRegion) {
  std::string svg = RenderFunnelSvg(Example());
  EXPECT_EQ(svg.rfind("<?xml", 0), 0u);
  EXPECT_EQ(Count(svg, "class=\"contour\""), 4u);  // background (p < 0.01) and three regions
  EXPECT_EQ(Count(svg, "<circle class=\"observed\""), 3u);
  EXPECT_EQ(Count(svg, "<circle class=\"filled\""), 1u);
  EXPECT_EQ(Count(svg, "stroke-dasharray=\"5,4\""), 2u);  // the pseudo-CI lines
  EXPECT_NE(svg.find("0.10 &gt; p &gt; 0.05"), std::string::npos);
  EXPECT_NE(svg.find("p &lt; 0.01"), std::string::npos);
  EXPECT_NE(svg.find("Standard error"), std::string::npos);
  EXPECT_NE(svg.find("CBT &lt;funnel&gt;"), std::string::npos);
  EXPECT_NE(svg.find("Trim and fill: 1 studies"), std::string::npos);
}

TEST(FunnelSvgTest, WithoutTrimFillNoHollowPoints) {
  evidence::FunnelData funnel = Example();
  funnel.points.pop_back();
  funnel.filled_estimate.reset();
  funnel.note.clear();
  std::string svg = RenderFunnelSvg(funnel);
  EXPECT_EQ(Count(svg, "<circle class=\"filled\""), 0u);
  EXPECT_EQ(svg.find("stroke-dasharray=\"2,3\""), std::string::npos);
}

}  // namespace
}  // namespace refract::report
