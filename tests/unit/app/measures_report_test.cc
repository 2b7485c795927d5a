#include "refract/app/measures_report.h"

#include <gtest/gtest.h>

#include "embedded_knowledge.h"
#include "param_name.h"

namespace refract {
namespace {

using test_support::EmbeddedMeasures;
using test_support::ParseRecord;

std::string Record(const std::string& treatments, const std::string& assessments) {
  return R"({"format": "refract-patient/1", "id": "t", "as_of": "2026-06-01", "diagnosis": "mdd",
             "episode": {"onset": "2025-01-01", "severity": "moderate"},
             "treatments": [)" +
         treatments + R"(], "assessments": [)" + assessments + "]}";
}

MeasuresReport Analyse(const std::string& text) {
  StatusOr<PatientRecord> record = ParseRecord(text);
  EXPECT_TRUE(record.ok()) << record.status().message();
  return AnalyseMeasures(*record, test_support::EmbeddedKnowledge(), EmbeddedMeasures());
}

TEST(MeasuresReportTest, ReproducesTheWorkedPhq9SeriesSinceFirst) {
  // measures-decisions.md §9.6: 19 -> 16 -> 14 -> 9 -> 6 (item 9 = 0 throughout).
  const MeasuresReport report = Analyse(Record("", R"(
    {"instrument": "phq9", "date": "2025-02-01", "items": [3,3,2,2,2,3,2,2,0]},
    {"instrument": "phq9", "date": "2025-03-01", "items": [2,2,2,2,2,2,2,2,0]},
    {"instrument": "phq9", "date": "2025-04-01", "items": [2,2,2,2,1,2,2,1,0]},
    {"instrument": "phq9", "date": "2025-05-01", "items": [1,1,1,1,1,1,2,1,0]},
    {"instrument": "phq9", "date": "2025-06-01", "items": [1,1,1,1,0,1,1,0,0]})"));
  const InstrumentSeries* phq9 = FindSeries(report, "phq9");
  ASSERT_NE(phq9, nullptr);
  ASSERT_EQ(phq9->administrations.size(), 5u);
  ASSERT_TRUE(phq9->since_first.has_value());
  EXPECT_EQ(phq9->since_first->baseline, 19);
  EXPECT_EQ(phq9->since_first->follow_up, 6);
  ASSERT_TRUE(phq9->since_first->percent.has_value());
  EXPECT_EQ(phq9->since_first->percent->category, measures::PercentCategory::kResponse);
  EXPECT_EQ(phq9->since_first->remission, false);  // 6 is not < 5
  ASSERT_TRUE(phq9->since_previous.has_value());
  EXPECT_EQ(phq9->since_previous->baseline, 9);
  EXPECT_TRUE(report.alerts.empty());
}

TEST(MeasuresReportTest, EverySelfHarmItemAlertReachesTheReport) {
  const MeasuresReport report = Analyse(Record("", R"(
    {"instrument": "phq9", "date": "2025-02-01", "items": [1,1,1,1,1,1,1,1,2]},
    {"instrument": "qids_sr16", "date": "2025-02-02", "items": [1,1,0,0,2,1,0,0,0,2,2,1,1,2,1,0]},
    {"instrument": "madrs", "date": "2025-02-03", "items": [2,2,2,2,2,2,2,2,2,1]},
    {"instrument": "hamd17", "date": "2025-02-04", "items": [2,2,1,1,1,1,2,1,1,2,1,1,1,1,1,1,1], "item16_variant": "A"},
    {"instrument": "phq9", "date": "2025-02-05", "items": [1,1,1,1,1,1,1,1,null]})"));
  std::vector<std::string> codes;
  for (const auto& alert : report.alerts) codes.push_back(alert.code);
  EXPECT_EQ(codes, (std::vector<std::string>{"SAFETY_ITEM9", "SAFETY_ITEM12", "SAFETY_ITEM10",
                                             "SAFETY_ITEM3", "SAFETY_ITEM_UNANSWERED"}));
  for (size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(report.alerts[i].severity, measures::AlertSeverity::kCritical) << codes[i];
  }
  EXPECT_EQ(report.alerts[4].severity, measures::AlertSeverity::kNotice);
}

TEST(MeasuresReportTest, FlagsInsufficientProgressAgainstTheCurrentStepBaseline) {
  const MeasuresReport report = Analyse(Record(R"(
    {"id": "M1", "kind": "antidepressant", "drug": "sertraline", "start": "2025-03-01",
     "doses": [{"from": "2025-03-01", "mg_per_day": 100}]})",
                                               R"(
    {"instrument": "phq9", "date": "2025-03-01", "items": [2,2,2,2,2,2,2,2,0]},
    {"instrument": "phq9", "date": "2025-04-12", "items": [2,2,2,2,2,2,1,2,0]})"));
  const InstrumentSeries* phq9 = FindSeries(report, "phq9");
  ASSERT_NE(phq9, nullptr);
  ASSERT_TRUE(phq9->not_on_track.has_value());
  EXPECT_EQ(phq9->not_on_track->trajectory().signal,
            measures::NotOnTrackSignal::kYellowInsufficientProgress);
  EXPECT_NE(phq9->not_on_track_step.find("M1"), std::string::npos);
}

// The step baseline is the latest administration on or before the step start plus
// outcome.derived_baseline_days_after (7): a score from the first week is the baseline, a later one
// is not.
struct BaselineCase {
  const char* name;
  const char* baseline_date;  // the only administration before the latest, on 2025-04-12
  bool evaluated;
};

void PrintTo(const BaselineCase& c, std::ostream* os) { *os << c.name; }

class StepBaselineTest : public ::testing::TestWithParam<BaselineCase> {};

TEST_P(StepBaselineTest, TakesTheBaselineFromTheFirstWeekOfTheStep) {
  const MeasuresReport report = Analyse(Record(R"(
    {"id": "M1", "kind": "antidepressant", "drug": "sertraline", "start": "2025-03-01",
     "doses": [{"from": "2025-03-01", "mg_per_day": 100}]})",
                                               std::string(R"(
    {"instrument": "phq9", "date": ")") + GetParam().baseline_date +
                                                   R"(", "items": [2,2,2,2,2,2,2,2,0]},
    {"instrument": "phq9", "date": "2025-04-12", "items": [2,2,2,2,2,2,1,2,0]})"));
  const InstrumentSeries* phq9 = FindSeries(report, "phq9");
  ASSERT_NE(phq9, nullptr);
  EXPECT_EQ(phq9->not_on_track.has_value(), GetParam().evaluated);
}

INSTANTIATE_TEST_SUITE_P(Window, StepBaselineTest,
                         ::testing::Values(BaselineCase{"OnTheStart", "2025-03-01", true},
                                           BaselineCase{"ThreeDaysIn", "2025-03-04", true},
                                           BaselineCase{"SevenDaysIn", "2025-03-08", true},
                                           BaselineCase{"EightDaysIn", "2025-03-09", false}),
                         test_support::RowName{});

TEST(MeasuresReportTest, EarlyWorseningInIstdpIsReportedWithContext) {
  const MeasuresReport report = Analyse(Record(R"(
    {"id": "P1", "kind": "psychotherapy", "modality": "istdp", "sessions": 4, "therapist": "experienced",
     "start": "2026-03-02"})",
                                               R"(
    {"instrument": "phq9", "date": "2026-03-02", "items": [1,1,1,1,1,1,1,1,0], "treatment": "P1", "session": 1},
    {"instrument": "phq9", "date": "2026-03-30", "items": [2,2,2,2,2,2,2,1,0], "treatment": "P1", "session": 4})"));
  const InstrumentSeries* phq9 = FindSeries(report, "phq9");
  ASSERT_NE(phq9, nullptr);
  ASSERT_TRUE(phq9->not_on_track.has_value());
  const measures::NotOnTrackFlag& flag = phq9->not_on_track->trajectory();
  EXPECT_EQ(flag.signal, measures::NotOnTrackSignal::kRedDeterioration);
  EXPECT_TRUE(flag.in_early_worsening_window);
  EXPECT_FALSE(flag.annotation.empty());
}

TEST(MeasuresReportTest, AnUnscorableAdministrationStillRaisesItsAlert) {
  PatientRecord record = *test_support::ParseRecord(Record("", ""));
  Administration administration;
  administration.instrument = "hamd17";
  administration.date = *Date::Parse("2025-02-04");
  // Item 16 answered without its A/B variant cannot be scored; item 3 (suicide) = 2 must still
  // alert.
  administration.items = {2, 2, 2, 1, 1, 1, 2, 1, 1, 2, 1, 1, 1, 1, 1, 1, 1};
  record.assessments.push_back(administration);
  const MeasuresReport report =
      AnalyseMeasures(record, test_support::EmbeddedKnowledge(), EmbeddedMeasures());
  ASSERT_EQ(report.alerts.size(), 1u);
  EXPECT_EQ(report.alerts[0].code, "SAFETY_ITEM3");
  EXPECT_EQ(report.alerts[0].severity, measures::AlertSeverity::kCritical);
}

TEST(MeasuresReportTest, PairsPhq9WithGad7ForTalkingTherapies) {
  // measures-decisions.md §9.6 paired example: PHQ-9 19 -> 9 with GAD-7 12 -> 9: reliable
  // improvement, not recovered.
  const MeasuresReport report = Analyse(Record(R"(
    {"id": "P1", "kind": "psychotherapy", "modality": "cbt", "sessions": 12, "therapist": "experienced",
     "start": "2025-02-01", "end": "2025-05-01"})",
                                               R"(
    {"instrument": "phq9", "date": "2025-02-01", "items": [3,3,2,2,2,3,2,2,0]},
    {"instrument": "gad7", "date": "2025-02-01", "items": [2,2,2,2,2,1,1]},
    {"instrument": "phq9", "date": "2025-05-01", "items": [1,1,1,1,1,1,1,2,0]},
    {"instrument": "gad7", "date": "2025-05-01", "items": [2,2,1,1,1,1,1]})"));
  ASSERT_TRUE(report.talking_therapies.has_value());
  EXPECT_EQ(report.talking_therapies->reliable_change,
            measures::ReliableChangeState::kReliableImprovement);
  EXPECT_FALSE(report.talking_therapies->recovery);
}

// One PHQ-9 is no course: no NHS Talking Therapies classification, and the note says why.
TEST(MeasuresReportTest, TalkingTherapiesNeedsTwoPhq9Administrations) {
  const MeasuresReport one = Analyse(Record("", R"(
    {"instrument": "phq9", "date": "2025-02-01", "items": [3,3,2,2,2,3,2,2,0]},
    {"instrument": "gad7", "date": "2025-02-01", "items": [2,2,2,2,2,1,1]},
    {"instrument": "gad7", "date": "2025-05-01", "items": [2,2,1,1,1,1,1]})"));
  EXPECT_FALSE(one.talking_therapies.has_value());
  EXPECT_EQ(one.talking_therapies_note,
            "not classified: needs two PHQ-9 administrations (1 recorded)");
  const MeasuresReport two = Analyse(Record("", R"(
    {"instrument": "phq9", "date": "2025-02-01", "items": [3,3,2,2,2,3,2,2,0]},
    {"instrument": "gad7", "date": "2025-02-01", "items": [2,2,2,2,2,1,1]},
    {"instrument": "phq9", "date": "2025-05-01", "items": [1,1,1,1,1,1,1,2,0]})"));
  ASSERT_TRUE(two.talking_therapies.has_value());
  EXPECT_EQ(two.talking_therapies_note, "PHQ-9 only (no GAD-7 pair recorded)");
  EXPECT_EQ(two.talking_therapies->reliable_change,
            measures::ReliableChangeState::kReliableImprovement);  // 19 -> 9
}

// Four total-only MADRS (no item 10) after one with items: the latest total-only one keeps its
// notice, the three before it are one summary line; a positive item 10 on the old administration
// with items is still a critical alert.
TEST(MeasuresReportTest, OlderNotAvailableNoticesAreSummarisedPerInstrument) {
  const MeasuresReport report = Analyse(Record("", R"(
    {"instrument": "madrs", "date": "2024-03-01", "items": [3,3,3,3,3,3,3,3,3,2]},
    {"instrument": "madrs", "date": "2024-04-15", "total": 31},
    {"instrument": "madrs", "date": "2024-06-01", "total": 29},
    {"instrument": "madrs", "date": "2024-08-15", "total": 28},
    {"instrument": "madrs", "date": "2024-10-01", "total": 25})"));
  ASSERT_EQ(report.alerts.size(), 2u);
  EXPECT_EQ(report.alerts[0].code, "SAFETY_ITEM10");
  EXPECT_EQ(report.alerts[0].severity, measures::AlertSeverity::kCritical);
  EXPECT_EQ(report.alerts[0].date, *Date::Parse("2024-03-01"));
  EXPECT_EQ(report.alerts[1].code, "SAFETY_ITEM_NOT_AVAILABLE");
  EXPECT_EQ(report.alerts[1].severity, measures::AlertSeverity::kNotice);
  EXPECT_EQ(report.alerts[1].date, *Date::Parse("2024-10-01"));
  ASSERT_EQ(report.alert_summaries.size(), 1u);
  EXPECT_EQ(report.alert_summaries[0].instrument_id, "madrs");
  EXPECT_EQ(report.alert_summaries[0].count, 3);
  EXPECT_EQ(report.alert_summaries[0].message,
            "3 earlier MADRS totals, 2024-04-15 to 2024-08-15, had no item 10 recorded");
  // Every administration keeps its own full list.
  const InstrumentSeries* madrs = FindSeries(report, "madrs");
  ASSERT_NE(madrs, nullptr);
  for (const auto& administration : madrs->administrations) {
    EXPECT_EQ(administration.safety.size(), 1u);
  }
}

TEST(MeasuresReportTest, LatestAdministrationWithTheItemLeavesOnlyTheSummary) {
  const MeasuresReport report = Analyse(Record("", R"(
    {"instrument": "phq9", "date": "2025-02-01", "total": 18},
    {"instrument": "phq9", "date": "2025-03-01", "items": [2,2,2,2,2,2,2,2,0]})"));
  EXPECT_TRUE(report.alerts.empty());
  ASSERT_EQ(report.alert_summaries.size(), 1u);
  EXPECT_EQ(report.alert_summaries[0].message,
            "1 earlier PHQ-9 total, on 2025-02-01, had no item 9 recorded");
}

}  // namespace
}  // namespace refract
