// Next-step option vignettes as data (tests/vignettes/options/*.json): a refract-patient/1 record,
// the expected ordering, scores and exclusions, and the hand arithmetic behind them, computed from
// the documented weights (knowledge/ranking.json, docs/options.md). The runner assesses the patient
// with the embedded knowledge and checks every expected field that the vignette gives.
//
// Vignette file:
//   { "vignette": "...", "description": "...", "hand_arithmetic": ["cbt: 3 + 2 + 1 = 6", ...],
//     "patient": { refract-patient/1 },
//     "expected": {
//       "applicable": bool, "reason_contains": "...",           (diagnosis other than MDD)
//       "safety_action": bool,                                  (a SAFETY_ASSESSMENT action)
//       "top": ["id", ...],                                     (exact first ranked ids, in order)
//       "in_top": {"n": 3, "ids": ["cbt"]},                     (each ranked within the first n)
//       "scores": {"id": 6.5},                                  (exact totals)
//       "components": {"id": ["history.inadequate_attempt"]},   (component ids present)
//       "excluded": {"ect": "declined"},                        (exclusion kinds present)
//       "not_ranked": ["ect"], "provisional": {"itbs": true},
//       "notes_contain": ["..."] } }
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "embedded_knowledge.h"

namespace refract {
namespace {

using nlohmann::json;

std::vector<std::string> OptionVignetteFiles() {
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator("tests/vignettes/options")) {
    if (entry.path().extension() == ".json") files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::vector<std::string> RankedIds(const OptionsReport& report) {
  std::vector<std::string> ids;
  for (const OptionResult& result : report.ranked) ids.push_back(result.option->id);
  return ids;
}

const OptionResult& Result(const OptionsReport& report, const std::string& id) {
  const OptionResult* result = report.Find(id);
  if (!result) ADD_FAILURE() << "no option '" << id << "'";
  static const OptionResult kNone;
  return result ? *result : kNone;
}

void ExpectOrder(const OptionsReport& report, const json& expected) {
  const std::vector<std::string> ranked = RankedIds(report);
  if (expected.contains("top")) {
    const auto top = expected["top"].get<std::vector<std::string>>();
    ASSERT_GE(ranked.size(), top.size());
    EXPECT_EQ(std::vector<std::string>(ranked.begin(), ranked.begin() + top.size()), top);
  }
  if (expected.contains("in_top")) {
    const size_t n = expected["in_top"]["n"].get<size_t>();
    for (const std::string& id : expected["in_top"]["ids"].get<std::vector<std::string>>()) {
      const auto it = std::find(ranked.begin(), ranked.end(), id);
      EXPECT_LT(static_cast<size_t>(it - ranked.begin()), n) << id << " not in the top " << n;
    }
  }
  for (const std::string& id : expected.value("not_ranked", std::vector<std::string>{})) {
    EXPECT_THAT(ranked, ::testing::Not(::testing::Contains(id)));
  }
}

// The object `expected[key]`, or an empty object (a reference: range-for over items() must not
// outlive a temporary).
const json& Section(const json& expected, const char* key) {
  static const json kEmpty = json::object();
  return expected.contains(key) ? expected[key] : kEmpty;
}

void ExpectOptions(const OptionsReport& report, const json& expected) {
  for (const auto& [id, score] : Section(expected, "scores").items()) {
    const OptionResult& result = Result(report, id);
    EXPECT_TRUE(result.exclusions.empty()) << id << " is excluded";
    EXPECT_DOUBLE_EQ(result.score, score.get<double>()) << id;
  }
  for (const auto& [id, components] : Section(expected, "components").items()) {
    std::vector<std::string> ids;
    for (const OptionComponent& c : Result(report, id).components) ids.push_back(c.id);
    for (const std::string& component : components.get<std::vector<std::string>>()) {
      EXPECT_THAT(ids, ::testing::Contains(component)) << id;
    }
  }
  for (const auto& [id, kind] : Section(expected, "excluded").items()) {
    std::vector<std::string> kinds;
    for (const Exclusion& e : Result(report, id).exclusions) kinds.emplace_back(ToString(e.kind));
    EXPECT_THAT(kinds, ::testing::Contains(kind.get<std::string>())) << id;
  }
  for (const auto& [id, provisional] : Section(expected, "provisional").items()) {
    EXPECT_EQ(Result(report, id).provisional, provisional.get<bool>()) << id;
  }
}

class OptionVignetteTest : public ::testing::TestWithParam<std::string> {};

TEST_P(OptionVignetteTest, MatchesHandComputedRanking) {
  std::ifstream file(GetParam());
  const json vignette = json::parse(file);
  ASSERT_FALSE(vignette.at("hand_arithmetic").empty());
  StatusOr<PatientRecord> record = test_support::ParseRecord(vignette.at("patient").dump());
  ASSERT_TRUE(record.ok()) << record.status().message();
  const Assessment assessment = test_support::AssessWithOptions(*record);
  ASSERT_TRUE(assessment.options.has_value());
  const OptionsReport& report = *assessment.options;
  const json& expected = vignette.at("expected");
  if (expected.contains("applicable")) {
    EXPECT_EQ(report.applicable, expected["applicable"].get<bool>());
  }
  if (expected.contains("reason_contains")) {
    EXPECT_THAT(report.not_applicable_reason,
                ::testing::HasSubstr(expected["reason_contains"].get<std::string>()));
  }
  if (expected.contains("safety_action")) {
    EXPECT_EQ(!report.safety_actions.empty(), expected["safety_action"].get<bool>());
  }
  for (const std::string& note : expected.value("notes_contain", std::vector<std::string>{})) {
    EXPECT_THAT(report.notes, ::testing::Contains(::testing::HasSubstr(note)));
  }
  ExpectOrder(report, expected);
  ExpectOptions(report, expected);
}

std::string VignetteName(const ::testing::TestParamInfo<std::string>& info) {
  std::string name = std::filesystem::path(info.param).stem().string();
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Options, OptionVignetteTest, ::testing::ValuesIn(OptionVignetteFiles()),
                         VignetteName);

TEST(OptionVignetteSuite, HasAtLeastTwelveVignettes) {
  EXPECT_GE(OptionVignetteFiles().size(), 12u);
}

}  // namespace
}  // namespace refract
