// Order independence: the assessment of a record does not depend on the order its arrays are
// listed in. For every vignette (tests/vignettes/staging, tests/vignettes/options) and every
// example record (examples/), the parsed record's treatments, dose steps, adverse effects,
// assessments and preferences are reversed and shuffled (fixed seeds), and the assessment JSON
// (refract-assessment/1, with the ranked options) must equal the one of the record as read. Items
// are never permuted: their order is the instrument's.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>

#include "embedded_knowledge.h"
#include "refract/io/assessment_json.h"
#include "refract/io/patient_yaml.h"

namespace refract {
namespace {

std::vector<std::string> RecordFiles() {
  std::vector<std::string> files;
  for (const char* folder : {"tests/vignettes/staging", "tests/vignettes/options", "examples"}) {
    for (const auto& entry : std::filesystem::directory_iterator(folder)) {
      const std::string extension = entry.path().extension().string();
      if (extension == ".json" || extension == ".yaml") files.push_back(entry.path().string());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string ReadText(const std::string& path) {
  std::ifstream file(path);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

// The record of a vignette ("patient") or of an example file (the whole document).
StatusOr<PatientRecord> ReadRecordFile(const std::string& path) {
  const std::string text = ReadText(path);
  if (path.ends_with(".yaml")) {
    return ParsePatientYaml(text, test_support::EmbeddedKnowledge(),
                            test_support::EmbeddedMeasures(),
                            test_support::EmbeddedOptions()->catalogue);
  }
  const nlohmann::json document = nlohmann::json::parse(text);
  return test_support::ParseRecord(document.contains("patient") ? document.at("patient").dump()
                                                                : text);
}

// Reorders one array: reversed for seed 0, shuffled with `seed` otherwise.
template <typename T>
void Permute(std::vector<T>& values, unsigned seed) {
  if (seed == 0) {
    std::reverse(values.begin(), values.end());
    return;
  }
  std::mt19937 random(seed);
  std::shuffle(values.begin(), values.end(), random);
}

PatientRecord Permuted(PatientRecord record, unsigned seed) {
  Permute(record.treatments, seed);
  for (Treatment& treatment : record.treatments) {
    Permute(treatment.doses, seed);
    Permute(treatment.adverse_effects, seed);
  }
  Permute(record.assessments, seed);
  Permute(record.preferences.prefers, seed);
  Permute(record.preferences.declines, seed);
  return record;
}

std::string AssessmentJson(const PatientRecord& record) {
  return AssessmentToJson(
      AssessPatient(record, test_support::EmbeddedKnowledge(), test_support::EmbeddedMeasures(),
                    test_support::EmbeddedOptions(), StagingOptions{}),
      true);
}

class PermutationTest : public ::testing::TestWithParam<std::string> {};

TEST_P(PermutationTest, ArrayOrderDoesNotChangeTheAssessment) {
  StatusOr<PatientRecord> record = ReadRecordFile(GetParam());
  ASSERT_TRUE(record.ok()) << record.status().message();
  const std::string expected = AssessmentJson(*record);
  for (unsigned seed : {0u, 1u, 2u, 3u, 4u}) {
    EXPECT_EQ(AssessmentJson(Permuted(*record, seed)), expected) << "permutation seed " << seed;
  }
}

// "staging_01_spec_b_two_classes_augmentation_cbt": the folder and the file name.
std::string TestName(const ::testing::TestParamInfo<std::string>& param) {
  const std::filesystem::path path(param.param);
  std::string name = path.parent_path().filename().string() + "_" + path.stem().string();
  std::replace_if(
      name.begin(), name.end(), [](char c) { return !std::isalnum(static_cast<unsigned char>(c)); },
      '_');
  return name;
}

INSTANTIATE_TEST_SUITE_P(Records, PermutationTest, ::testing::ValuesIn(RecordFiles()), TestName);

}  // namespace
}  // namespace refract
