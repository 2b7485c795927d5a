// Scoring per instrument (measures-decisions.md §1-§8): totals, aggregation rules, missing-item
// rules and the validation errors (§0.1: a value outside the item range is an error, never
// clamped).
#include "refract/measures/score.h"

#include <gtest/gtest.h>

#include "measures_test_util.h"

namespace refract::measures {
namespace {

using testing::Instrument;
using Items = std::vector<std::optional<int>>;
constexpr std::nullopt_t kMissing = std::nullopt;

StatusOr<ScoredAdministration> ScoreWith(std::string_view id, Items items,
                                         std::map<int, std::string> variants = {}) {
  ItemResponses responses;
  responses.items = std::move(items);
  responses.variants = std::move(variants);
  return Score(Instrument(id), responses);
}

StatusOr<ScoredAdministration> ScoreTotalOnly(std::string_view id, int total,
                                              std::optional<int> safety_item = std::nullopt) {
  ItemResponses responses;
  responses.total = total;
  responses.safety_item = safety_item;
  return Score(Instrument(id), responses);
}

std::string ErrorOf(const StatusOr<ScoredAdministration>& scored) {
  return scored.ok() ? "<ok>" : scored.status().message();
}

TEST(RoundHalfUpTest, RoundsHalvesUp) {
  EXPECT_EQ(RoundHalfUp(4.5), 5);
  EXPECT_EQ(RoundHalfUp(4.4999), 4);
  EXPECT_EQ(RoundHalfUp(12.857), 13);
  EXPECT_EQ(RoundHalfUp(0.0), 0);
}

TEST(Phq9ScoreTest, SumsItemsOneToNine) {
  StatusOr<ScoredAdministration> scored = ScoreWith("phq9", {1, 2, 1, 0, 3, 1, 0, 2, 0});
  ASSERT_TRUE(scored.ok()) << scored.status().message();
  EXPECT_EQ(scored->total, 10.0);
  EXPECT_EQ(scored->total_rounded, 10);
  EXPECT_EQ(scored->band, "moderate");
  EXPECT_FALSE(scored->prorated);
  EXPECT_EQ(scored->missing_items, 0);
  EXPECT_EQ(scored->instrument_version, "2026.12.2");
  EXPECT_EQ(scored->time_frame, "last 2 weeks");
  EXPECT_EQ(scored->cutoffs_met,
            (std::vector<std::string>{"screen_major_depression", "nhs_tt_caseness"}));
}

TEST(Phq9ScoreTest, DifficultyItemIsAcceptedButNotScored) {
  StatusOr<ScoredAdministration> scored = ScoreWith("phq9", {1, 2, 1, 0, 3, 1, 0, 2, 0, 3});
  ASSERT_TRUE(scored.ok());
  EXPECT_EQ(scored->total_rounded, 10);
  EXPECT_EQ(ErrorOf(ScoreWith("phq9", {1, 2, 1, 0, 3, 1, 0, 2, 0, 4})),
            "PHQ-9 item 10: 4 is outside the item range 0-3");
}

TEST(Phq9ScoreTest, OneMissingItemIsProratedAndRoundedHalfUp) {
  // 8 answered items summing to 4: 4 * 9 / 8 = 4.5 -> 5 (mild, not none/minimal).
  StatusOr<ScoredAdministration> scored = ScoreWith("phq9", {1, 1, 1, 1, 0, 0, 0, kMissing, 0});
  ASSERT_TRUE(scored.ok());
  EXPECT_TRUE(scored->prorated);
  EXPECT_EQ(scored->missing_items, 1);
  EXPECT_DOUBLE_EQ(*scored->total, 4.5);
  EXPECT_EQ(scored->total_rounded, 5);
  EXPECT_EQ(scored->band, "mild");
}

TEST(Phq9ScoreTest, TwoMissingItemsAreProrated) {
  // 7 answered items summing to 10: 10 * 9 / 7 = 12.857 -> 13.
  StatusOr<ScoredAdministration> scored =
      ScoreWith("phq9", {2, 2, 2, 2, 2, kMissing, kMissing, 0, 0});
  ASSERT_TRUE(scored.ok());
  EXPECT_TRUE(scored->prorated);
  EXPECT_EQ(scored->missing_items, 2);
  EXPECT_NEAR(*scored->total, 90.0 / 7, 1e-12);
  EXPECT_EQ(scored->total_rounded, 13);
  EXPECT_EQ(scored->band, "moderate");
}

TEST(Phq9ScoreTest, ThreeMissingItemsLeaveNoTotalWithTheReason) {
  StatusOr<ScoredAdministration> scored =
      ScoreWith("phq9", {2, 2, 2, 2, 2, kMissing, kMissing, kMissing, 0});
  ASSERT_TRUE(scored.ok()) << "too many missing items is a result, not an error";
  EXPECT_FALSE(scored->total.has_value());
  EXPECT_FALSE(scored->total_rounded.has_value());
  EXPECT_FALSE(scored->band.has_value());
  EXPECT_EQ(scored->missing_items, 3);
  EXPECT_EQ(scored->not_scored_reason.substr(0, 60),
            "3 unanswered item(s); at most 2 may be prorated for PHQ-9 (m");
}

TEST(Phq9ScoreTest, MissingItemNineIsProratedButNeverImputedForSafety) {
  StatusOr<ScoredAdministration> scored = ScoreWith("phq9", {2, 2, 2, 2, 2, 2, 2, 2, kMissing});
  ASSERT_TRUE(scored.ok());
  EXPECT_TRUE(scored->prorated);
  EXPECT_EQ(scored->total_rounded, 18);
  EXPECT_FALSE(scored->safety_item_value.has_value());
  ASSERT_EQ(scored->safety.size(), 1u);
  EXPECT_EQ(scored->safety[0].code, "SAFETY_ITEM_UNANSWERED");
}

TEST(Phq9ScoreTest, TotalOnlyAdministrationIsBanded) {
  StatusOr<ScoredAdministration> scored = ScoreTotalOnly("phq9", 16);
  ASSERT_TRUE(scored.ok());
  EXPECT_TRUE(scored->total_only);
  EXPECT_EQ(scored->band, "moderately severe");
  EXPECT_EQ(ErrorOf(ScoreTotalOnly("phq9", 28)), "PHQ-9 total: 28 is outside the range 0-27");
}

TEST(Gad7ScoreTest, ExactlyOneMissingItemIsProrated) {
  StatusOr<ScoredAdministration> one = ScoreWith("gad7", {2, 2, 2, 2, 2, 2, kMissing});
  ASSERT_TRUE(one.ok());
  EXPECT_TRUE(one->prorated);
  EXPECT_EQ(one->total_rounded, 14);
  StatusOr<ScoredAdministration> two = ScoreWith("gad7", {2, 2, 2, 2, 2, kMissing, kMissing});
  ASSERT_TRUE(two.ok());
  EXPECT_FALSE(two->total.has_value());
  EXPECT_EQ(two->missing_items, 2);
}

TEST(Gad7ScoreTest, NoSafetyItem) {
  StatusOr<ScoredAdministration> scored = ScoreWith("gad7", {3, 3, 3, 3, 3, 3, 3});
  ASSERT_TRUE(scored.ok());
  EXPECT_EQ(scored->total_rounded, 21);
  EXPECT_TRUE(scored->safety.empty());
}

TEST(QidsScoreTest, TakesTheHighestItemOfEachDomain) {
  // sleep max(3,1,0,2)=3, mood 2, appetite max(0,2,1,0)=2, concentration 1, self-view 1,
  // suicidality 0, interest 2, energy 3, psychomotor max(1,2)=2 -> 16.
  StatusOr<ScoredAdministration> scored =
      ScoreWith("qids_sr16", {3, 1, 0, 2, 2, 0, 2, 1, 0, 1, 1, 0, 2, 3, 1, 2});
  ASSERT_TRUE(scored.ok());
  EXPECT_EQ(scored->total_rounded, 16);
  EXPECT_EQ(scored->band, "severe");
}

TEST(QidsScoreTest, BlankPartnerItemsInsideADomainAreNotMissing) {
  StatusOr<ScoredAdministration> scored =
      ScoreWith("qids_sr16", {1, kMissing, kMissing, kMissing, 2, kMissing, 3, kMissing, kMissing,
                              1, 1, 0, 2, 1, kMissing, 2});
  ASSERT_TRUE(scored.ok());
  EXPECT_EQ(scored->missing_items, 0);
  EXPECT_FALSE(scored->prorated);
  EXPECT_EQ(scored->total_rounded, 1 + 2 + 3 + 1 + 1 + 0 + 2 + 1 + 2);
}

TEST(QidsScoreTest, AnEmptyDomainLeavesNoTotal) {
  StatusOr<ScoredAdministration> mood =
      ScoreWith("qids_sr16", {1, 1, 1, 1, kMissing, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1});
  ASSERT_TRUE(mood.ok());
  EXPECT_FALSE(mood->total.has_value());
  EXPECT_EQ(mood->missing_items, 1);
  EXPECT_EQ(mood->not_scored_reason.substr(0, 48),
            "no answered item in domain(s) mood of QIDS-SR16 ");
  StatusOr<ScoredAdministration> sleep = ScoreWith(
      "qids_sr16", {kMissing, kMissing, kMissing, kMissing, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1});
  ASSERT_TRUE(sleep.ok());
  EXPECT_FALSE(sleep->total.has_value());
  EXPECT_EQ(sleep->missing_items, 4);
}

TEST(Hamd17ScoreTest, ItemRangesAreZeroToFourOrZeroToTwo) {
  Items maximum = {4, 4, 4, 2, 2, 2, 4, 4, 4, 4, 4, 2, 2, 2, 4, 2, 2};
  StatusOr<ScoredAdministration> scored = ScoreWith("hamd17", maximum, {{16, "A"}});
  ASSERT_TRUE(scored.ok()) << scored.status().message();
  EXPECT_EQ(scored->total_rounded, 52);
  Items too_high = maximum;
  too_high[3] = 3;
  EXPECT_EQ(ErrorOf(ScoreWith("hamd17", too_high, {{16, "A"}})),
            "HAM-D17 item 4: 3 is outside the item range 0-2");
  too_high = maximum;
  too_high[0] = 5;
  EXPECT_EQ(ErrorOf(ScoreWith("hamd17", too_high, {{16, "A"}})),
            "HAM-D17 item 1: 5 is outside the item range 0-4");
}

TEST(Hamd17ScoreTest, Item16MustStateVariantAOrB) {
  Items items = {2, 1, 0, 1, 1, 1, 2, 1, 1, 2, 1, 1, 1, 0, 1, 1, 0};
  EXPECT_EQ(ErrorOf(ScoreWith("hamd17", items)),
            "HAM-D17 item 16: state which variant was rated (A or B)");
  EXPECT_EQ(ErrorOf(ScoreWith("hamd17", items, {{16, "C"}})),
            "HAM-D17 item 16: unknown variant 'C'");
  EXPECT_EQ(ErrorOf(ScoreWith("hamd17", items, {{16, "B"}, {1, "A"}})),
            "HAM-D17 item 1 has no variants (got 'A')");
  StatusOr<ScoredAdministration> scored = ScoreWith("hamd17", items, {{16, "B"}});
  ASSERT_TRUE(scored.ok());
  EXPECT_EQ(scored->total_rounded, 17);
  EXPECT_EQ(scored->variants.at(16), "B");
}

TEST(Hamd17ScoreTest, Item16NotAssessedIsUnansweredNotZero) {
  Items items = {2, 1, 0, 1, 1, 1, 2, 1, 1, 2, 1, 1, 1, 0, 1, 3, 0};
  StatusOr<ScoredAdministration> scored = ScoreWith("hamd17", items);
  ASSERT_TRUE(scored.ok()) << scored.status().message();
  EXPECT_FALSE(scored->total.has_value());
  EXPECT_EQ(scored->missing_items, 1);
  EXPECT_EQ(scored->items[15], 3) << "the raw code is stored";
  items[15] = 4;
  EXPECT_EQ(ErrorOf(ScoreWith("hamd17", items, {{16, "A"}})),
            "HAM-D17 item 16: 4 is outside the item range 0-2");
}

TEST(Hamd17ScoreTest, ClinicianScaleRequiresEveryItem) {
  Items items = {2, 1, 0, 1, 1, 1, 2, 1, 1, 2, 1, 1, 1, kMissing, 1, 1, 0};
  StatusOr<ScoredAdministration> scored = ScoreWith("hamd17", items, {{16, "A"}});
  ASSERT_TRUE(scored.ok());
  EXPECT_FALSE(scored->total.has_value());
  EXPECT_EQ(scored->not_scored_reason.substr(0, 56),
            "1 unanswered item(s); all items are required for HAM-D17");
}

TEST(MadrsScoreTest, SumsTenItemsZeroToSix) {
  StatusOr<ScoredAdministration> scored = ScoreWith("madrs", {6, 6, 6, 6, 6, 6, 6, 6, 6, 6});
  ASSERT_TRUE(scored.ok());
  EXPECT_EQ(scored->total_rounded, 60);
  EXPECT_EQ(scored->rater, Rater::kClinician);
  EXPECT_EQ(ErrorOf(ScoreWith("madrs", {7, 0, 0, 0, 0, 0, 0, 0, 0, 0})),
            "MADRS item 1: 7 is outside the item range 0-6");
  StatusOr<ScoredAdministration> incomplete =
      ScoreWith("madrs", {1, 1, 1, 1, 1, 1, 1, 1, 1, kMissing});
  ASSERT_TRUE(incomplete.ok());
  EXPECT_FALSE(incomplete->total.has_value());
}

TEST(PanasScoreTest, ScoresPositiveAndNegativeAffectSeparately) {
  // PA items (1,3,5,9,10,12,14,16,17,19) = 4, NA items = 2.
  Items items(20);
  for (int number : {1, 3, 5, 9, 10, 12, 14, 16, 17, 19}) items[number - 1] = 4;
  for (int number : {2, 4, 6, 7, 8, 11, 13, 15, 18, 20}) items[number - 1] = 2;
  StatusOr<ScoredAdministration> scored = ScoreWith("panas", items);
  ASSERT_TRUE(scored.ok()) << scored.status().message();
  EXPECT_FALSE(scored->total.has_value());
  EXPECT_NE(scored->not_scored_reason.find("PANAS has no total"), std::string::npos);
  ASSERT_EQ(scored->subscales.size(), 2u);
  EXPECT_EQ(scored->FindSubscale("pa")->total, 40);
  EXPECT_EQ(scored->FindSubscale("pa")->direction, Direction::kHigherBetter);
  EXPECT_EQ(scored->FindSubscale("na")->total, 20);
  EXPECT_EQ(scored->FindSubscale("na")->direction, Direction::kHigherWorse);
}

TEST(PanasScoreTest, ItemsRangeOneToFiveAndSubscalesNeedAllItems) {
  Items items(20, 1);
  items[0] = 0;
  EXPECT_EQ(ErrorOf(ScoreWith("panas", items)), "PANAS item 1: 0 is outside the item range 1-5");
  items[0] = 1;
  items[1] = kMissing;  // an NA item
  StatusOr<ScoredAdministration> scored = ScoreWith("panas", items);
  ASSERT_TRUE(scored.ok());
  EXPECT_EQ(scored->FindSubscale("pa")->total, 10);
  EXPECT_FALSE(scored->FindSubscale("na")->total.has_value());
  EXPECT_EQ(scored->missing_items, 1);
  EXPECT_EQ(ErrorOf(ScoreTotalOnly("panas", 20)), "PANAS has subscales: item values are required");
}

TEST(PanasScoreTest, TimeFrameIsStoredPerAdministration) {
  ItemResponses responses;
  responses.items = Items(20, 3);
  responses.time_frame = "past week";
  StatusOr<ScoredAdministration> scored = Score(Instrument("panas"), responses);
  ASSERT_TRUE(scored.ok());
  EXPECT_EQ(scored->time_frame, "past week");
}

TEST(Who5ScoreTest, RawTotalPercentageAndCutoffs) {
  StatusOr<ScoredAdministration> poor = ScoreWith("who5", {3, 3, 3, 2, 1});
  ASSERT_TRUE(poor.ok());
  EXPECT_EQ(poor->total_rounded, 12);
  EXPECT_EQ(poor->percentage, 48.0);
  EXPECT_EQ(poor->cutoffs_met, (std::vector<std::string>{"poor_wellbeing", "item_at_most_1"}));

  StatusOr<ScoredAdministration> boundary = ScoreWith("who5", {3, 3, 3, 2, 2});
  ASSERT_TRUE(boundary.ok());
  EXPECT_EQ(boundary->percentage, 52.0);
  EXPECT_TRUE(boundary->cutoffs_met.empty()) << "raw 13 is not poor well-being (raw < 13)";

  StatusOr<ScoredAdministration> likely = ScoreWith("who5", {2, 2, 1, 1, 1});
  ASSERT_TRUE(likely.ok());
  EXPECT_EQ(likely->percentage, 28.0);
  EXPECT_EQ(likely->cutoffs_met,
            (std::vector<std::string>{"poor_wellbeing", "likely_depression", "item_at_most_1"}));

  StatusOr<ScoredAdministration> best = ScoreWith("who5", {5, 5, 5, 5, 5});
  ASSERT_TRUE(best.ok());
  EXPECT_EQ(best->percentage, 100.0);
  EXPECT_TRUE(best->cutoffs_met.empty());
  EXPECT_FALSE(best->band.has_value());
}

TEST(Who5ScoreTest, ItemsRangeZeroToFiveAndAllAreRequired) {
  EXPECT_EQ(ErrorOf(ScoreWith("who5", {6, 0, 0, 0, 0})),
            "WHO-5 item 1: 6 is outside the item range 0-5");
  StatusOr<ScoredAdministration> scored = ScoreWith("who5", {5, 5, 5, 5, kMissing});
  ASSERT_TRUE(scored.ok());
  EXPECT_FALSE(scored->total.has_value());
  EXPECT_FALSE(scored->percentage.has_value());
}

TEST(Bdi2ScoreTest, RecordsTotalsOnly) {
  StatusOr<ScoredAdministration> scored = ScoreTotalOnly("bdi2", 30, 0);
  ASSERT_TRUE(scored.ok());
  EXPECT_EQ(scored->band, "severe");
  EXPECT_EQ(scored->safety_item_value, 0);
  EXPECT_TRUE(Instrument("bdi2").items.empty()) << "no item wording ships (Pearson copyright)";
  EXPECT_EQ(ErrorOf(ScoreWith("bdi2", Items(21, 1)))
                .rfind("BDI-II is recorded as totals only (with the self-harm item value)", 0),
            0u);
  EXPECT_EQ(ErrorOf(ScoreTotalOnly("bdi2", 64)), "BDI-II total: 64 is outside the range 0-63");
  EXPECT_EQ(ErrorOf(ScoreTotalOnly("bdi2", 20, 4)),
            "BDI-II item 9: 4 is outside the item range 0-3");
}

TEST(ScoreValidationTest, RejectsMalformedAdministrations) {
  EXPECT_EQ(ErrorOf(ScoreWith("phq9", {1, 1, 1, 1, 1, 1, 1, 1})),
            "PHQ-9: 8 item values given, expected 9 to 10");
  EXPECT_EQ(ErrorOf(ScoreWith("phq9", Items(11, 0))),
            "PHQ-9: 11 item values given, expected 9 to 10");
  EXPECT_EQ(ErrorOf(ScoreWith("phq9", {1, 1, -1, 1, 1, 1, 1, 1, 1})),
            "PHQ-9 item 3: -1 is outside the item range 0-3");
  EXPECT_EQ(ErrorOf(ScoreTotalOnly("gad7", 5, 1)), "GAD-7 has no self-harm item");
  ItemResponses both;
  both.items = Items(9, 0);
  both.total = 0;
  EXPECT_EQ(ErrorOf(Score(Instrument("phq9"), both)), "PHQ-9: give either item values or a total");
  ItemResponses safety_with_items;
  safety_with_items.items = Items(9, 0);
  safety_with_items.safety_item = 0;
  EXPECT_EQ(ErrorOf(Score(Instrument("phq9"), safety_with_items)),
            "safety_item is only for a total-only administration");
}

}  // namespace
}  // namespace refract::measures
