// The questionnaire-link part of the store contract (include/refract/store/store.h), run against
// every backend: a link is completed once, before it expires, together with the patient's new
// version; a used, expired or stale completion writes nothing.
#include <gtest/gtest.h>

#include "refract/store/store.h"
#include "store_backends.h"

namespace refract::store {
namespace {

constexpr const char* kNow = "2026-12-06T10:00:00Z";

ChangeInfo Change(std::string reason) {
  return {.author = "questionnaire-link", .time = kNow, .reason = std::move(reason)};
}

class QuestionnaireLinksContractTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    backend_ = testing::MakeBackend(GetParam());
    if (std::string reason = backend_->Unavailable(); !reason.empty()) GTEST_SKIP() << reason;
    StatusOr<std::unique_ptr<Store>> opened = backend_->Open();
    ASSERT_TRUE(opened.ok()) << opened.status().message();
    store_ = std::move(*opened);
    StatusOr<PatientVersion> created =
        store_->CreatePatient("team-a", "pat-1", R"({"id":"pat-1"})", Change("created"));
    ASSERT_TRUE(created.ok()) << created.status().message();
    patient_ = *created;
  }

  QuestionnaireLink Link(const std::string& hash, const std::string& expires_at) {
    return {.token_hash = hash,
            .patient_id = patient_.patient_id,
            .team = "team-a",
            .instruments = {"phq9", "gad7"},
            .created_by = "dr-a",
            .created_at = "2026-12-06T09:00:00Z",
            .expires_at = expires_at};
  }

  StatusOr<PatientVersion> Complete(const std::string& hash, int64_t expected,
                                    const std::string& now = kNow) {
    return store_->CompleteQuestionnaireLink(hash, now, expected, R"({"id":"pat-1","x":1})",
                                             Change("patient questionnaire"));
  }

  int64_t LatestVersion() { return store_->GetPatient(patient_.patient_id, std::nullopt)->version; }

  std::unique_ptr<testing::StoreBackend> backend_;
  std::unique_ptr<Store> store_;
  PatientVersion patient_;
};

TEST_P(QuestionnaireLinksContractTest, ALinkIsStoredListedAndFoundByItsHash) {
  ASSERT_TRUE(store_->CreateQuestionnaireLink(Link("h1", "2026-12-09T09:00:00Z")).ok());
  StatusOr<QuestionnaireLink> found = store_->FindQuestionnaireLink("h1");
  ASSERT_TRUE(found.ok()) << found.status().message();
  EXPECT_EQ(found->instruments, (std::vector<std::string>{"phq9", "gad7"}));
  EXPECT_EQ(found->patient_id, patient_.patient_id);
  EXPECT_EQ(found->used_at, "");
  StatusOr<std::vector<QuestionnaireLink>> listed =
      store_->ListQuestionnaireLinks(patient_.patient_id);
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].expires_at, "2026-12-09T09:00:00Z");
  EXPECT_EQ(store_->FindQuestionnaireLink("h2").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->CreateQuestionnaireLink(Link("h1", "2026-12-09T09:00:00Z")).code(),
            StatusCode::kAlreadyExists);
  QuestionnaireLink orphan = Link("h3", "2026-12-09T09:00:00Z");
  orphan.patient_id = "p0000000000000000";
  EXPECT_EQ(store_->CreateQuestionnaireLink(orphan).code(), StatusCode::kNotFound);
}

TEST_P(QuestionnaireLinksContractTest, CompletingMarksTheLinkUsedAndAddsOneVersion) {
  ASSERT_TRUE(store_->CreateQuestionnaireLink(Link("h1", "2026-12-09T09:00:00Z")).ok());
  StatusOr<PatientVersion> completed = Complete("h1", 1);
  ASSERT_TRUE(completed.ok()) << completed.status().message();
  EXPECT_EQ(completed->version, 2);
  EXPECT_EQ(completed->pseudonym, "pat-1");
  EXPECT_EQ(completed->change.author, "questionnaire-link");
  EXPECT_EQ(store_->FindQuestionnaireLink("h1")->used_at, kNow);
  StatusOr<PatientVersion> again = Complete("h1", 2);
  EXPECT_EQ(again.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(again.status().message(), "link already used or expired");
  EXPECT_EQ(LatestVersion(), 2);
}

TEST_P(QuestionnaireLinksContractTest, AnExpiredLinkWritesNothing) {
  ASSERT_TRUE(store_->CreateQuestionnaireLink(Link("h1", kNow)).ok());  // expires at `now`
  EXPECT_EQ(Complete("h1", 1).status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(store_->FindQuestionnaireLink("h1")->used_at, "");
  EXPECT_EQ(LatestVersion(), 1);
  EXPECT_EQ(Complete("unknown", 1).status().code(), StatusCode::kNotFound);
}

TEST_P(QuestionnaireLinksContractTest, AStaleVersionConflictsAndLeavesTheLinkUnused) {
  ASSERT_TRUE(store_->CreateQuestionnaireLink(Link("h1", "2026-12-09T09:00:00Z")).ok());
  ASSERT_TRUE(store_
                  ->UpdatePatient(patient_.patient_id, 1, "pat-1", R"({"id":"pat-1","y":2})",
                                  Change("clinician edit"))
                  .ok());
  EXPECT_EQ(Complete("h1", 1).status().code(), StatusCode::kConflict);
  EXPECT_EQ(store_->FindQuestionnaireLink("h1")->used_at, "");
  EXPECT_EQ(LatestVersion(), 2);
  StatusOr<PatientVersion> retried = Complete("h1", 2);
  ASSERT_TRUE(retried.ok()) << retried.status().message();
  EXPECT_EQ(retried->version, 3);
}

INSTANTIATE_TEST_SUITE_P(Backends, QuestionnaireLinksContractTest,
                         ::testing::Values("sqlite_file", "sqlite_memory", "postgres"),
                         [](const ::testing::TestParamInfo<std::string>& test) {
                           return test.param;
                         });

}  // namespace
}  // namespace refract::store
