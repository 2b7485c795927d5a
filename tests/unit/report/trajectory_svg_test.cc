#include "refract/report/trajectory_svg.h"

#include <gtest/gtest.h>

#include "embedded_knowledge.h"

namespace refract::report {
namespace {

using test_support::EmbeddedMeasures;

PatientRecord RecordWith(std::vector<std::optional<int>> item9_values) {
  PatientRecord record = *test_support::ParseRecord(
      R"({"format": "refract-patient/1", "id": "p<1>", "as_of": "2026-06-01", "diagnosis": "mdd",
          "episode": {"onset": "2025-01-01", "severity": "moderate"},
          "treatments": [{"id": "T1", "kind": "antidepressant", "drug": "sertraline", "start": "2025-02-01",
                          "doses": [{"from": "2025-02-01", "mg_per_day": 100}]}]})");
  int day = 1;
  for (const std::optional<int>& item9 : item9_values) {
    Administration administration;
    administration.instrument = "phq9";
    administration.date = AddDays(*Date::Parse("2025-02-01"), 14 * day++);
    administration.items = {2, 2, 2, 2, 2, 2, 2, 2, item9, std::nullopt};
    record.assessments.push_back(administration);
  }
  return record;
}

std::string Render(const PatientRecord& record) {
  const MeasuresReport report =
      AnalyseMeasures(record, test_support::EmbeddedKnowledge(), EmbeddedMeasures());
  const InstrumentSeries* series = FindSeries(report, "phq9");
  EXPECT_NE(series, nullptr);
  return RenderTrajectorySvg(
      *series, *measures::FindInstrument(EmbeddedMeasures().instruments, "phq9"), record);
}

size_t Count(const std::string& text, const std::string& needle) {
  size_t count = 0;
  for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1))
    ++count;
  return count;
}

TEST(TrajectorySvgTest, ShadesEveryBandAndDrawsEveryPoint) {
  const std::string svg = Render(RecordWith({0, 0, 0}));
  EXPECT_EQ(svg.rfind("<svg", 0), 0u);
  EXPECT_EQ(Count(svg, "(0+)") + Count(svg, "(5+)") + Count(svg, "(10+)") + Count(svg, "(15+)") +
                Count(svg, "(20+)"),
            5u);
  EXPECT_EQ(Count(svg, "r=\"4\""), 3u);
  EXPECT_NE(svg.find("T1 sertraline"), std::string::npos);  // treatment period
  EXPECT_NE(svg.find("Decision support for a clinician"), std::string::npos);
}

TEST(TrajectorySvgTest, RingsEveryPositiveOrUnansweredSelfHarmItem) {
  const std::string svg = Render(RecordWith({0, 1, std::nullopt}));
  EXPECT_EQ(Count(svg, "stroke=\"#c00000\""), 2u);  // item 9 = 1, and item 9 unanswered
}

TEST(TrajectorySvgTest, DoesNotRingATotalOnlyAdministration) {
  PatientRecord record = RecordWith({0});
  Administration total_only;
  total_only.instrument = "phq9";
  total_only.date = *Date::Parse("2025-04-01");
  total_only.total = 15;
  record.assessments.push_back(total_only);
  const std::string svg = Render(record);
  EXPECT_EQ(Count(svg, "r=\"4\""), 2u);
  EXPECT_EQ(Count(svg, "stroke=\"#c00000\""), 0u);  // "item not available" is a notice
}

TEST(TrajectorySvgTest, EscapesThePatientId) {
  const std::string svg = Render(RecordWith({0}));
  EXPECT_NE(svg.find("p&lt;1&gt;"), std::string::npos);
  EXPECT_EQ(svg.find("p<1>"), std::string::npos);
}

}  // namespace
}  // namespace refract::report
