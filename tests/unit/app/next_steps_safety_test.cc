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

}  // namespace
}  // namespace refract
