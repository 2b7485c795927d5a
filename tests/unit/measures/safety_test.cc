// Self-harm item alerts per instrument (measures-decisions.md §1.3, §12: any item > 0 is a critical
// alert, the §12 thresholds only name its threshold band), and that no classification path drops
// them.
#include "refract/measures/safety.h"

#include <gtest/gtest.h>

#include "measures_test_util.h"
#include "refract/measures/change.h"
#include "refract/measures/not_on_track.h"

namespace refract::measures {
namespace {

using testing::Instrument;
using testing::Parameters;
using testing::Percent;

const Date kDate = *Date::Parse("2025-03-01");

struct SafetyCase {
  const char* instrument;
  int item;
  int max;
  int alert_at;
  int urgent_at;
};

void PrintTo(const SafetyCase& c, std::ostream* os) { *os << c.instrument << " item " << c.item; }

ItemResponses WithSafetyItem(const SafetyCase& c, std::optional<int> value) {
  const InstrumentDefinition& instrument = Instrument(c.instrument);
  ItemResponses responses;
  responses.date = kDate;
  if (instrument.totals_only) {
    responses.total = 20;
    responses.safety_item = value;
    return responses;
  }
  for (const ItemDefinition& item : instrument.items) {
    if (item.scored) responses.items.push_back(item.min + 1);
  }
  responses.items[c.item - 1] = value;
  if (c.instrument == std::string("hamd17")) responses.variants[16] = "A";
  return responses;
}

ScoredAdministration ScoreOrFail(const SafetyCase& c, std::optional<int> value) {
  StatusOr<ScoredAdministration> scored = Score(Instrument(c.instrument), WithSafetyItem(c, value));
  EXPECT_TRUE(scored.ok()) << scored.status().message();
  return scored.ok() ? *scored : ScoredAdministration{};
}

ThresholdBand ExpectedBand(const SafetyCase& c, int value) {
  if (value >= c.urgent_at) return ThresholdBand::kUrgentThreshold;
  if (value >= c.alert_at) return ThresholdBand::kScreeningCutoff;
  return ThresholdBand::kBelowScreeningCutoff;
}

class SafetyTest : public ::testing::TestWithParam<SafetyCase> {};

TEST_P(SafetyTest, DefinitionCarriesTheSection12Levels) {
  const SafetyCase& c = GetParam();
  const std::optional<SafetyItem>& item = Instrument(c.instrument).safety_item;
  ASSERT_TRUE(item.has_value());
  EXPECT_EQ(item->item, c.item);
  EXPECT_EQ(item->max, c.max);
  EXPECT_EQ(item->alert_at, c.alert_at);
  EXPECT_EQ(item->urgent_at, c.urgent_at);
  EXPECT_EQ(item->provenance.tag, Tag::kDecision) << "§12 thresholds are POLICY";
}

TEST_P(SafetyTest, AnyPositiveValueRaisesACriticalAlertLabelledWithItsBand) {
  const SafetyCase& c = GetParam();
  for (int value = 1; value <= c.max; ++value) {
    ScoredAdministration scored = ScoreOrFail(c, value);
    ASSERT_EQ(scored.safety.size(), 1u) << "value " << value;
    const SafetyAlert& alert = scored.safety[0];
    EXPECT_EQ(alert.kind, SafetyAlertKind::kItemPositive);
    EXPECT_EQ(alert.code, "SAFETY_ITEM" + std::to_string(c.item));
    EXPECT_EQ(alert.severity, AlertSeverity::kCritical);
    EXPECT_EQ(alert.band, ExpectedBand(c, value)) << "value " << value;
    EXPECT_NE(alert.message.find(std::string(ToString(*alert.band))), std::string::npos)
        << "the message uses the band's words: " << alert.message;
    EXPECT_EQ(alert.value, value);
    EXPECT_EQ(alert.date, kDate);
    EXPECT_NE(alert.message.find("scored " + std::to_string(value) + " of " +
                                 std::to_string(c.max) + " on 2025-03-01"),
              std::string::npos)
        << alert.message;
    for (const char* confusable : {"below_alert", "level", "[CRITICAL]"}) {
      EXPECT_EQ(alert.message.find(confusable), std::string::npos) << alert.message;
    }
  }
}

TEST_P(SafetyTest, ZeroRaisesNoAlert) { EXPECT_TRUE(ScoreOrFail(GetParam(), 0).safety.empty()); }

TEST_P(SafetyTest, UnansweredItemRaisesItsOwnAlert) {
  const SafetyCase& c = GetParam();
  ScoredAdministration scored = ScoreOrFail(c, std::nullopt);
  ASSERT_EQ(scored.safety.size(), 1u);
  const SafetyAlert& alert = scored.safety[0];
  const bool totals_only = Instrument(c.instrument).totals_only;
  EXPECT_EQ(alert.kind,
            totals_only ? SafetyAlertKind::kItemNotAvailable : SafetyAlertKind::kItemUnanswered);
  EXPECT_EQ(alert.code, totals_only ? "SAFETY_ITEM_NOT_AVAILABLE" : "SAFETY_ITEM_UNANSWERED");
  EXPECT_FALSE(alert.value.has_value()) << "never imputed";
  EXPECT_EQ(alert.severity, AlertSeverity::kNotice);
  EXPECT_FALSE(alert.band.has_value());
  EXPECT_EQ(alert.item, c.item);
  EXPECT_FALSE(scored.safety_item_value.has_value());
}

TEST_P(SafetyTest, NoClassificationPathDropsTheAlert) {
  const SafetyCase& c = GetParam();
  const InstrumentDefinition& instrument = Instrument(c.instrument);
  ScoredAdministration baseline = ScoreOrFail(c, 0);
  ScoredAdministration positive = ScoreOrFail(c, 1);
  ASSERT_EQ(positive.safety.size(), 1u);

  StatusOr<ChangeResult> change =
      ClassifyChange(instrument, baseline, positive, Parameters(), Percent());
  ASSERT_TRUE(change.ok()) << change.status().message();
  EXPECT_EQ(change->safety, positive.safety);

  // Inside the ISTDP early-worsening window, with and without an ETR norm set.
  NotOnTrackContext context{.time_unit = TimeUnit::kSessions, .elapsed = 2, .modality = "istdp"};
  for (bool with_norms : {false, true}) {
    if (with_norms)
      context.norms = EtrNormSet{
          .id = "test", .time_unit = TimeUnit::kSessions, .beta00 = 19, .beta10 = -4, .tau00 = 16};
    StatusOr<NotOnTrackResult> flags =
        EvaluateNotOnTrack(instrument, baseline, positive, context, Parameters());
    ASSERT_TRUE(flags.ok()) << flags.status().message();
    ASSERT_GE(flags->flags.size(), 2u);
    EXPECT_EQ(flags->flags[0].signal, NotOnTrackSignal::kSafety);
    EXPECT_EQ(flags->flags[0].alerts, positive.safety);
    EXPECT_FALSE(flags->flags[0].in_early_worsening_window) << "SAFETY is never downgraded";
  }
}

const SafetyCase kSafetyCases[] = {
    {"phq9", 9, 3, 1, 2},   {"qids_sr16", 12, 3, 1, 2}, {"hamd17", 3, 4, 1, 3},
    {"madrs", 10, 6, 2, 4}, {"bdi2", 9, 3, 1, 2},
};

INSTANTIATE_TEST_SUITE_P(PerInstrument, SafetyTest, ::testing::ValuesIn(kSafetyCases));

TEST(SafetyTest, MadrsItemTenOfOneIsAnAlertBelowTheSection12Level) {
  StatusOr<ScoredAdministration> scored =
      Score(Instrument("madrs"), ItemResponses{.items = {0, 0, 0, 0, 0, 0, 0, 0, 0, 1}});
  ASSERT_TRUE(scored.ok());
  ASSERT_EQ(scored->safety.size(), 1u);
  EXPECT_EQ(scored->safety[0].severity, AlertSeverity::kCritical);
  EXPECT_EQ(scored->safety[0].band, ThresholdBand::kBelowScreeningCutoff);
  EXPECT_EQ(scored->safety[0].message,
            "MADRS item 10 (self-harm) scored 1 of 6 (date not recorded): critical alert, prompt "
            "for a structured risk assessment by a clinician; below the screening cut-off (2), but "
            "any score above 0 is flagged");
}

TEST(SafetyTest, TotalOnlyPhq9RaisesTheNotAvailableNotice) {
  StatusOr<ScoredAdministration> scored =
      Score(Instrument("phq9"), ItemResponses{.date = kDate, .total = 12});
  ASSERT_TRUE(scored.ok());
  ASSERT_EQ(scored->safety.size(), 1u);
  EXPECT_EQ(scored->safety[0].code, "SAFETY_ITEM_NOT_AVAILABLE");
  EXPECT_EQ(scored->safety[0].severity, AlertSeverity::kNotice);
  EXPECT_EQ(scored->safety[0].message,
            "PHQ-9 recorded as a total only on 2025-03-01: self-harm item 9 not available; ask "
            "directly");
}

TEST(SafetyTest, AlertSurvivesAnAdministrationWithoutTotal) {
  // Three missing items: no PHQ-9 total, but item 9 = 3 is still an urgent alert.
  StatusOr<ScoredAdministration> scored =
      Score(Instrument("phq9"),
            ItemResponses{.items = {2, std::nullopt, std::nullopt, std::nullopt, 1, 1, 1, 1, 3}});
  ASSERT_TRUE(scored.ok());
  EXPECT_FALSE(scored->total.has_value());
  ASSERT_EQ(scored->safety.size(), 1u);
  EXPECT_EQ(scored->safety[0].band, ThresholdBand::kUrgentThreshold);
  StatusOr<NotOnTrackResult> flags = EvaluateNotOnTrack(
      Instrument("phq9"), *scored, *scored, NotOnTrackContext{.elapsed = 4}, Parameters());
  ASSERT_TRUE(flags.ok());
  ASSERT_EQ(flags->flags.size(), 2u);
  EXPECT_EQ(flags->flags[0].signal, NotOnTrackSignal::kSafety);
  EXPECT_EQ(flags->trajectory().signal, NotOnTrackSignal::kNoSignal);
}

// One vocabulary: the severity words and the band words never overlap.
TEST(SafetyTest, SeverityAndBandWordsAreDistinct) {
  EXPECT_EQ(ToString(AlertSeverity::kCritical), "critical");
  EXPECT_EQ(ToString(AlertSeverity::kNotice), "notice");
  EXPECT_EQ(ToString(ThresholdBand::kBelowScreeningCutoff), "below the screening cut-off");
  EXPECT_EQ(ToString(ThresholdBand::kScreeningCutoff), "at or above the screening cut-off");
  EXPECT_EQ(ToString(ThresholdBand::kUrgentThreshold), "at or above the urgent threshold");
  for (ThresholdBand band : {ThresholdBand::kBelowScreeningCutoff, ThresholdBand::kScreeningCutoff,
                             ThresholdBand::kUrgentThreshold}) {
    for (AlertSeverity severity : {AlertSeverity::kCritical, AlertSeverity::kNotice}) {
      EXPECT_EQ(std::string(ToString(band)).find(ToString(severity)), std::string::npos);
    }
    EXPECT_EQ(std::string(ToString(band)).find("alert"), std::string::npos);
  }
}

TEST(SafetyTest, PhqItemNineOfOneIsCriticalAtTheScreeningCutOff) {
  StatusOr<ScoredAdministration> scored =
      Score(Instrument("phq9"), ItemResponses{.date = kDate, .items = {1, 1, 1, 1, 1, 1, 1, 1, 1}});
  ASSERT_TRUE(scored.ok());
  ASSERT_EQ(scored->safety.size(), 1u);
  EXPECT_EQ(scored->safety[0].severity, AlertSeverity::kCritical);
  EXPECT_EQ(scored->safety[0].band, ThresholdBand::kScreeningCutoff);
  EXPECT_EQ(scored->safety[0].message,
            "PHQ-9 item 9 (self-harm) scored 1 of 3 on 2025-03-01: critical alert, prompt for a "
            "structured risk assessment by a clinician; at or above the screening cut-off (1), "
            "below the urgent threshold (2)");
}

TEST(SafetyTest, InstrumentsWithoutASafetyItemRaiseNothing) {
  for (const char* id : {"gad7", "who5", "panas"}) {
    EXPECT_FALSE(Instrument(id).safety_item.has_value()) << id;
  }
}

}  // namespace
}  // namespace refract::measures
