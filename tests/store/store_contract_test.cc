// The store contract (include/refract/store/store.h), one suite run against every backend.
#include <gtest/gtest.h>

#include <atomic>
#include <set>
#include <thread>

#include "refract/store/store.h"
#include "store_backends.h"

namespace refract::store {
namespace {

constexpr const char* kNoSecondConnection =
    "a :memory: database cannot be reached from a second connection or reopened";

ChangeInfo Change(std::string reason, std::string time = "2026-12-06T10:00:00Z") {
  return {.author = "dr-a", .time = std::move(time), .reason = std::move(reason)};
}

std::string Document(const std::string& pseudonym) {
  return R"({"schema":"refract-patient/1","id":")" + pseudonym + R"("})";
}

class StoreContractTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    backend_ = testing::MakeBackend(GetParam());
    if (std::string reason = backend_->Unavailable(); !reason.empty()) GTEST_SKIP() << reason;
    StatusOr<std::unique_ptr<Store>> opened = backend_->Open();
    ASSERT_TRUE(opened.ok()) << opened.status().message();
    store_ = std::move(*opened);
  }

  PatientVersion Create(const std::string& pseudonym, const std::string& team = "team-a") {
    StatusOr<PatientVersion> created =
        store_->CreatePatient(team, pseudonym, Document(pseudonym), Change("created"));
    EXPECT_TRUE(created.ok()) << created.status().message();
    return created.ok() ? *created : PatientVersion{};
  }

  std::vector<std::string> Pseudonyms(const PatientQuery& query) {
    StatusOr<PatientPage> page = store_->ListPatients(query);
    EXPECT_TRUE(page.ok()) << page.status().message();
    std::vector<std::string> names;
    if (page.ok()) {
      for (const PatientSummary& patient : page->patients) names.push_back(patient.pseudonym);
    }
    return names;
  }

  AuditEvent Event(std::string action, int64_t version = 0) {
    return {.time = "2026-12-06T10:00:00Z",
            .username = "dr-a",
            .role = "clinician",
            .action = std::move(action),
            .patient_id = "p0123456789abcdef",
            .version = version,
            .address = "127.0.0.1",
            .outcome = "ok"};
  }

  std::unique_ptr<testing::StoreBackend> backend_;
  std::unique_ptr<Store> store_;
};

TEST_P(StoreContractTest, CreatedPatientReadsBackAsVersionOne) {
  PatientVersion created = Create("TRD-001");
  EXPECT_EQ(created.patient_id.size(), 17u);
  EXPECT_EQ(created.patient_id[0], 'p');
  StatusOr<PatientVersion> read = store_->GetPatient(created.patient_id, std::nullopt);
  ASSERT_TRUE(read.ok()) << read.status().message();
  EXPECT_EQ(read->team, "team-a");
  EXPECT_EQ(read->pseudonym, "TRD-001");
  EXPECT_EQ(read->version, 1);
  EXPECT_FALSE(read->archived);
  EXPECT_EQ(read->document, Document("TRD-001"));
  EXPECT_EQ(read->change.author, "dr-a");
  EXPECT_EQ(read->change.reason, "created");
  EXPECT_EQ(*store_->CountPatients(), 1);
}

