// Refract's cards (include/refract/cdshooks/cards.h) for every example patient (examples/): every
// card passes the validator's card rules, has its own uuid, says it is decision support for a
// clinician, and the clinical content follows the assessment: the stage under Maudsley and
// Markowitz, missing psychotherapy, a critical card for a positive self-harm item, and the order
// checks (third antidepressant, MAOI interaction, esketamine label criterion).
#include "refract/cdshooks/cards.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "card_support.h"
#include "refract/cdshooks/card_rules.h"
#include "refract/cdshooks/hook_service.h"
#include "refract/cdshooks/services.h"

namespace refract::cdshooks {
namespace {

using nlohmann::json;
using testing::DraftOrders;
using testing::ExpectValid;
using testing::FindCard;
using testing::ReadText;
using testing::Settings;
using testing::TheEngine;

Assessment AssessText(const std::string& text, RecordSyntax syntax) {
  StatusOr<PatientRecord> record = TheEngine().ParseRecord(text, syntax);
  EXPECT_TRUE(record.ok()) << record.status().message();
  StatusOr<Assessment> assessment = TheEngine().Assess(*record, AssessOptions{});
  EXPECT_TRUE(assessment.ok()) << assessment.status().message();
  return *assessment;
}

std::vector<std::pair<std::string, Assessment>> ExamplePatients() {
  std::vector<std::pair<std::string, Assessment>> patients;
  for (const auto& entry : std::filesystem::directory_iterator("examples")) {
    const std::string path = entry.path().string();
    const std::string extension = entry.path().extension().string();
    if (extension != ".json" && extension != ".yaml") continue;
    patients.emplace_back(entry.path().filename().string(),
                          AssessText(ReadText(path), extension == ".json" ? RecordSyntax::kJson
                                                                          : RecordSyntax::kYaml));
  }
  return patients;
}

TEST(CardsTest, EveryExamplePatientsPatientViewCardsPassTheCardRules) {
  const auto patients = ExamplePatients();
  ASSERT_GE(patients.size(), 9u);
  for (const auto& [name, assessment] : patients) {
    const std::vector<Card> cards = PatientViewCards(assessment, "Patient/p1", Settings());
    ExpectValid(cards, name);
    ASSERT_GE(cards.size(), 2u) << name;
    EXPECT_NE(FindCard(cards, "info", "TRD stage: Maudsley"), nullptr) << name;
    EXPECT_NE(FindCard(cards, "info", "Markowitz"), nullptr) << name;
    const Card* link = FindCard(cards, "info", "in Refract");
    ASSERT_NE(link, nullptr) << name;
    EXPECT_EQ(link->links[0].url, "https://refract.example.org/app/#/patients");
  }
}

TEST(CardsTest, EveryExamplePatientsOrderCardsPassTheCardRules) {
  for (const auto& [name, assessment] : ExamplePatients()) {
    const json context = DraftOrders({"Phenelzine 15 MG Oral Tablet", "Sertraline 50 MG",
                                      "esketamine 28 MG/ACTUAT Nasal Spray"});
    const std::vector<Card> cards =
        OrderCards(assessment, ReadDraftOrders(context, false, TheEngine().knowledge()),
                   TheEngine().knowledge(), "Patient/p1", Settings());
    ExpectValid(cards, name);
  }
}

TEST(CardsTest, APositiveSelfHarmItemGivesACriticalCard) {
  const Assessment assessment =
      AssessText(ReadText("examples/h-self-harm-item-declines-ect-prefers-psychotherapy.json"),
                 RecordSyntax::kJson);
  const std::vector<Card> cards = PatientViewCards(assessment, "Patient/p1", Settings());
  ASSERT_NE(FindCard(cards, "critical", "Self-harm item positive"), nullptr);
  EXPECT_EQ(cards[0].indicator, "critical");  // first, above the summary
}

TEST(CardsTest, NoAdequatePsychotherapyIsSaidOnTheSummaryCard) {
  const Assessment assessment =
      AssessText(ReadText("examples/a-early-single-failure.json"), RecordSyntax::kJson);
  ASSERT_TRUE(NoAdequatePsychotherapy(assessment));
  const std::vector<Card> cards = PatientViewCards(assessment, "Patient/p1", Settings());
  EXPECT_NE(FindCard(cards, "info", "no adequate psychotherapy yet"), nullptr);
}

TEST(CardsTest, AThirdAntidepressantWithoutPsychotherapyIsAWarningWithAReferral) {
  const Assessment assessment =
      AssessText(ReadText("examples/a-early-single-failure.json"), RecordSyntax::kJson);
  const std::vector<Card> cards =
      OrderCards(assessment,
                 ReadDraftOrders(DraftOrders({"venlafaxine 75 MG Extended Release Oral Capsule"}),
                                 false, TheEngine().knowledge()),
                 TheEngine().knowledge(), "Patient/p1", Settings());
  const Card* card = FindCard(cards, "warning", "3rd antidepressant");
  ASSERT_NE(card, nullptr);
  ASSERT_EQ(card->suggestions.size(), 1u);
  const json resource = *card->suggestions[0].actions[0].resource;
  EXPECT_EQ(resource["resourceType"], "ServiceRequest");
  EXPECT_EQ(resource["subject"]["reference"], "Patient/p1");
  // A second selection of an antidepressant already tried does not count twice.
  EXPECT_EQ(FindCard(OrderCards(assessment,
                                ReadDraftOrders(DraftOrders({"Sertraline 100 MG"}), false,
                                                TheEngine().knowledge()),
                                TheEngine().knowledge(), "Patient/p1", Settings()),
                     "warning", "antidepressant"),
            nullptr);
}

TEST(CardsTest, AnMaoiWithAnOngoingSerotonergicDrugIsCritical) {
  json record = json::parse(ReadText("examples/a-early-single-failure.json"));
  record["treatments"][1].erase("end");
  record["treatments"][1].erase("stop_reason");
  record["treatments"][1].erase("outcome");
  const Assessment assessment = AssessText(record.dump(), RecordSyntax::kJson);
  const std::vector<Card> cards =
      OrderCards(assessment,
                 ReadDraftOrders(DraftOrders({"Phenelzine 15 MG Oral Tablet"}), false,
                                 TheEngine().knowledge()),
                 TheEngine().knowledge(), "Patient/p1", Settings());
  const Card* card = FindCard(cards, "critical", "Interaction: Phenelzine");
  ASSERT_NE(card, nullptr);
  EXPECT_NE(card->detail.find("serotonin syndrome"), std::string::npos) << card->detail;
  EXPECT_NE(card->detail.find("Source:"), std::string::npos);
  // Without an ongoing serotonergic drug, no interaction card.
  const Assessment none =
      AssessText(ReadText("examples/a-early-single-failure.json"), RecordSyntax::kJson);
  EXPECT_EQ(FindCard(OrderCards(none,
                                ReadDraftOrders(DraftOrders({"Phenelzine 15 MG Oral Tablet"}),
                                                false, TheEngine().knowledge()),
                                TheEngine().knowledge(), "Patient/p1", Settings()),
                     "critical", "Interaction"),
            nullptr);
}

TEST(CardsTest, EsketamineEligibilityFollowsTheLabelCount) {
  const Assessment early =
      AssessText(ReadText("examples/a-early-single-failure.json"), RecordSyntax::kJson);
  const std::vector<DraftOrder> order = ReadDraftOrders(
      DraftOrders({"esketamine 28 MG/ACTUAT Nasal Spray"}), false, TheEngine().knowledge());
  ASSERT_EQ(order.size(), 1u);
  EXPECT_NE(FindCard(OrderCards(early, order, TheEngine().knowledge(), "Patient/p1", Settings()),
                     "warning", "label criterion not met"),
            nullptr);
  const Assessment resistant = AssessText(
      ReadText("examples/c-chronic-psychotic-highly-resistant.json"), RecordSyntax::kJson);
  EXPECT_NE(
      FindCard(OrderCards(resistant, order, TheEngine().knowledge(), "Patient/p1", Settings()),
               "info", "label criterion met"),
      nullptr);
}

TEST(CardsTest, OrderSelectReadsOnlyTheSelectedOrders) {
  json context = DraftOrders({"Sertraline 50 MG", "Phenelzine 15 MG Oral Tablet", "Insulin"});
  context["selections"] = json::array({"MedicationRequest/draft-1", "MedicationRequest/draft-2"});
  const std::vector<DraftOrder> selected = ReadDraftOrders(context, true, TheEngine().knowledge());
  ASSERT_EQ(selected.size(), 1u);
  EXPECT_EQ(selected[0].agent, "phenelzine");
  EXPECT_EQ(ReadDraftOrders(context, false, TheEngine().knowledge()).size(), 2u);
}

TEST(CardsTest, DiscoveryListsTheDocumentedServices) {
  std::ifstream file("tests/data/cds-hooks/refract-discovery.json");
  EXPECT_EQ(DiscoveryJson(), json::parse(file));
}

// The hook service end to end with an importer that reads the example's record.
TEST(HookServiceTest, PatientViewAnswersCardsForTheRecordTheImportGives) {
  const std::string text = ReadText("examples/a-early-single-failure.json");
  json seen_bundle;
  HookService service(
      TheEngine(),
      [&](const json& bundle, const std::string& patient_id,
          const Date&) -> StatusOr<PatientRecord> {
        seen_bundle = bundle;
        EXPECT_EQ(patient_id, "p1");
        return TheEngine().ParseRecord(text, RecordSyntax::kJson);
      },
      [](const std::string&, const std::string&) -> StatusOr<json> {
        return Status::Unavailable("no fetching in this test");
      },
      Settings());
  json prefetch = json::object();
  for (const auto& [key, query] : FindService("refract-patient-view")->prefetch) {
    prefetch[key] = {{"resourceType", "Bundle"}, {"type", "searchset"}, {"entry", json::array()}};
  }
  prefetch["patient"] = {{"resourceType", "Patient"}, {"id", "p1"}};
  const json body = {{"hook", "patient-view"},
                     {"hookInstance", "h-1"},
                     {"context", {{"patientId", "p1"}, {"userId", "Practitioner/1"}}},
                     {"prefetch", prefetch}};
  StatusOr<HookResponse> response =
      service.Call("refract-patient-view", body, *Date::Parse("2025-08-06"));
  ASSERT_TRUE(response.ok()) << response.status().message();
  EXPECT_TRUE(CheckResponseCards(ToJson(*response)).empty());
  EXPECT_EQ(seen_bundle["entry"][0]["resource"]["resourceType"], "Patient");

  StatusOr<HookResponse> wrong_hook =
      service.Call("refract-order-sign", body, *Date::Parse("2025-08-06"));
  ASSERT_FALSE(wrong_hook.ok());
  EXPECT_EQ(wrong_hook.status().details()[0].path, "$.hook");
  EXPECT_EQ(service.Call("nope", body, *Date::Parse("2025-08-06")).status().code(),
            StatusCode::kNotFound);
  json no_prefetch = body;
  no_prefetch.erase("prefetch");
  EXPECT_EQ(
      service.Call("refract-patient-view", no_prefetch, *Date::Parse("2025-08-06")).status().code(),
      StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace refract::cdshooks
