// The questionnaire-link pieces (src/server/questionnaire_links.h): the link request and answer
// checks with their field paths, the self-harm item, and the retry when another change comes
// between reading the record and completing the link.
#include <gtest/gtest.h>

#include "questionnaire_links.h"
#include "store_backends.h"

namespace refract::server {
namespace {

using nlohmann::json;

const Engine& TheEngine() {
  static const Engine engine = *Engine::Create(EmbeddedKnowledgeSource());
  return engine;
}

std::vector<std::string> Paths(const Status& status) {
  std::vector<std::string> paths;
  for (const FieldError& error : status.details()) paths.push_back(error.path);
  return paths;
}

TEST(QuestionnaireLinkRequest, DefaultsTo72HoursAndRejectsUnknownFields) {
  StatusOr<LinkRequest> request = ReadLinkRequest({{"instruments", {"gad7"}}});
  ASSERT_TRUE(request.ok());
  EXPECT_EQ(request->expires_in_hours, 72);
  EXPECT_EQ(request->instruments, std::vector<std::string>{"gad7"});
  EXPECT_EQ(Paths(ReadLinkRequest({{"instruments", {"phq9"}}, {"patient", "x"}}).status()),
            std::vector<std::string>{"patient"});
  EXPECT_EQ(Paths(ReadLinkRequest({{"instruments", {"phq9"}}, {"expires_in_hours", 0}}).status()),
            std::vector<std::string>{"expires_in_hours"});
}

TEST(QuestionnaireAnswers, EveryAskedInstrumentIsAnsweredCompletelyAndNothingElse) {
  const std::vector<std::string> asked = {"phq9"};
  StatusOr<Answers> ok =
      ReadAnswers(TheEngine(), {{"answers", {{"phq9", {0, 1, 2, 3, 0, 1, 2, 3, 0}}}}}, asked);
  ASSERT_TRUE(ok.ok()) << ok.status().message();
  EXPECT_FALSE(SelfHarmPositive(TheEngine(), *ok));
  StatusOr<Answers> short_list =
      ReadAnswers(TheEngine(), {{"answers", {{"phq9", {0, 1}}, {"gad7", {0}}}}}, asked);
  EXPECT_EQ(Paths(short_list.status()), (std::vector<std::string>{"answers.phq9", "answers.gad7"}));
  StatusOr<Answers> wrong_type =
      ReadAnswers(TheEngine(), {{"answers", {{"phq9", {0, 1, 2, 3, 0, 1, "2", 3, -1}}}}}, asked);
  EXPECT_EQ(Paths(wrong_type.status()),
            (std::vector<std::string>{"answers.phq9[6]", "answers.phq9[8]"}));
  EXPECT_EQ(Paths(ReadAnswers(TheEngine(), json::object(), asked).status()),
            std::vector<std::string>{"answers"});
  StatusOr<Answers> positive =
      ReadAnswers(TheEngine(), {{"answers", {{"phq9", {0, 0, 0, 0, 0, 0, 0, 0, 2}}}}}, asked);
  EXPECT_TRUE(SelfHarmPositive(TheEngine(), *positive));
}

TEST(QuestionnaireWording, TheInstrumentsALinkAsksHaveTheirPublishedWording) {
  StatusOr<json> questionnaire = QuestionnaireJson(TheEngine(), {"phq9", "gad7"});
  ASSERT_TRUE(questionnaire.ok()) << questionnaire.status().message();
  const json& phq9 = (*questionnaire)[0];
  EXPECT_EQ(phq9["stem"],
            "Over the last 2 weeks, how often have you been bothered by any of the following "
            "problems?");
  EXPECT_EQ(phq9["items"][8]["text"],
            "Thoughts that you would be better off dead or of hurting yourself in some way");
  EXPECT_EQ((*questionnaire)[1]["items"][6]["text"],
            "Feeling afraid, as if something awful might happen");
  EXPECT_NE(phq9["attribution"].get<std::string>().find("Pfizer"), std::string::npos);
  EXPECT_FALSE(QuestionnaireJson(TheEngine(), {"madrs"}).ok());  // no wording: never asked
}

TEST(QuestionnaireCompletion, AConflictingChangeIsReReadAndTheAnswersReApplied) {
  auto backend = store::testing::MakeBackend("sqlite_memory");
  StatusOr<std::unique_ptr<store::Store>> opened = backend->Open();
  ASSERT_TRUE(opened.ok()) << opened.status().message();
  std::unique_ptr<store::Store> store = std::move(*opened);
  const store::ChangeInfo change{"dr-a", "2026-12-06T10:00:00Z", "created"};
  const store::PatientVersion patient =
      *store->CreatePatient("alpha", "pat", R"({"id":"pat","edits":[]})", change);
  const store::QuestionnaireLink link{.token_hash = "h",
                                      .patient_id = patient.patient_id,
                                      .team = "alpha",
                                      .instruments = {"phq9"},
                                      .created_by = "dr-a",
                                      .created_at = "2026-12-06T09:00:00Z",
                                      .expires_at = "2026-12-09T09:00:00Z"};
  ASSERT_TRUE(store->CreateQuestionnaireLink(link).ok());
  int attempts = 0;
  const LinkEdit edit = [&](const store::PatientVersion& latest) -> StatusOr<std::string> {
    json record = json::parse(latest.document);
    if (++attempts == 1) {  // a clinician's change lands after this read
      json clinician = record;
      clinician["edits"].push_back("clinician");
      EXPECT_TRUE(
          store->UpdatePatient(latest.patient_id, latest.version, "pat", clinician.dump(), change)
              .ok());
    }
    record["edits"].push_back("questionnaire");
    return record.dump();
  };
  StatusOr<store::PatientVersion> done = CompleteWithRetries(
      *store, link, "2026-12-06T10:05:00Z", edit, {"questionnaire-link", "t", "r"});
  ASSERT_TRUE(done.ok()) << done.status().message();
  EXPECT_EQ(attempts, 2);
  EXPECT_EQ(done->version, 3);
  EXPECT_EQ(json::parse(done->document)["edits"], json({"clinician", "questionnaire"}));
}

}  // namespace
}  // namespace refract::server