TEST_P(StoreContractTest, UnknownPatientAndVersionAreNotFound) {
  PatientVersion created = Create("TRD-001");
  EXPECT_EQ(store_->GetPatient("p0000000000000000", std::nullopt).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(store_->GetPatient(created.patient_id, 2).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->PatientHistory("p0000000000000000").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->UpdatePatient("p0000000000000000", 1, "x", "{}", Change("u")).status().code(),
            StatusCode::kNotFound);
}

TEST_P(StoreContractTest, ListPagesInPseudonymOrderWithinTheTeam) {
  for (const char* name : {"e", "b", "g", "a", "d", "c", "f"}) Create(name);
  Create("zz-other-team", "team-b");
  PatientQuery query{.team = "team-a", .limit = 3};
  StatusOr<PatientPage> first = store_->ListPatients(query);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(Pseudonyms(query), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(first->next_after, "c");
  query.after_pseudonym = "c";
  EXPECT_EQ(Pseudonyms(query), (std::vector<std::string>{"d", "e", "f"}));
  query.after_pseudonym = "f";
  StatusOr<PatientPage> last = store_->ListPatients(query);
  ASSERT_TRUE(last.ok());
  ASSERT_EQ(last->patients.size(), 1u);
  EXPECT_EQ(last->patients[0].pseudonym, "g");
  EXPECT_EQ(last->patients[0].team, "team-a");
  EXPECT_EQ(last->patients[0].version, 1);
  EXPECT_EQ(last->patients[0].updated_at, "2026-12-06T10:00:00Z");
  EXPECT_EQ(last->next_after, "");
}

TEST_P(StoreContractTest, PrefixSearchTreatsWildcardsLiterally) {
  for (const char* name : {"a%b", "a_b", "axb", "a\\b", "ab", "b%", "A%b"}) Create(name);
  EXPECT_EQ(Pseudonyms({.team = "team-a", .pseudonym_prefix = "a%"}),
            (std::vector<std::string>{"a%b"}));
  EXPECT_EQ(Pseudonyms({.team = "team-a", .pseudonym_prefix = "a_"}),
            (std::vector<std::string>{"a_b"}));
  EXPECT_EQ(Pseudonyms({.team = "team-a", .pseudonym_prefix = "a\\"}),
            (std::vector<std::string>{"a\\b"}));
  EXPECT_EQ(Pseudonyms({.team = "team-a", .pseudonym_prefix = "a"}),
            (std::vector<std::string>{"a%b", "a\\b", "a_b", "ab", "axb"}));
  EXPECT_TRUE(Pseudonyms({.team = "team-a", .pseudonym_prefix = "%"}).empty());
}

TEST_P(StoreContractTest, PrefixSearchPagesWithinThePrefix) {
  for (const char* name : {"a1", "a2", "a3", "a4", "a5", "b1", "0"}) Create(name);
  PatientQuery query{.team = "team-a", .pseudonym_prefix = "a", .limit = 2};
  std::vector<std::string> seen;
  for (int page = 0; page < 4; ++page) {
    StatusOr<PatientPage> listed = store_->ListPatients(query);
    ASSERT_TRUE(listed.ok());
    for (const PatientSummary& patient : listed->patients) seen.push_back(patient.pseudonym);
    if (listed->next_after.empty()) break;
    query.after_pseudonym = listed->next_after;
  }
  EXPECT_EQ(seen, (std::vector<std::string>{"a1", "a2", "a3", "a4", "a5"}));
  EXPECT_EQ(Pseudonyms({.team = "team-a", .pseudonym_prefix = "a", .after_pseudonym = "0"}),
            (std::vector<std::string>{"a1", "a2", "a3", "a4", "a5"}));
}

TEST_P(StoreContractTest, ArchivedPatientsAreHiddenUnlessAsked) {
  PatientVersion kept = Create("kept");
  PatientVersion gone = Create("gone");
  StatusOr<PatientVersion> archived = store_->ArchivePatient(gone.patient_id, 1, Change("left"));
  ASSERT_TRUE(archived.ok()) << archived.status().message();
  EXPECT_TRUE(archived->archived);
  EXPECT_EQ(archived->version, 2);
  EXPECT_EQ(archived->document, gone.document);
  EXPECT_EQ(Pseudonyms({.team = "team-a"}), (std::vector<std::string>{"kept"}));
  EXPECT_EQ(Pseudonyms({.team = "team-a", .include_archived = true}),
            (std::vector<std::string>{"gone", "kept"}));
  EXPECT_EQ(store_->UpdatePatient(gone.patient_id, 2, "gone", "{}", Change("u")).status().code(),
            StatusCode::kFailedPrecondition);
  EXPECT_EQ(*store_->CountPatients(), 2);
}

TEST_P(StoreContractTest, UpdateWithTheLatestVersionAddsAVersion) {
  PatientVersion created = Create("TRD-001");
  StatusOr<PatientVersion> updated = store_->UpdatePatient(
      created.patient_id, 1, "TRD-001b", R"({"v":2})", Change("added trial T3", "2026-12-07"));
  ASSERT_TRUE(updated.ok()) << updated.status().message();
  EXPECT_EQ(updated->version, 2);
  EXPECT_EQ(updated->pseudonym, "TRD-001b");
  StatusOr<PatientVersion> latest = store_->GetPatient(created.patient_id, std::nullopt);
  ASSERT_TRUE(latest.ok());
  EXPECT_EQ(latest->document, R"({"v":2})");
  EXPECT_EQ(latest->change.reason, "added trial T3");
  EXPECT_EQ(Pseudonyms({.team = "team-a"}), (std::vector<std::string>{"TRD-001b"}));
}

TEST_P(StoreContractTest, StaleVersionConflictsAndWritesNothing) {
  PatientVersion created = Create("TRD-001");
  ASSERT_TRUE(store_->UpdatePatient(created.patient_id, 1, "TRD-001", "{}", Change("a")).ok());
  StatusOr<PatientVersion> stale =
      store_->UpdatePatient(created.patient_id, 1, "TRD-009", R"({"lost":1})", Change("b"));
  EXPECT_EQ(stale.status().code(), StatusCode::kConflict);
  EXPECT_EQ(store_->ArchivePatient(created.patient_id, 1, Change("c")).status().code(),
            StatusCode::kConflict);
  StatusOr<std::vector<VersionInfo>> history = store_->PatientHistory(created.patient_id);
  ASSERT_TRUE(history.ok());
  EXPECT_EQ(history->size(), 2u);
  EXPECT_EQ(store_->GetPatient(created.patient_id, std::nullopt)->pseudonym, "TRD-001");
  EXPECT_EQ(Pseudonyms({.team = "team-a", .include_archived = true}),
            (std::vector<std::string>{"TRD-001"}));
}

TEST_P(StoreContractTest, HistoryListsEveryVersionAndPastVersionsReadAsTheyWere) {
  PatientVersion created = Create("old-name");
  ASSERT_TRUE(
      store_->UpdatePatient(created.patient_id, 1, "new-name", "{}", Change("renamed")).ok());
  ASSERT_TRUE(store_->ArchivePatient(created.patient_id, 2, Change("archived")).ok());
  StatusOr<std::vector<VersionInfo>> history = store_->PatientHistory(created.patient_id);
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 3u);
  EXPECT_EQ((*history)[0].change.reason, "created");
  EXPECT_EQ((*history)[1].version, 2);
  EXPECT_TRUE((*history)[2].archived);
  StatusOr<PatientVersion> first = store_->GetPatient(created.patient_id, 1);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->pseudonym, "old-name");
  EXPECT_EQ(first->document, Document("old-name"));
  EXPECT_FALSE(first->archived);
}

