#include <gtest/gtest.h>

#include "embedded_knowledge.h"

namespace refract {
namespace {

using test_support::ParseRecord;

std::string WithAssessment(const std::string& assessment) {
  return R"({"format": "refract-patient/1", "id": "t", "as_of": "2026-06-01", "diagnosis": "mdd",
             "episode": {"onset": "2025-01-01", "severity": "moderate"}, "treatments": [],
             "assessments": [)" +
         assessment + "]}";
}

struct RejectCase {
  std::string name;
  std::string assessment;
  std::string expected;  // a substring of the error
};

class AdministrationRejectTest : public ::testing::TestWithParam<RejectCase> {};

TEST_P(AdministrationRejectTest, NamesThePathAndTheRule) {
  StatusOr<PatientRecord> record = ParseRecord(WithAssessment(GetParam().assessment));
  ASSERT_FALSE(record.ok());
  EXPECT_NE(record.status().message().find(GetParam().expected), std::string::npos)
      << record.status().message();
}

INSTANTIATE_TEST_SUITE_P(
    Rules, AdministrationRejectTest,
    ::testing::Values(
        RejectCase{"ItemOutOfRange",
                   R"({"instrument": "phq9", "date": "2025-02-01", "items": [1,1,1,1,1,1,1,4,0]})",
                   "$.assessments[0].items[7]: item 8 must be between 0 and 3 (got 4)"},
        RejectCase{"WrongItemCount",
                   R"({"instrument": "phq9", "date": "2025-02-01", "items": [1,1,1]})",
                   "$.assessments[0].items: must list the 9 scored items or all 10 items of PHQ-9"},
        RejectCase{"UnknownInstrument",
                   R"({"instrument": "cesd", "date": "2025-02-01", "total": 10})",
                   "$.assessments[0].instrument: unknown instrument 'cesd'"},
        RejectCase{"DateAfterAsOf", R"({"instrument": "phq9", "date": "2026-07-01", "total": 10})",
                   "$.assessments[0].date: must not be after as_of"},
        RejectCase{
            "ItemsAndTotal",
            R"({"instrument": "phq9", "date": "2025-02-01", "total": 5, "items": [1,1,1,1,1,0,0,0,0]})",
            "must give either items[] or total"},
        RejectCase{"NeitherItemsNorTotal", R"({"instrument": "phq9", "date": "2025-02-01"})",
                   "must give either items[] or total"},
        RejectCase{"TotalAboveRange",
                   R"({"instrument": "phq9", "date": "2025-02-01", "total": 28})",
                   "$.assessments[0].total: must be between 0 and 27"},
        RejectCase{"BdiItemsCopyrighted",
                   R"({"instrument": "bdi2", "date": "2025-02-01", "items": [1]})",
                   "recorded as a total only"},
        RejectCase{"DanglingTreatment",
                   R"({"instrument": "phq9", "date": "2025-02-01", "total": 5, "treatment": "X"})",
                   "$.assessments[0].treatment: must name a trial"},
        RejectCase{
            "HamdItem16WithoutVariant",
            R"({"instrument": "hamd17", "date": "2025-02-01", "items": [1,1,0,1,1,1,1,1,1,1,1,1,1,1,1,1,1]})",
            "$.assessments[0].item16_variant: is required when item 16 is answered"},
        RejectCase{"UnknownField",
                   R"({"instrument": "phq9", "date": "2025-02-01", "total": 5, "score": 5})",
                   "$.assessments[0].score: unknown field"}),
    [](const ::testing::TestParamInfo<RejectCase>& param_info) { return param_info.param.name; });

TEST(AdministrationJsonTest, AcceptsScoredItemsOnlyAndFillsTheDifficultyItem) {
  StatusOr<PatientRecord> record = ParseRecord(WithAssessment(
      R"({"instrument": "phq9", "date": "2025-02-01", "items": [1,1,1,1,1,1,1,1,null]})"));
  ASSERT_TRUE(record.ok()) << record.status().message();
  ASSERT_EQ(record->assessments.size(), 1u);
  EXPECT_EQ(record->assessments[0].items.size(), 10u);
  EXPECT_FALSE(
      record->assessments[0].items[8].has_value());  // unanswered item 9 is kept, never imputed
}

TEST(AdministrationJsonTest, SortsAdministrationsByDate) {
  StatusOr<PatientRecord> record = ParseRecord(WithAssessment(
      R"({"instrument": "phq9", "date": "2025-03-01", "total": 5},
         {"instrument": "phq9", "date": "2025-02-01", "total": 9})"));
  ASSERT_TRUE(record.ok()) << record.status().message();
  EXPECT_EQ(*record->assessments[0].total, 9);
}

}  // namespace
}  // namespace refract
