// The publishers' PHQ-9 / GAD-7 Questionnaires and responses (tests/data/fhir/publishers/README.md)
// import with the right totals; the known-bad SDC response is reported with both totals; the
// Stanford GAD-7 (UUID linkIds, no LOINC) is not mistaken for an instrument.
#include <gtest/gtest.h>

#include "fhir_test_bundle.h"

namespace refract::fhir {
namespace {

using nlohmann::json;

const ImportOptions kAsOf2026{"", "2026-03-01"};

int TotalOf(const Administration& administration) {
  StatusOr<ScoreResult> scored =
      TestEngine().Score({administration.instrument, administration.items, administration.total, std::nullopt, {}});
  EXPECT_TRUE(scored.ok()) << scored.status().message();
  return scored.ok() && scored->scored.total_rounded ? *scored->scored.total_rounded : -1;
}

ImportResult Import(const std::vector<json>& resources, const ImportOptions& options = kAsOf2026) {
  StatusOr<ImportResult> result = ImportBundle(TestEngine(), BundleWith(resources), options);
  EXPECT_TRUE(result.ok()) << ErrorLines(result.status());
  return result.ok() ? std::move(*result) : ImportResult{};
}

TEST(PublisherResponsesTest, PhrIgPhq9ResponseByLoincLinkIdsTotalsThree) {
  const ImportResult result = Import({ReadJsonFile("publishers/phr-QuestionnaireResponse-PHQ9.json")});
  ASSERT_EQ(result.record.assessments.size(), 1u);
  EXPECT_EQ(result.record.assessments[0].instrument, "phq9");
  EXPECT_EQ(TotalOf(result.record.assessments[0]), 3);
  EXPECT_EQ(ReportFor(result, "QuestionnaireResponse/phq9").disposition, Disposition::kUsed);
}

TEST(PublisherResponsesTest, PhrIgGad7ResponseWithItsQuestionnaireTotalsThree) {
  const ImportResult result = Import({ReadJsonFile("publishers/phr-Questionnaire-GAD7.json"),
                                      ReadJsonFile("publishers/phr-QuestionnaireResponse-GAD7.json")});
  ASSERT_EQ(result.record.assessments.size(), 1u);
  EXPECT_EQ(result.record.assessments[0].instrument, "gad7");
  EXPECT_EQ(TotalOf(result.record.assessments[0]), 3);
}

TEST(PublisherResponsesTest, SdcResponseStatingThirteenIsReportedAndTheItemsTotalTenIsUsed) {
  const ImportResult result = Import({ReadJsonFile("publishers/sdc-Questionnaire-PHQ9.json"),
                                      ReadJsonFile("publishers/sdc-QuestionnaireResponse-PHQ9.json")});
  ASSERT_EQ(result.record.assessments.size(), 1u);
  EXPECT_EQ(TotalOf(result.record.assessments[0]), 10);
  const MappingEntry entry = ReportFor(result, "QuestionnaireResponse/questionnaireresponse-sdc-profile-example-PHQ9");
  EXPECT_EQ(entry.disposition, Disposition::kDoubtful);
  EXPECT_NE(entry.reason.find("stated total 13 differs from the total of the items 10"), std::string::npos)
      << entry.reason;
}

TEST(PublisherResponsesTest, SpeziFlatResponsesScoreTwentySevenWithItemNineAnswered) {
  for (const char* file : {"publishers/spezi-PHQ9_response_rkof.json", "publishers/spezi-PHQ9_response_spezi.json"}) {
    const ImportResult result = Import({ReadJsonFile("publishers/sdc-Questionnaire-PHQ9.json"), ReadJsonFile(file)});
    ASSERT_EQ(result.record.assessments.size(), 1u) << file;
    const Administration& phq9 = result.record.assessments[0];
    EXPECT_EQ(TotalOf(phq9), 27) << file;
    ASSERT_GE(phq9.items.size(), 9u);
    EXPECT_EQ(phq9.items[8], 3) << "item 9 is read, never imputed";
  }
}

TEST(PublisherResponsesTest, LhcFormsQuestionnaireScoresAnswersThroughItsOrdinalValues) {
  json response = {{"resourceType", "QuestionnaireResponse"},
                   {"id", "lhc1"},
                   {"status", "completed"},
                   {"authored", "2025-05-20"},
                   {"questionnaire", "#phq9"}};
  response["contained"] = {ReadJsonFile("publishers/lhcforms-Questionnaire-PHQ9-44249-1.json")};
  response["contained"][0]["id"] = "phq9";
  const char* answers[] = {"LA6569-3", "LA6570-1", "LA6568-5", "LA6571-9", "LA6568-5",
                           "LA6568-5", "LA6569-3", "LA6568-5", "LA6569-3"};
  const json items = ReadJsonFile("publishers/lhcforms-Questionnaire-PHQ9-44249-1.json")["item"];
  for (std::size_t i = 0; i < 9; ++i) {
    response["item"].push_back({{"linkId", items[i]["linkId"]}, {"answer", {{{"valueCoding", {{"code", answers[i]}}}}}}});
  }
  const ImportResult result = Import({response});
  ASSERT_EQ(result.record.assessments.size(), 1u);
  EXPECT_EQ(TotalOf(result.record.assessments[0]), 1 + 2 + 0 + 3 + 0 + 0 + 1 + 0 + 1);
  EXPECT_EQ(result.record.assessments[0].items[8], 1);
}

TEST(PublisherResponsesTest, StanfordGad7WithUuidLinkIdsAndNoLoincIsSkippedWithTheReason) {
  const json questionnaire = ReadJsonFile("publishers/rkof-GAD-7.json");
  json response = {{"resourceType", "QuestionnaireResponse"},
                   {"id", "gad7-uuid"},
                   {"status", "completed"},
                   {"authored", "2025-05-20"},
                   {"questionnaire", questionnaire["url"]}};
  for (const json& question : questionnaire["item"][0]["item"]) {
    response["item"].push_back({{"linkId", question["linkId"]}, {"answer", {{{"valueCoding", {{"code", "Not-at-all"}}}}}}});
  }
  const ImportResult result = Import({questionnaire, response});
  EXPECT_TRUE(result.record.assessments.empty());
  const MappingEntry entry = ReportFor(result, "QuestionnaireResponse/gad7-uuid");
  EXPECT_EQ(entry.disposition, Disposition::kSkipped);
  EXPECT_NE(entry.reason.find("no instrument identified"), std::string::npos) << entry.reason;
}

TEST(PublisherResponsesTest, PhrIgObservationsCarryTheTotalInAComponent) {
  const ImportResult result = Import({ReadJsonFile("publishers/phr-Observation-PHQ9.json"),
                                      ReadJsonFile("publishers/phr-Observation-GAD7.json")});
  ASSERT_EQ(result.record.assessments.size(), 2u);
  for (const Administration& administration : result.record.assessments) {
    EXPECT_EQ(administration.total, 3) << administration.instrument;
    EXPECT_TRUE(administration.items.empty());
    EXPECT_FALSE(administration.safety_item) << "a total without item 9 leaves item 9 unknown";
  }
}

}  // namespace
}  // namespace refract::fhir