TEST_P(StoreContractTest, PseudonymIsUniqueWithinATeam) {
  PatientVersion first = Create("TRD-001");
  PatientVersion second = Create("TRD-002");
  EXPECT_EQ(store_->CreatePatient("team-a", "TRD-001", "{}", Change("dup")).status().code(),
            StatusCode::kAlreadyExists);
  EXPECT_EQ(
      store_->UpdatePatient(second.patient_id, 1, "TRD-001", "{}", Change("u")).status().code(),
      StatusCode::kAlreadyExists);
  EXPECT_TRUE(store_->CreatePatient("team-b", "TRD-001", "{}", Change("other team")).ok());
  EXPECT_EQ(store_->GetPatient(second.patient_id, std::nullopt)->version, 1);
  EXPECT_EQ(first.version, 1);
}

TEST_P(StoreContractTest, UsersAndCredentials) {
  User user{.username = "dr-a",
            .password_hash = "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA",
            .roles = {Role::kClinician, Role::kAuditor},
            .team = "team-a",
            .created_at = "2026-12-06T10:00:00Z"};
  StatusOr<User> created = store_->CreateUser(user);
  ASSERT_TRUE(created.ok()) << created.status().message();
  EXPECT_GT(created->id, 0);
  EXPECT_EQ(store_->CreateUser(user).status().code(), StatusCode::kAlreadyExists);
  StatusOr<User> found = store_->FindUser("dr-a");
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->roles, (std::vector<Role>{Role::kClinician, Role::kAuditor}));
  EXPECT_EQ(found->password_hash, user.password_hash);
  User changed = *found;
  changed.disabled = true;
  changed.roles = {Role::kAdmin};
  ASSERT_TRUE(store_->UpdateUser(changed).ok());
  StatusOr<User> reread = store_->GetUser(created->id);
  ASSERT_TRUE(reread.ok());
  EXPECT_TRUE(reread->disabled);
  EXPECT_EQ(reread->roles, (std::vector<Role>{Role::kAdmin}));
  EXPECT_EQ(store_->ListUsers()->size(), 1u);
  EXPECT_EQ(store_->FindUser("nobody").status().code(), StatusCode::kNotFound);
  changed.id = 9999;
  EXPECT_EQ(store_->UpdateUser(changed).status().code(), StatusCode::kNotFound);

  Credential session{.token_hash = std::string(64, 'a'),
                     .user_id = created->id,
                     .kind = "session",
                     .csrf_token = "csrf",
                     .created_at = "2026-12-06T10:00:00Z",
                     .expires_at = "2026-12-06T18:00:00Z"};
  ASSERT_TRUE(store_->AddCredential(session).ok());
  EXPECT_EQ(store_->AddCredential(session).code(), StatusCode::kAlreadyExists);
  Credential orphan = session;
  orphan.token_hash = std::string(64, 'b');
  orphan.user_id = 9999;
  EXPECT_EQ(store_->AddCredential(orphan).code(), StatusCode::kNotFound);
  ASSERT_TRUE(store_->RevokeCredential(session.token_hash).ok());
  StatusOr<Credential> revoked = store_->FindCredential(session.token_hash);
  ASSERT_TRUE(revoked.ok());
  EXPECT_TRUE(revoked->revoked);
  EXPECT_EQ(revoked->csrf_token, "csrf");
  EXPECT_EQ(store_->ListCredentials(created->id)->size(), 1u);
  EXPECT_EQ(store_->FindCredential("none").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->RevokeCredential("none").code(), StatusCode::kNotFound);
}

