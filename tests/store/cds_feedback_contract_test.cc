// The CDS Hooks feedback part of the store contract (include/refract/store/store.h), run against
// every backend: feedback items are stored in one transaction, listed by card in id order, and
// survive reopening the store.
#include <gtest/gtest.h>

#include "refract/store/store.h"
#include "store_backends.h"

namespace refract::store {
namespace {

CdsFeedback Accepted(const std::string& card) {
  return {.service = "refract-patient-view",
          .client = "https://fhir-ehr.example.com/",
          .card = card,
          .outcome = "accepted",
          .accepted_suggestions = {"s-1", "s-2"},
          .outcome_timestamp = "2026-12-06T10:05:31Z",
          .received_at = "2026-12-06T10:05:32Z"};
}

CdsFeedback Overridden(const std::string& card) {
  return {.service = "refract-order-sign",
          .client = "https://fhir-ehr.example.com/",
          .card = card,
          .outcome = "overridden",
          .override_code = "patient-preference",
          .override_system = "urn:refract:cds-override-reason",
          .user_comment = "Discussed; the patient prefers to wait.",
          .outcome_timestamp = "2026-12-06T10:06:00Z",
          .received_at = "2026-12-06T10:06:01Z"};
}

class CdsFeedbackContractTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    backend_ = testing::MakeBackend(GetParam());
    if (std::string reason = backend_->Unavailable(); !reason.empty()) GTEST_SKIP() << reason;
    StatusOr<std::unique_ptr<Store>> opened = backend_->Open();
    ASSERT_TRUE(opened.ok()) << opened.status().message();
    store_ = std::move(*opened);
  }

  std::unique_ptr<testing::StoreBackend> backend_;
  std::unique_ptr<Store> store_;
};

TEST_P(CdsFeedbackContractTest, ItemsAreStoredAndListedByCardInOrder) {
  StatusOr<std::vector<int64_t>> ids =
      store_->AddCdsFeedback({Accepted("card-1"), Overridden("card-2"), Overridden("card-1")});
  ASSERT_TRUE(ids.ok()) << ids.status().message();
  ASSERT_EQ(ids->size(), 3u);
  EXPECT_LT((*ids)[0], (*ids)[1]);
  EXPECT_LT((*ids)[1], (*ids)[2]);

  StatusOr<std::vector<CdsFeedback>> card1 = store_->ListCdsFeedback("card-1");
  ASSERT_TRUE(card1.ok()) << card1.status().message();
  ASSERT_EQ(card1->size(), 2u);
  EXPECT_EQ((*card1)[0].outcome, "accepted");
  EXPECT_EQ((*card1)[0].accepted_suggestions, (std::vector<std::string>{"s-1", "s-2"}));
  EXPECT_EQ((*card1)[0].id, (*ids)[0]);
  EXPECT_EQ((*card1)[1].outcome, "overridden");
  EXPECT_EQ((*card1)[1].override_code, "patient-preference");
  EXPECT_EQ((*card1)[1].user_comment, "Discussed; the patient prefers to wait.");
  EXPECT_EQ((*card1)[1].outcome_timestamp, "2026-12-06T10:06:00Z");
  EXPECT_EQ((*card1)[1].client, "https://fhir-ehr.example.com/");
}

TEST_P(CdsFeedbackContractTest, AnUnknownCardHasNoFeedback) {
  StatusOr<std::vector<CdsFeedback>> none = store_->ListCdsFeedback("no-such-card");
  ASSERT_TRUE(none.ok()) << none.status().message();
  EXPECT_TRUE(none->empty());
}

TEST_P(CdsFeedbackContractTest, FeedbackSurvivesReopening) {
  if (!backend_->Persistent()) GTEST_SKIP() << "an in-memory store does not survive reopening";
  ASSERT_TRUE(store_->AddCdsFeedback({Accepted("card-9")}).ok());
  store_.reset();
  StatusOr<std::unique_ptr<Store>> reopened = backend_->Open();
  ASSERT_TRUE(reopened.ok()) << reopened.status().message();
  StatusOr<std::vector<CdsFeedback>> items = (*reopened)->ListCdsFeedback("card-9");
  ASSERT_TRUE(items.ok()) << items.status().message();
  ASSERT_EQ(items->size(), 1u);
  EXPECT_EQ((*items)[0].service, "refract-patient-view");
}

INSTANTIATE_TEST_SUITE_P(Backends, CdsFeedbackContractTest,
                         ::testing::Values("sqlite_file", "sqlite_memory", "postgres"),
                         [](const ::testing::TestParamInfo<std::string>& test) {
                           return test.param;
                         });

}  // namespace
}  // namespace refract::store
