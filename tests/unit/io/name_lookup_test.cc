// Names clinicians write (src/io/name_lookup.cc with knowledge/*.json aliases): brands and release
// forms are read as the knowledge id, the record keeps the id and says what it read.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "embedded_knowledge.h"
#include "record_json.h"
#include "refract/io/patient_json.h"

namespace refract {
namespace {

using io_test::kCbt;
using io_test::kLiothyronine;
using io_test::kLithium;
using io_test::kSertraline;
using nlohmann::json;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::StartsWith;

struct NameCase {
  int index;
  const char* field;
  const char* written;
  const char* id;
};

// Reads the valid record with one name replaced; returns the record.
PatientRecord ReadWith(const NameCase& c) {
  json document = io_test::ValidRecordJson();
  document["treatments"][c.index][c.field] = c.written;
  const StatusOr<PatientRecord> record = test_support::ParseRecord(document.dump());
  EXPECT_TRUE(record.ok()) << c.written << ": " << record.status().message();
  return record.ok() ? *record : PatientRecord{};
}

class NameLookupTest : public ::testing::TestWithParam<NameCase> {};

TEST_P(NameLookupTest, IsReadAsTheIdWithANote) {
  const NameCase& c = GetParam();
  const PatientRecord record = ReadWith(c);
  ASSERT_GT(record.treatments.size(), static_cast<size_t>(c.index));
  EXPECT_EQ(record.treatments[c.index].agent, c.id);
  ASSERT_EQ(record.input_notes.size(), 1u);
  const InputNote& note = record.input_notes[0];
  EXPECT_EQ(note.path, "$.treatments[" + std::to_string(c.index) + "]." + c.field);
  EXPECT_EQ(note.input, c.written);
  EXPECT_EQ(note.read_as, c.id);
  EXPECT_FALSE(note.how.empty());
}

const NameCase kNames[] = {
    {kSertraline, "drug", "venlafaxine XL", "venlafaxine"},
    {kSertraline, "drug", "Venlafaxine_XL", "venlafaxine"},
    {kSertraline, "drug", "Efexor XL", "venlafaxine"},
    {kSertraline, "drug", "Effexor XR", "venlafaxine"},
    {kSertraline, "drug", "Zoloft", "sertraline"},
    {kSertraline, "drug", "Lustral", "sertraline"},
    {kSertraline, "drug", "Wellbutrin XL", "bupropion"},
    {kSertraline, "drug", "bupropion prolonged release", "bupropion"},
    {kSertraline, "drug", "Paxil CR", "paroxetine_cr"},
    {kSertraline, "drug", "Seroxat", "paroxetine"},
    {kSertraline, "drug", "Cipralex", "escitalopram"},
    {kSertraline, "drug", "Trintellix", "vortioxetine"},
    {kLiothyronine, "agent", "Abilify", "aripiprazole"},
    {kLiothyronine, "agent", "Seroquel XL", "quetiapine"},
    {kLiothyronine, "agent", "T3", "liothyronine"},
    {kLithium, "agent", "Priadel", "lithium"},
    {kLithium, "agent", "Camcolit", "lithium"},
    {kLithium, "agent", "lithium carbonate", "lithium"},
    {kCbt, "modality", "Cognitive behavioral therapy", "cbt"},
    {kCbt, "modality", "CBT", "cbt"},
};

std::string NameOf(const ::testing::TestParamInfo<NameCase>& info) {
  std::string name;
  for (char c : std::string(info.param.written)) name += std::isalnum(c) ? c : '_';
  return name;
}

INSTANTIATE_TEST_SUITE_P(Aliases, NameLookupTest, ::testing::ValuesIn(kNames), NameOf);

TEST(NameLookupTest, TheIdItselfAddsNoNote) {
  const StatusOr<PatientRecord> record =
      test_support::ParseRecord(io_test::ValidRecordJson().dump());
  ASSERT_TRUE(record.ok()) << record.status().message();
  EXPECT_THAT(record->input_notes, IsEmpty());
}

TEST(NameLookupTest, TheNoteSaysTheSourceOrTheReleaseForm) {
  EXPECT_EQ(ReadWith({kSertraline, "drug", "Zoloft", "sertraline"}).input_notes[0].how,
            "other name (FDA label (DailyMed): US brand)");
  EXPECT_EQ(ReadWith({kSertraline, "drug", "venlafaxine XL", "venlafaxine"}).input_notes[0].how,
            "release form XL ignored");
  EXPECT_EQ(ReadWith({kSertraline, "drug", "Sertraline", "sertraline"}).input_notes[0].how,
            "written differently");
}

TEST(NameLookupTest, AdverseEffectsAcceptOtherNamesToo) {
  json document = io_test::ValidRecordJson();
  document["treatments"][kSertraline]["stop_reason"] = "intolerance";
  document["treatments"][kSertraline]["adverse_effects"] = {"nausea_gi", "hyponatremia"};
  const StatusOr<PatientRecord> record = test_support::ParseRecord(document.dump());
  ASSERT_TRUE(record.ok()) << record.status().message();
  EXPECT_THAT(record->treatments[kSertraline].adverse_effects,
              ElementsAre("nausea_gi", "hyponatraemia"));
  ASSERT_EQ(record->input_notes.size(), 1u);
  EXPECT_EQ(record->input_notes[0].path, "$.treatments[0].adverse_effects[1]");
}

TEST(NameLookupTest, AReleaseFormOfAnUnknownNameIsStillUnknown) {
  json document = io_test::ValidRecordJson();
  document["treatments"][kSertraline]["drug"] = "aspirin XL";
  const StatusOr<PatientRecord> record = test_support::ParseRecord(document.dump());
  ASSERT_FALSE(record.ok());
  EXPECT_THAT(io_test::Lines(record.status().message()),
              ElementsAre(StartsWith("$.treatments[0].drug: unknown antidepressant 'aspirin XL'")));
}

}  // namespace
}  // namespace refract