TEST_P(StoreContractTest, AuditAppendsFormAVerifiedChain) {
  StatusOr<AuditEvent> first = store_->AppendAudit(Event("login"));
  ASSERT_TRUE(first.ok()) << first.status().message();
  EXPECT_EQ(first->sequence, 1);
  EXPECT_EQ(first->previous_hash, "");
  EXPECT_EQ(first->hash.size(), 64u);
  StatusOr<AuditEvent> second = store_->AppendAudit(Event("patient.read", 3));
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->previous_hash, first->hash);
  StatusOr<std::vector<AuditEvent>> listed = store_->ListAudit(1, 10);
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].action, "patient.read");
  EXPECT_EQ((*listed)[0].version, 3);
  StatusOr<AuditVerification> verified = store_->VerifyAudit();
  ASSERT_TRUE(verified.ok());
  EXPECT_TRUE(verified->intact) << verified->problem;
  EXPECT_EQ(verified->rows, 2);
  EXPECT_EQ(store_->ListAudit(0, 0).status().code(), StatusCode::kInvalidArgument);
}

TEST_P(StoreContractTest, AlteredAuditFieldIsNamed) {
  if (!backend_->Persistent()) GTEST_SKIP() << kNoSecondConnection;
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(store_->AppendAudit(Event("patient.read")).ok());
  backend_->ExecuteSql("UPDATE audit_log SET username = 'someone-else' WHERE sequence = 3");
  StatusOr<AuditVerification> verified = store_->VerifyAudit();
  ASSERT_TRUE(verified.ok());
  EXPECT_FALSE(verified->intact);
  EXPECT_EQ(verified->first_bad_sequence, 3);
  EXPECT_EQ(verified->problem, "row 3: hash does not match its fields");
}

