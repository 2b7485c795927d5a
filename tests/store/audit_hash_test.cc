// AuditHashInput (include/refract/store/store.h): fixed order, every field length-prefixed.
#include <gtest/gtest.h>

#include "refract/store/store.h"

namespace refract::store {
namespace {

TEST(AuditHashInputTest, LengthPrefixesEveryFieldInOrder) {
  AuditEvent event{.sequence = 12,
                   .time = "2026-12-06T10:00:00Z",
                   .username = "dr-a",
                   .role = "clinician",
                   .action = "patient.read",
                   .patient_id = "p0123456789abcdef",
                   .version = 3,
                   .address = "10.0.0.1",
                   .outcome = "ok",
                   .previous_hash = "ab"};
  EXPECT_EQ(AuditHashInput(event),
            "2:1220:2026-12-06T10:00:00Z4:dr-a9:clinician12:patient.read17:p0123456789abcdef1:3"
            "8:10.0.0.12:ok2:ab");
}

TEST(AuditHashInputTest, MovingTextBetweenFieldsChangesTheInput) {
  AuditEvent left{.username = "ab", .role = "c"};
  AuditEvent right{.username = "a", .role = "bc"};
  EXPECT_NE(AuditHashInput(left), AuditHashInput(right));
}

TEST(AuditHashInputTest, TheHashItselfIsNotCovered) {
  AuditEvent event{.action = "login"};
  AuditEvent hashed = event;
  hashed.hash = "ff";
  EXPECT_EQ(AuditHashInput(event), AuditHashInput(hashed));
}

TEST(RoleTest, NamesRoundTrip) {
  for (Role role : {Role::kClinician, Role::kAdmin, Role::kAuditor}) {
    EXPECT_EQ(RoleFromString(ToString(role)), role);
  }
  EXPECT_EQ(RoleFromString("root"), std::nullopt);
}

}  // namespace
}  // namespace refract::store
