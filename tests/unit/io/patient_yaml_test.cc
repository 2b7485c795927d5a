// The YAML adapter (src/io/patient_yaml.cc, src/io/yaml_document.cc): core-schema scalars, the
// YAML-only rejections with their path, line and column, and that a YAML record reads exactly as
// the same record in JSON (every example and vignette, converted with yaml-cpp's emitter).
#include "refract/io/patient_yaml.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "embedded_knowledge.h"
#include "record_json.h"
#include "refract/io/assessment_json.h"
#include "refract/io/patient_json.h"

namespace refract {
namespace {

using io_test::Lines;
using nlohmann::json;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

json Converted(const std::string& yaml) {
  const StatusOr<std::string> text = YamlToJsonText(yaml);
  EXPECT_TRUE(text.ok()) << text.status().message();
  return text.ok() ? json::parse(*text) : json();
}

// The value of `v` in the one-key document "v: <scalar>".
json ScalarOf(const std::string& scalar) { return Converted("v: " + scalar)["v"]; }

StatusOr<PatientRecord> ParseYaml(const std::string& yaml) {
  return ParsePatientYaml(yaml, test_support::EmbeddedKnowledge(), test_support::EmbeddedMeasures(),
                          test_support::EmbeddedOptions()->catalogue);
}

std::string YamlError(const std::string& yaml) {
  const StatusOr<std::string> text = YamlToJsonText(yaml);
  EXPECT_FALSE(text.ok()) << yaml;
  return text.ok() ? "" : text.status().message();
}

// --- core-schema scalars ---------------------------------------------------------------------

TEST(YamlScalarTest, NullForms) {
  for (const char* scalar : {"null", "Null", "NULL", "~", ""}) {
    EXPECT_TRUE(ScalarOf(scalar).is_null()) << scalar;
  }
}

TEST(YamlScalarTest, BooleansAreOnlyTrueAndFalse) {
  for (const char* scalar : {"true", "True", "TRUE"}) EXPECT_EQ(ScalarOf(scalar), json(true));
  for (const char* scalar : {"false", "False", "FALSE"}) EXPECT_EQ(ScalarOf(scalar), json(false));
  for (const char* scalar : {"yes", "no", "on", "off", "Yes", "y", "n"}) {
    EXPECT_EQ(ScalarOf(scalar), json(scalar)) << scalar;
  }
}

TEST(YamlScalarTest, Integers) {
  EXPECT_EQ(ScalarOf("12"), json(12));
  EXPECT_TRUE(ScalarOf("12").is_number_integer());
  EXPECT_EQ(ScalarOf("-3"), json(-3));
  EXPECT_EQ(ScalarOf("+4"), json(4));
  EXPECT_EQ(ScalarOf("0123"), json(123));
  EXPECT_EQ(ScalarOf("0o17"), json(15));
  EXPECT_EQ(ScalarOf("0x1F"), json(31));
  EXPECT_EQ(ScalarOf("2024"), json(2024));
}

TEST(YamlScalarTest, Floats) {
  EXPECT_TRUE(ScalarOf("12.0").is_number_float());
  EXPECT_EQ(ScalarOf("1.5"), json(1.5));
  EXPECT_EQ(ScalarOf(".5"), json(0.5));
  EXPECT_EQ(ScalarOf("1e3"), json(1000.0));
  EXPECT_EQ(ScalarOf("-2.5E-1"), json(-0.25));
}

TEST(YamlScalarTest, NumbersBeyondTheRangeNeverThrow) {
  EXPECT_TRUE(ScalarOf("99999999999999999999").is_number_float());
  EXPECT_EQ(ScalarOf("0x1FFFFFFFFFFFFFFFFFFFF"), json("0x1FFFFFFFFFFFFFFFFFFFF"));
  json record = io_test::ValidRecordJson();
  record["treatments"][io_test::kSertraline]["adherence_pct"] = "PLACEHOLDER";
  std::string yaml = record.dump();
  yaml.replace(yaml.find("\"PLACEHOLDER\""), 13, "1e999");
  const StatusOr<PatientRecord> parsed = ParseYaml(yaml);
  ASSERT_FALSE(parsed.ok());
  EXPECT_THAT(Lines(parsed.status().message()),
              ElementsAre("$.treatments[0].adherence_pct: must be between 0.0 and 100.0 (got a "
                          "non-finite number)"));
}

TEST(YamlScalarTest, DatesAndOtherTextStayStrings) {
  for (const char* scalar : {"2024-04", "2024-04-15", "1_000", "12 mg", "sertraline", "0x", "1e"}) {
    EXPECT_EQ(ScalarOf(scalar), json(scalar)) << scalar;
  }
}

TEST(YamlScalarTest, QuotedScalarsAreAlwaysStrings) {
  EXPECT_EQ(ScalarOf("'12'"), json("12"));
  EXPECT_EQ(ScalarOf("\"true\""), json("true"));
  EXPECT_EQ(ScalarOf("'null'"), json("null"));
  EXPECT_EQ(ScalarOf("''"), json(""));
}

TEST(YamlScalarTest, KeysAreText) {
  EXPECT_EQ(Converted("12: a\ntrue: b"), json({{"12", "a"}, {"true", "b"}}));
}

// --- the strict reader behind it -------------------------------------------------------------

TEST(ParsePatientYamlTest, YesIsATypeErrorAtItsPath) {
  json record = io_test::ValidRecordJson();
  record["episode"]["psychotic_features"] = "PLACEHOLDER";
  std::string yaml = record.dump();
  yaml.replace(yaml.find("\"PLACEHOLDER\""), 13, "yes");
  const StatusOr<PatientRecord> parsed = ParseYaml(yaml);
  ASSERT_FALSE(parsed.ok());
  EXPECT_THAT(Lines(parsed.status().message()),
              ElementsAre("$.episode.psychotic_features: must be true or false"));
}

TEST(ParsePatientYamlTest, AYearWithoutQuotesIsToldToQuoteIt) {
  json record = io_test::ValidRecordJson();
  record["demographics"]["birth_date"] = "PLACEHOLDER";
  std::string yaml = record.dump();
  yaml.replace(yaml.find("\"PLACEHOLDER\""), 13, "1978");
  const StatusOr<PatientRecord> parsed = ParseYaml(yaml);
  ASSERT_FALSE(parsed.ok());
  EXPECT_THAT(Lines(parsed.status().message()),
              ElementsAre("$.demographics.birth_date: must be a date written as text: put a year "
                          "alone in quotes (\"1978\")"));
}

TEST(ParsePatientYamlTest, ErrorsNameTheSameJsonPath) {
  const std::string yaml = R"(format: refract-patient/1
id: p1
as_of: 2025-08-01
diagnosis: mdd
episode: {onset: 2024-01-01, severity: moderate}
treatments:
  - id: T1
    kind: antidepressant
    drug: sertraline
    start: 2024-03-01
    end: 2024-02-01
    doses: [{from: 2024-03-01, mg_per_day: 50.5}]
    sessions: 3
)";
  const StatusOr<PatientRecord> parsed = ParseYaml(yaml);
  ASSERT_FALSE(parsed.ok());
  EXPECT_THAT(Lines(parsed.status().message()),
              Contains("$.treatments[0].end: must not be before start (2024-03-01)"));
  EXPECT_THAT(Lines(parsed.status().message()),
              Contains("$.treatments[0].sessions: not allowed for kind 'antidepressant'"));
}

// --- YAML-only rejections --------------------------------------------------------------------

TEST(YamlRejectionTest, DuplicateKeyNamesItsPathLineAndColumn) {
  EXPECT_EQ(YamlError("a:\n  - b: 1\n    b: 2\n"),
            "$.a[0].b: duplicate key: each field may appear once (line 3, column 5)");
}

TEST(YamlRejectionTest, AnchorsAndAliases) {
  EXPECT_EQ(YamlError("start: &d 2024-01-01\nend: *d\n"),
            "$.start: anchors (&name) are not accepted: write each value out (line 1, column 8)\n"
            "$.end: aliases (*name) are not accepted: write the value out (line 2, column 6)");
}

TEST(YamlRejectionTest, Tags) {
  EXPECT_EQ(YamlError("id: !!str 12\n"),
            "$.id: tags ('tag:yaml.org,2002:str') are not accepted: write the plain value (line 1, "
            "column 5)");
}

TEST(YamlRejectionTest, KeysThatAreNotScalars) {
  EXPECT_EQ(YamlError("? [a, b]\n: c\n"),
            "$: a key must be a plain or quoted scalar, not a list or map (line 1, column 3)");
}

TEST(YamlRejectionTest, MoreThanOneDocument) {
  EXPECT_EQ(YamlError("id: a\n---\nid: b\n"),
            "$: a record file must hold one YAML document; another starts at line 2, column 1");
}

TEST(YamlRejectionTest, SyntaxErrorsNameLineAndColumn) {
  EXPECT_THAT(YamlError("id: a\ndoses: [1, 2\n"),
              HasSubstr("$: not valid YAML: line 3, column 1: "));
  EXPECT_THAT(YamlError("id: a\n  b: c\n"), HasSubstr("$: not valid YAML: line 2, column "));
}

TEST(YamlRejectionTest, AnEmptyFile) {
  EXPECT_EQ(YamlError(""), "$: the file holds no YAML document");
  EXPECT_EQ(YamlError("# a comment only\n"), "$: the file holds no YAML document");
}

// --- YAML = JSON on every example and vignette -----------------------------------------------

// Strings that JSON itself would read as a number, boolean or null are quoted; numbers are
// written as JSON writes them, so 12.0 stays a decimal.
void Emit(const json& value, YAML::Emitter& out) {
  if (value.is_object()) {
    out << YAML::BeginMap;
    for (const auto& [key, member] : value.items()) {
      out << YAML::Key << key << YAML::Value;
      Emit(member, out);
    }
    out << YAML::EndMap;
  } else if (value.is_array()) {
    out << YAML::BeginSeq;
    for (const json& element : value) Emit(element, out);
    out << YAML::EndSeq;
  } else if (value.is_string()) {
    const std::string text = value.get<std::string>();
    const bool looks_typed = !json::parse(text, nullptr, false).is_discarded() || text.empty();
    if (looks_typed) out << YAML::DoubleQuoted;
    out << text;
  } else if (value.is_null()) {
    out << YAML::Null;
  } else {
    out << value.dump();
  }
}

std::string ToYaml(const json& record) {
  YAML::Emitter out;
  Emit(record, out);
  return std::string(out.c_str()) + "\n";
}

std::vector<std::pair<std::string, json>> AllRecords() {
  std::vector<std::pair<std::string, json>> records;
  for (const char* directory : {"examples", "tests/vignettes/staging", "tests/vignettes/options"}) {
    std::vector<std::string> files;
    for (const auto& entry : std::filesystem::directory_iterator(directory)) {
      if (entry.path().extension() == ".json") files.push_back(entry.path().string());
    }
    std::sort(files.begin(), files.end());
    for (const std::string& file : files) {
      std::ifstream stream(file);
      const json document = json::parse(stream);
      records.emplace_back(file, document.contains("patient") ? document["patient"] : document);
    }
  }
  return records;
}

TEST(YamlJsonEquivalenceTest, CoversEveryExampleAndVignette) {
  EXPECT_GE(AllRecords().size(), 60u);
}

TEST(YamlJsonEquivalenceTest, EveryRecordReadsAndAssessesTheSame) {
  for (const auto& [file, record] : AllRecords()) {
    const std::string yaml = ToYaml(record);
    EXPECT_EQ(Converted(yaml), record) << file << "\n" << yaml;
    const StatusOr<PatientRecord> from_json = test_support::ParseRecord(record.dump());
    const StatusOr<PatientRecord> from_yaml = ParseYaml(yaml);
    ASSERT_TRUE(from_json.ok()) << file << ": " << from_json.status().message();
    ASSERT_TRUE(from_yaml.ok()) << file << ": " << from_yaml.status().message();
    EXPECT_EQ(AssessmentToJson(test_support::AssessWithOptions(*from_yaml), false),
              AssessmentToJson(test_support::AssessWithOptions(*from_json), false))
        << file;
  }
}

TEST(YamlJsonEquivalenceTest, AnInvalidRecordGivesTheSameErrors) {
  json record = io_test::ValidRecordJson();
  record["treatments"][0]["end"] = "2024-01-01";
  record["treatments"][1]["agent"] = "aripiprazol";
  record["episode"]["severity"] = "sever";
  const StatusOr<PatientRecord> from_json = test_support::ParseRecord(record.dump());
  const StatusOr<PatientRecord> from_yaml = ParseYaml(ToYaml(record));
  ASSERT_FALSE(from_json.ok());
  ASSERT_FALSE(from_yaml.ok());
  EXPECT_EQ(from_yaml.status().message(), from_json.status().message());
}

}  // namespace
}  // namespace refract