TEST_P(StoreContractTest, DeletedAuditRowIsNamed) {
  if (!backend_->Persistent()) GTEST_SKIP() << kNoSecondConnection;
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(store_->AppendAudit(Event("patient.read")).ok());
  backend_->ExecuteSql("DELETE FROM audit_log WHERE sequence = 4");
  StatusOr<AuditVerification> verified = store_->VerifyAudit();
  ASSERT_TRUE(verified.ok());
  EXPECT_FALSE(verified->intact);
  EXPECT_EQ(verified->first_bad_sequence, 4);
  EXPECT_EQ(verified->problem, "row 4 missing");
}

TEST_P(StoreContractTest, DeletedLastAuditRowIsNamed) {
  if (!backend_->Persistent()) GTEST_SKIP() << kNoSecondConnection;
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(store_->AppendAudit(Event("patient.read")).ok());
  backend_->ExecuteSql("DELETE FROM audit_log WHERE sequence = 3");
  StatusOr<AuditVerification> verified = store_->VerifyAudit();
  ASSERT_TRUE(verified.ok());
  EXPECT_EQ(verified->first_bad_sequence, 3);
  EXPECT_EQ(verified->problem, "row 3 missing");
}

TEST_P(StoreContractTest, RelinkedAuditRowIsNamed) {
  if (!backend_->Persistent()) GTEST_SKIP() << kNoSecondConnection;
  for (int i = 0; i < 4; ++i) ASSERT_TRUE(store_->AppendAudit(Event("patient.read")).ok());
  backend_->ExecuteSql("UPDATE audit_log SET previous_hash = '00' WHERE sequence = 2");
  StatusOr<AuditVerification> verified = store_->VerifyAudit();
  ASSERT_TRUE(verified.ok());
  EXPECT_EQ(verified->first_bad_sequence, 2);
  EXPECT_EQ(verified->problem, "row 2: previous_hash does not match the row before it");
}

TEST_P(StoreContractTest, HostileTextIsStoredVerbatim) {
  const std::vector<std::string> texts = {"'); DROP TABLE patients; --",
                                          "%",
                                          "_",
                                          "it's \"quoted\"",
                                          "back\\slash\\\\",
                                          "Zoë — 患者 🙂",
                                          "line\nbreak\ttab"};
  for (const std::string& text : texts) {
    ChangeInfo change{.author = text, .time = text, .reason = text};
    StatusOr<PatientVersion> created = store_->CreatePatient(text, text, text, change);
    ASSERT_TRUE(created.ok()) << created.status().message();
    StatusOr<PatientVersion> read = store_->GetPatient(created->patient_id, std::nullopt);
    ASSERT_TRUE(read.ok());
    EXPECT_EQ(read->team, text);
    EXPECT_EQ(read->pseudonym, text);
    EXPECT_EQ(read->document, text);
    EXPECT_EQ(read->change.author, text);
    EXPECT_EQ(read->change.reason, text);
    EXPECT_EQ(Pseudonyms({.team = text, .pseudonym_prefix = text}),
              (std::vector<std::string>{text}));
    AuditEvent event = Event(text);
    event.username = text;
    StatusOr<AuditEvent> appended = store_->AppendAudit(event);
    ASSERT_TRUE(appended.ok());
    EXPECT_EQ((*store_->ListAudit(appended->sequence - 1, 1))[0].username, text);
  }
  EXPECT_EQ(*store_->CountPatients(), static_cast<int64_t>(texts.size()));
  EXPECT_TRUE(store_->VerifyAudit()->intact);
}

// Eight threads update one patient, each retrying on kConflict, and append audit rows: no update
// is lost and the audit chain does not fork.
TEST_P(StoreContractTest, ConcurrentWritersLoseNothingAndKeepOneChain) {
  constexpr int kThreads = 8;
  constexpr int kUpdatesEach = 10;
  PatientVersion created = Create("shared");
  std::atomic<int> failures = 0;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kUpdatesEach; ++i) {
        while (true) {
          StatusOr<PatientVersion> latest = store_->GetPatient(created.patient_id, std::nullopt);
          if (!latest.ok()) break;
          StatusOr<PatientVersion> updated =
              store_->UpdatePatient(created.patient_id, latest->version, "shared",
                                    "{\"writer\":" + std::to_string(t) + "}", Change("update"));
          if (updated.ok()) break;
          if (updated.status().code() != StatusCode::kConflict) {
            ++failures;
            break;
          }
        }
        if (!store_->AppendAudit(Event("patient.update")).ok()) ++failures;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(failures, 0);
  EXPECT_EQ(store_->GetPatient(created.patient_id, std::nullopt)->version,
            1 + kThreads * kUpdatesEach);
  EXPECT_EQ(store_->PatientHistory(created.patient_id)->size(),
            static_cast<size_t>(1 + kThreads * kUpdatesEach));
  StatusOr<AuditVerification> verified = store_->VerifyAudit();
  ASSERT_TRUE(verified.ok());
  EXPECT_TRUE(verified->intact) << verified->problem;
  EXPECT_EQ(verified->rows, kThreads * kUpdatesEach);
}

