#include "refract/domain/patient.h"

#include <gtest/gtest.h>

#include <string_view>
#include <utility>
#include <vector>

#include "record_builder.h"

namespace refract {
namespace {

using test_support::AdTrial;
using test_support::D;
using test_support::RecordBuilder;

TEST(TreatmentKindTest, HasTheNamesUsedInTheJsonFormat) {
  const std::vector<std::pair<TreatmentKind, std::string_view>> names = {
      {TreatmentKind::kAntidepressant, "antidepressant"},
      {TreatmentKind::kAugmentation, "augmentation"},
      {TreatmentKind::kCombination, "combination"},
      {TreatmentKind::kPsychotherapy, "psychotherapy"},
      {TreatmentKind::kEct, "ect"},
      {TreatmentKind::kRtms, "rtms"},
      {TreatmentKind::kItbs, "itbs"},
      {TreatmentKind::kKetamine, "ketamine"},
      {TreatmentKind::kEsketamine, "esketamine"},
      {TreatmentKind::kIntensifiedCare, "intensified_care"}};
  for (const auto& [kind, name] : names) EXPECT_EQ(ToString(kind), name);
}

TEST(DiagnosisTest, HasTheNamesUsedInTheJsonFormat) {
  EXPECT_EQ(ToString(Diagnosis::kMdd), "mdd");
  EXPECT_EQ(ToString(Diagnosis::kBipolar), "bipolar");
  EXPECT_EQ(ToString(Diagnosis::kOther), "other");
}

TEST(SeverityTest, HasTheNamesUsedInTheJsonFormat) {
  const std::vector<std::pair<Severity, std::string_view>> names = {
      {Severity::kSubsyndromal, "subsyndromal"},
      {Severity::kMild, "mild"},
      {Severity::kModerate, "moderate"},
      {Severity::kSevere, "severe"},
      {Severity::kSeverePsychotic, "severe_psychotic"}};
  for (const auto& [severity, name] : names) EXPECT_EQ(ToString(severity), name);
}

TEST(FindTreatmentTest, ReturnsTheTreatmentWithThatId) {
  const PatientRecord record = RecordBuilder()
                                   .Add(AdTrial("T1", "sertraline", "2024-02-01", "2024-04-01", 50))
                                   .Add(AdTrial("T2", "citalopram", "2024-05-01", "2024-07-01", 20))
                                   .Build();
  const Treatment* found = FindTreatment(record, "T2");
  ASSERT_NE(found, nullptr);
  EXPECT_EQ(found->agent, "citalopram");
}

TEST(FindTreatmentTest, ReturnsNullForAnUnknownId) {
  const PatientRecord record =
      RecordBuilder().Add(AdTrial("T1", "sertraline", "2024-02-01", "2024-04-01", 50)).Build();
  EXPECT_EQ(FindTreatment(record, "T9"), nullptr);
  EXPECT_EQ(FindTreatment(record, ""), nullptr);
}

TEST(EffectiveEndTest, IsTheEndDateWhenPresent) {
  const Treatment trial = AdTrial("T1", "sertraline", "2024-02-01", "2024-04-01", 50);
  EXPECT_EQ(EffectiveEnd(trial, D("2025-08-01")), D("2024-04-01"));
}

TEST(EffectiveEndTest, IsAsOfForAnOngoingTrial) {
  const Treatment trial = AdTrial("T1", "sertraline", "2024-02-01", "2024-04-01", 50).Ongoing();
  EXPECT_EQ(EffectiveEnd(trial, D("2025-08-01")), D("2025-08-01"));
}

}  // namespace
}  // namespace refract
