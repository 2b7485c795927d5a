#include "refract/omop/csv_source.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace refract::omop {
namespace {

namespace fs = std::filesystem;

// A throwaway directory of OMOP CSV files.
class CsvSourceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    directory_ = fs::temp_directory_path() /
                 ("refract-csv-source-" +
                  std::to_string(::testing::UnitTest::GetInstance()->current_test_info()->line()));
    fs::remove_all(directory_);
    fs::create_directories(directory_);
  }
  void TearDown() override { fs::remove_all(directory_); }

  void Write(const std::string& name, const std::string& text) const {
    std::ofstream(directory_ / name, std::ios::binary) << text;
  }

  fs::path directory_;
};

// The person's source value is quoted, with commas, doubled quotes and line breaks in it, and each
// drug row carries a quoted multi-line `sig`: far more than one 64 KiB read chunk, so records and
// quoted fields are cut at chunk boundaries. Every row must come back whole and in order.
TEST_F(CsvSourceTest, QuotedFieldsAcrossReadChunksComeBackWhole) {
  constexpr int kPersons = 3000;
  std::string persons =
      "\xEF\xBB\xBFperson_id,gender_concept_id,year_of_birth,person_source_value\r\n";
  std::string drugs =
      "person_id,drug_concept_id,drug_exposure_start_date,quantity,days_supply,sig\r\n";
  for (int p = 1; p <= kPersons; ++p) {
    persons += std::to_string(p) + ",8532," + std::to_string(1950 + p % 50) + ",\"p" +
               std::to_string(p) + ", \"\"quoted\"\"\nsecond line\"\r\n";
    for (int d = 0; d < p % 4; ++d) {
      drugs += std::to_string(p) + "," + std::to_string(739138 + d) + ",2020-0" +
               std::to_string(d + 1) + "-15," + std::to_string(p) + ".5,30,\"take " +
               std::to_string(d) + ",\nthen \"\"more\"\"\"\r\n";
    }
  }
  ASSERT_GT(drugs.size(), 3u * 65536);
  Write("PERSON.csv", persons);
  Write("DRUG_EXPOSURE.csv", drugs);

  StatusOr<std::unique_ptr<PersonSource>> source = OpenCsvSource(directory_.string());
  ASSERT_TRUE(source.ok()) << source.status().message();
  PersonRows rows;
  for (int p = 1; p <= kPersons; ++p) {
    StatusOr<bool> more = (*source)->Next(rows);
    ASSERT_TRUE(more.ok()) << more.status().message();
    ASSERT_TRUE(*more) << "person " << p;
    ASSERT_EQ(rows.person.person_id, p);
    ASSERT_EQ(rows.person.year_of_birth, 1950 + p % 50);
    ASSERT_EQ(rows.drugs.size(), static_cast<size_t>(p % 4)) << "person " << p;
    for (int d = 0; d < p % 4; ++d) {
      const DrugRow& drug = rows.drugs[static_cast<size_t>(d)];
      EXPECT_EQ(drug.concept_id, 739138 + d);
      EXPECT_EQ(drug.start.ToString(), "2020-0" + std::to_string(d + 1) + "-15");
      EXPECT_EQ(drug.quantity, p + 0.5);
      EXPECT_EQ(drug.days_supply, 30);
    }
  }
  StatusOr<bool> more = (*source)->Next(rows);
  ASSERT_TRUE(more.ok());
  EXPECT_FALSE(*more);
}

// The first error met opening the directory or reading its persons (the source reads ahead, so
// a bad row can surface before its own person is asked for).
std::string FirstError(const std::string& directory) {
  StatusOr<std::unique_ptr<PersonSource>> source = OpenCsvSource(directory);
  if (!source.ok()) return source.status().message();
  PersonRows rows;
  while (true) {
    StatusOr<bool> more = (*source)->Next(rows);
    if (!more.ok()) return more.status().message();
    if (!*more) return "";
  }
}

TEST_F(CsvSourceTest, ARaggedRowIsNamedWithItsFileAndRow) {
  Write("PERSON.csv", "person_id,gender_concept_id\n1,8532\n2,8507\n");
  Write("CONDITION_OCCURRENCE.csv",
        "person_id,condition_concept_id,condition_start_date\n1,440383,2020-01-01\n2,440383\n");
  EXPECT_EQ(FirstError(directory_.string()),
            "CONDITION_OCCURRENCE.csv row 2: record has 2 fields, header has 3");
}

TEST_F(CsvSourceTest, AnUnterminatedQuoteIsAnErrorNamingTheFile) {
  Write("PERSON.csv", "person_id,person_source_value\n1,\"open\n2,x\n");
  const std::string error = FirstError(directory_.string());
  EXPECT_TRUE(error.starts_with("PERSON.csv after row ")) << error;
}

}  // namespace
}  // namespace refract::omop