// Concurrent appends may share a transaction (SQLite groups them); each caller still gets back
// its own row, and the rows form one chain without gaps.
TEST_P(StoreContractTest, ConcurrentAuditAppendsEachGetTheirOwnRow) {
  constexpr int kThreads = 8;
  constexpr int kAppendsEach = 25;
  std::vector<std::vector<AuditEvent>> appended(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kAppendsEach; ++i) {
        const std::string action = "writer" + std::to_string(t) + "." + std::to_string(i);
        StatusOr<AuditEvent> row = store_->AppendAudit(Event(action));
        if (row.ok()) appended[static_cast<size_t>(t)].push_back(*row);
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  std::set<int64_t> sequences;
  for (int t = 0; t < kThreads; ++t) {
    ASSERT_EQ(appended[static_cast<size_t>(t)].size(), static_cast<size_t>(kAppendsEach));
    for (int i = 0; i < kAppendsEach; ++i) {
      const AuditEvent& row = appended[static_cast<size_t>(t)][static_cast<size_t>(i)];
      EXPECT_EQ(row.action, "writer" + std::to_string(t) + "." + std::to_string(i));
      sequences.insert(row.sequence);
      StatusOr<std::vector<AuditEvent>> stored = store_->ListAudit(row.sequence - 1, 1);
      ASSERT_TRUE(stored.ok());
      ASSERT_EQ(stored->size(), 1u);
      EXPECT_EQ((*stored)[0].action, row.action);
      EXPECT_EQ((*stored)[0].hash, row.hash);
    }
  }
  EXPECT_EQ(sequences.size(), static_cast<size_t>(kThreads * kAppendsEach));
  EXPECT_EQ(*sequences.rbegin(), kThreads * kAppendsEach);
  StatusOr<AuditVerification> verified = store_->VerifyAudit();
  ASSERT_TRUE(verified.ok());
  EXPECT_TRUE(verified->intact) << verified->problem;
}

TEST_P(StoreContractTest, MigrationsAreIdempotent) {
  if (!backend_->Persistent()) GTEST_SKIP() << kNoSecondConnection;
  Create("kept");
  ASSERT_TRUE(store_->AppendAudit(Event("login")).ok());
  StatusOr<int> version = store_->SchemaVersion();
  ASSERT_TRUE(version.ok());
  EXPECT_GE(*version, 1);
  store_.reset();
  StatusOr<std::unique_ptr<Store>> reopened = backend_->Open();
  ASSERT_TRUE(reopened.ok()) << reopened.status().message();
  EXPECT_EQ(*(*reopened)->SchemaVersion(), *version);
  EXPECT_EQ(*(*reopened)->CountPatients(), 1);
  EXPECT_TRUE((*reopened)->VerifyAudit()->intact);
  EXPECT_TRUE((*reopened)->Ping().ok());
}

TEST_P(StoreContractTest, PageLimitIsChecked) {
  EXPECT_EQ(store_->ListPatients({.team = "team-a", .limit = 0}).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(store_->ListPatients({.team = "team-a", .limit = 501}).status().code(),
            StatusCode::kInvalidArgument);
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreContractTest,
                         ::testing::Values("sqlite_file", "sqlite_memory", "postgres"),
                         [](const ::testing::TestParamInfo<std::string>& test) {
                           return test.param;
                         });

}  // namespace
}  // namespace refract::store
