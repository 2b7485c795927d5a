// Refract's cards (include/refract/cdshooks/cards.h) for every example patient (examples/): every
// card passes the validator's card rules, has its own uuid, says it is decision support for a
// clinician, and the clinical content follows the assessment: the stage under Maudsley and
// Markowitz, missing psychotherapy, a critical card for a positive self-harm item, and the order
// checks (third antidepressant, MAOI interaction, esketamine label criterion).
#include "refract/cdshooks/cards.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "refract/cdshooks/card_rules.h"
#include "refract/cdshooks/hook_service.h"
#include "refract/cdshooks/services.h"

namespace refract::cdshooks {
namespace {

using nlohmann::json;

const Engine& TheEngine() {
  static const Engine engine = *Engine::Create(EmbeddedKnowledgeSource());
  return engine;
}

CardSettings Settings() {
  auto counter = std::make_shared<int>(0);
  return {TheEngine().knowledge_version(), "https://refract.example.org/app/", [counter] {
            return "00000000-0000-4000-8000-" + std::to_string(100000000000 + ++*counter);
          }};
}

std::string ReadText(const std::string& path) {
  std::ifstream file(path);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

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

json DraftOrders(const std::vector<std::string>& medicines) {
  json entries = json::array();
  for (size_t i = 0; i < medicines.size(); ++i) {
    entries.push_back(
        {{"resource",
          {{"resourceType", "MedicationRequest"},
           {"id", "draft-" + std::to_string(i)},
           {"status", "draft"},
           {"intent", "order"},
           {"medicationCodeableConcept",
            {{"coding", json::array({{{"system", "http://www.nlm.nih.gov/research/umls/rxnorm"},
                                      {"display", medicines[i]}}})}}}}}});
  }
  return {
      {"patientId", "p1"},
      {"draftOrders", {{"resourceType", "Bundle"}, {"type", "collection"}, {"entry", entries}}}};
}

void ExpectValid(const std::vector<Card>& cards, const std::string& name) {
  std::set<std::string> uuids;
  for (const Card& card : cards) {
    const json card_json = ToJson(card);
    for (const FieldError& error : CheckCard(card_json, "$")) {
      ADD_FAILURE() << name << ": " << error.path << " " << error.rule << "\n" << card_json.dump();
    }
    EXPECT_TRUE(uuids.insert(card.uuid).second) << name;
    EXPECT_NE(card.detail.find("Decision support for a clinician"), std::string::npos) << name;
    EXPECT_NE(card.source.label.find(TheEngine().knowledge_version()), std::string::npos);
    if (card.indicator != "info") {
      EXPECT_FALSE(card.override_reasons.empty()) << name;
    }
    for (const Suggestion& suggestion : card.suggestions) {
      EXPECT_TRUE(uuids.insert(suggestion.uuid).second) << name;
    }
  }
}

const Card* FindCard(const std::vector<Card>& cards, const std::string& indicator,
                     const std::string& words) {
  for (const Card& card : cards) {
    if (card.indicator == indicator && card.summary.find(words) != std::string::npos) return &card;
  }
  return nullptr;
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

// Each example patient's FHIR bundle (tests/data/fhir/examples, generated from examples/ by
// tools/fhir/record_to_bundle.py) split into the prefetch keys as a FHIR server would answer the
// discovery templates; the hook service with the FHIR import answers cards that pass the rules.
json PrefetchFrom(const json& bundle) {
  const std::map<std::string, std::string> keys = {{"Condition", "conditions"},
                                                   {"MedicationRequest", "medications"},
                                                   {"MedicationStatement", "medication_statements"},
                                                   {"Observation", "observations"},
                                                   {"Procedure", "procedures"}};
  const std::set<std::string> loinc = {"44261-6", "44260-8", "70274-6", "44249-1", "69737-5"};
  json prefetch = json::object();
  for (const auto& [type, key] : keys) {
    prefetch[key] = {{"resourceType", "Bundle"}, {"type", "searchset"}, {"entry", json::array()}};
  }
  for (const json& entry : bundle["entry"]) {
    const json& resource = entry["resource"];
    const std::string type = resource["resourceType"];
    if (type == "Patient") prefetch["patient"] = resource;
    if (!keys.contains(type)) continue;
    if (type == "Observation") {
      const json& coding = resource["code"]["coding"][0];
      if (coding.value("system", "") != "http://loinc.org" || !loinc.contains(coding["code"])) {
        continue;
      }
    }
    prefetch[keys.at(type)]["entry"].push_back({{"resource", resource}});
  }
  return prefetch;
}

TEST(HookServiceTest, EveryExampleBundleAsPrefetchGivesCardsThatPassTheRules) {
  HookService service(
      TheEngine(), FhirImporter(TheEngine()),
      [](const std::string&, const std::string&) -> StatusOr<json> {
        return Status::Unavailable("no fetching in this test");
      },
      Settings());
  int bundles = 0;
  bool critical_for_h = false;
  for (const auto& entry : std::filesystem::directory_iterator("tests/data/fhir/examples")) {
    const json bundle = json::parse(ReadText(entry.path().string()));
    const json prefetch = PrefetchFrom(bundle);
    const std::string patient = prefetch["patient"]["id"];
    const std::string stem = entry.path().stem().string();
    const std::string example = std::filesystem::exists("examples/" + stem + ".json")
                                    ? "examples/" + stem + ".json"
                                    : "examples/" + stem + ".yaml";
    const Date as_of =
        TheEngine()
            .ParseRecord(ReadText(example),
                         example.ends_with(".json") ? RecordSyntax::kJson : RecordSyntax::kYaml)
            ->as_of;
    for (const char* id : {"refract-patient-view", "refract-order-sign"}) {
      json context = DraftOrders({"Phenelzine 15 MG Oral Tablet", "Sertraline 50 MG",
                                  "esketamine 28 MG/ACTUAT Nasal Spray"});
      context["patientId"] = patient;
      context["userId"] = "Practitioner/1";
      const json body = {{"hook", FindService(id)->hook},
                         {"hookInstance", "h-" + stem},
                         {"context", context},
                         {"prefetch", prefetch}};
      StatusOr<HookResponse> response = service.Call(id, body, as_of);
      ASSERT_TRUE(response.ok()) << stem << " " << id << ": " << response.status().message();
      ExpectValid(response->cards, stem + " " + id);
      if (stem.starts_with("h-") && std::string(id) == "refract-patient-view") {
        critical_for_h = FindCard(response->cards, "critical", "Self-harm") != nullptr;
      }
    }
    ++bundles;
  }
  EXPECT_GE(bundles, 9);
  EXPECT_TRUE(critical_for_h);
}

}  // namespace
}  // namespace refract::cdshooks
