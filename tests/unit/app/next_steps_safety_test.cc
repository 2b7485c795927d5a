// The "earlier positive self-harm item" note of BuildOptionsInput (src/app/next_steps.cc): it
// counts the positive self-harm items of every administration except the latest of its instrument
// (the latest is a current signal, reported as such), so it never double-counts the current item.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "embedded_knowledge.h"
#include "param_name.h"
#include "record_builder.h"
#include "refract/app/next_steps.h"

namespace refract {
namespace {

using test_support::D;
using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::Not;

struct EarlierCase {
  const char* name;
  std::vector<int> item9;  // PHQ-9 item 9 per administration, a month apart, the last latest
  std::optional<std::string> note_starts;  // the earlier-items note, or none
};

void PrintTo(const EarlierCase& c, std::ostream* os) { *os << c.name; }

class EarlierSelfHarmTest : public ::testing::TestWithParam<EarlierCase> {};

TEST_P(EarlierSelfHarmTest, CountsOnlyAdministrationsBeforeTheLatest) {
  PatientRecord record = test_support::RecordBuilder().Build();
  const int count = static_cast<int>(GetParam().item9.size());
  for (int i = 0; i < count; ++i) {
    Administration administration;
    administration.instrument = "phq9";
    administration.date = AddDays(D("2025-07-01"), 30 * (i - count + 1));
    administration.items = {2, 2, 2, 2, 2, 2, 2, 2, GetParam().item9[static_cast<size_t>(i)]};
    record.assessments.push_back(administration);
  }
  const OptionsInput input = BuildOptionsInput(record, test_support::AssessWithEmbedded(record),
                                               test_support::EmbeddedKnowledge(),
                                               test_support::EmbeddedOptions()->ranking);
  if (GetParam().note_starts) {
    EXPECT_THAT(input.notes, Contains(HasSubstr(*GetParam().note_starts)));
  } else {
    EXPECT_THAT(input.notes, Not(Contains(HasSubstr("earlier positive self-harm"))));
  }
}

const EarlierCase kEarlierCases[] = {
    {"OnlyTheLatestIsPositive", {0, 2}, std::nullopt},
    {"SinglePositiveAdministration", {1}, std::nullopt},
    {"EarlierAndLatestPositive", {1, 2}, "1 earlier positive self-harm item(s)"},
    {"TwoEarlierPositive", {3, 1, 0}, "2 earlier positive self-harm item(s)"},
};

INSTANTIATE_TEST_SUITE_P(Notes, EarlierSelfHarmTest, ::testing::ValuesIn(kEarlierCases),
                         test_support::RowName{});

// Summarising the older "item not available" notices of total-only administrations leaves the
// safety action as it was: they record no self-harm item, so nobody has asked lately
// (SAFETY_NOT_ASSESSED) until an administration with the item is recent.
TEST(NotAssessedTest, SummarisedTotalOnlyNoticesKeepThePrompt) {
  PatientRecord record = test_support::RecordBuilder().Build();
  for (int i = 3; i >= 0; --i) {
    Administration administration;
    administration.instrument = "madrs";
    administration.date = AddDays(D("2025-07-30"), -30 * i);
    administration.total = 28;
    record.assessments.push_back(administration);
  }
  const Assessment total_only = test_support::AssessWithOptions(record);
  ASSERT_EQ(total_only.measures.alert_summaries.size(), 1u);
  ASSERT_TRUE(total_only.options.has_value());
  ASSERT_FALSE(total_only.options->safety_actions.empty());
  EXPECT_EQ(total_only.options->safety_actions[0].code, "SAFETY_NOT_ASSESSED");

  Administration phq9;
  phq9.instrument = "phq9";
  phq9.date = D("2025-07-31");
  phq9.items = {2, 2, 2, 2, 2, 2, 2, 2, 0};
  record.assessments.push_back(phq9);
  const Assessment asked = test_support::AssessWithOptions(record);
  ASSERT_TRUE(asked.options.has_value());
  for (const SafetyAction& action : asked.options->safety_actions) {
    EXPECT_NE(action.code, "SAFETY_NOT_ASSESSED");
  }
}

}  // namespace
}  // namespace refract
