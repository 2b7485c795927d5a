// Next-step option vignettes as data (tests/vignettes/options/*.json): a refract-patient/1 record,
// the expected ordering, scores and exclusions, and the hand arithmetic behind them, computed from
// the documented weights (knowledge/ranking.json, docs/options.md). The runner assesses the patient
// with the embedded knowledge and checks every expected field that the vignette gives; an unknown
// expectation key fails the vignette (a typo must not check nothing).
//
// Vignette file:
//   { "vignette": "...", "description": "...", "hand_arithmetic": ["cbt: 3 + 2 + 1 = 6", ...],
//     "patient": { refract-patient/1 },
//     "expected": {
//       "applicable": bool, "reason_contains": "...",           (diagnosis other than MDD)
//       "safety_action": bool,                                  (a SAFETY_ASSESSMENT action: a
//                                                               current signal, not the prompt
//                                                               when nothing was asked lately)
//       "safety_level": "routine" | "urgent" | "emergency",
//       "first": "id",                                          (the first ranked option)
//       "indicated": ["id"], "not_indicated": ["id"],           (in / not in the indicated tier)
//       "ranked_above": [["a", "b"]],                           (a ranked; b below it or unranked)
//       "top": ["id", ...],                                     (exact first ranked ids, in order)
//       "in_top": {"n": 3, "ids": ["cbt"]},                     (each ranked within the first n)
//       "scores": {"id": 6.5},                                  (exact totals)
//       "components": {"id": ["history.inadequate_attempt"]},   (component ids present)
//       "excluded": {"ect": "declined"},                        (exclusion kinds present)
//       "cautions_apply": {"esketamine": ["maoi_ongoing"]},     (a caution whose condition is
//       present) "not_ranked": ["ect"], "provisional": {"itbs": true}, "notes_contain": ["..."],
//       "gaps_empty": true,                                     (no 'never adequately tried' list)
//       "guideline": {"first": "NICE NG222 1.13.1", ...} } }    (the source of each expectation)
// The guideline-concordance vignettes (g*.json) must cite a source for every expectation.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "embedded_knowledge.h"

namespace refract {
namespace {

using nlohmann::json;

const std::set<std::string> kExpectationKeys = {
    "applicable",    "reason_contains", "safety_action", "safety_level",
    "first",         "indicated",       "not_indicated", "ranked_above",
    "top",           "in_top",          "scores",        "components",
    "excluded",      "cautions_apply",  "not_ranked",    "provisional",
    "notes_contain", "gaps_empty",      "guideline"};

std::vector<std::string> OptionVignetteFiles() {
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator("tests/vignettes/options")) {
    if (entry.path().extension() == ".json") files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// The expectation keys that are not in kExpectationKeys.
std::vector<std::string> UnknownKeys(const json& expected) {
  std::vector<std::string> unknown;
  for (const auto& [key, value] : expected.items()) {
    if (!kExpectationKeys.contains(key)) unknown.push_back(key);
  }
  return unknown;
}

// The expectation keys (other than applicable and guideline) without a citation in "guideline".
std::vector<std::string> Uncited(const json& expected) {
  std::vector<std::string> uncited;
  const json guideline = expected.value("guideline", json::object());
  for (const auto& [key, value] : expected.items()) {
    if (key == "applicable" || key == "guideline") continue;
    if (!guideline.contains(key) || guideline[key].get<std::string>().empty()) {
      uncited.push_back(key);
    }
  }
  return uncited;
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

std::vector<std::string> Strings(const json& expected, const char* key) {
  return expected.value(key, std::vector<std::string>{});
}

void ExpectOrder(const OptionsReport& report, const json& expected) {
  const std::vector<std::string> ranked = RankedIds(report);
  auto position = [&](const std::string& id) {
    return static_cast<size_t>(std::find(ranked.begin(), ranked.end(), id) - ranked.begin());
  };
  if (expected.contains("top")) {
    const auto top = expected["top"].get<std::vector<std::string>>();
    ASSERT_GE(ranked.size(), top.size());
    EXPECT_EQ(std::vector<std::string>(ranked.begin(), ranked.begin() + top.size()), top);
  }
  if (expected.contains("first")) {
    ASSERT_FALSE(ranked.empty());
    EXPECT_EQ(ranked.front(), expected["first"].get<std::string>());
  }
  if (expected.contains("in_top")) {
    const size_t n = expected["in_top"]["n"].get<size_t>();
    for (const std::string& id : expected["in_top"]["ids"].get<std::vector<std::string>>()) {
      EXPECT_LT(position(id), n) << id << " not in the top " << n;
    }
  }
  for (const auto& pair : expected.value("ranked_above", json::array())) {
    const std::string above = pair.at(0).get<std::string>();
    const std::string below = pair.at(1).get<std::string>();
    EXPECT_LT(position(above), ranked.size()) << above << " is not ranked";
    EXPECT_LT(position(above), position(below)) << above << " not above " << below;
  }
  for (const std::string& id : Strings(expected, "not_ranked")) {
    EXPECT_THAT(ranked, ::testing::Not(::testing::Contains(id)));
  }
}

// The object `expected[key]`, or an empty object (a reference: range-for over items() must not
// outlive a temporary).
const json& Section(const json& expected, const char* key) {
  static const json kEmpty = json::object();
  return expected.contains(key) ? expected[key] : kEmpty;
}

void ExpectTiers(const OptionsReport& report, const json& expected) {
  for (const std::string& id : Strings(expected, "indicated")) {
    const OptionResult& result = Result(report, id);
    EXPECT_FALSE(result.indications.empty()) << id << " is not in the indicated tier";
    EXPECT_TRUE(result.exclusions.empty()) << id << " is excluded";
  }
  for (const std::string& id : Strings(expected, "not_indicated")) {
    EXPECT_TRUE(Result(report, id).indications.empty()) << id << " is in the indicated tier";
  }
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
  for (const auto& [id, conditions] : Section(expected, "cautions_apply").items()) {
    std::vector<std::string> applying;
    for (const CautionView& view : Result(report, id).cautions) {
      if (view.status != CautionStatus::kApplies) continue;
      applying.push_back(view.caution->Condition());
    }
    for (const std::string& condition : conditions.get<std::vector<std::string>>()) {
      EXPECT_THAT(applying, ::testing::Contains(condition)) << id;
    }
  }
  for (const auto& [id, provisional] : Section(expected, "provisional").items()) {
    EXPECT_EQ(Result(report, id).provisional, provisional.get<bool>()) << id;
  }
}

void ExpectReport(const Assessment& assessment, const json& expected) {
  const OptionsReport& report = *assessment.options;
  if (expected.contains("applicable")) {
    EXPECT_EQ(report.applicable, expected["applicable"].get<bool>());
  }
  if (expected.contains("reason_contains")) {
    EXPECT_THAT(report.not_applicable_reason,
                ::testing::HasSubstr(expected["reason_contains"].get<std::string>()));
  }
  const auto action =
      std::find_if(report.safety_actions.begin(), report.safety_actions.end(),
                   [](const SafetyAction& a) { return a.code == "SAFETY_ASSESSMENT"; });
  if (expected.contains("safety_action")) {
    EXPECT_EQ(action != report.safety_actions.end(), expected["safety_action"].get<bool>());
  }
  if (expected.contains("safety_level")) {
    ASSERT_NE(action, report.safety_actions.end());
    EXPECT_EQ(ToString(action->level), expected["safety_level"].get<std::string>());
  }
  if (expected.contains("gaps_empty")) {
    EXPECT_EQ(assessment.not_adequately_tried.empty(), expected["gaps_empty"].get<bool>());
  }
  for (const std::string& note : Strings(expected, "notes_contain")) {
    EXPECT_THAT(report.notes, ::testing::Contains(::testing::HasSubstr(note)));
  }
}

class OptionVignetteTest : public ::testing::TestWithParam<std::string> {};

TEST_P(OptionVignetteTest, MatchesHandComputedRanking) {
  std::ifstream file(GetParam());
  const json vignette = json::parse(file);
  ASSERT_FALSE(vignette.at("hand_arithmetic").empty());
  const json& expected = vignette.at("expected");
  ASSERT_THAT(UnknownKeys(expected), ::testing::IsEmpty()) << "unknown expectation keys";
  if (std::filesystem::path(GetParam()).filename().string().starts_with("g")) {
    EXPECT_THAT(Uncited(expected), ::testing::IsEmpty()) << "expectations without a source";
  }
  StatusOr<PatientRecord> record = test_support::ParseRecord(vignette.at("patient").dump());
  ASSERT_TRUE(record.ok()) << record.status().message();
  const Assessment assessment = test_support::AssessWithOptions(*record);
  ASSERT_TRUE(assessment.options.has_value());
  ExpectReport(assessment, expected);
  ExpectOrder(*assessment.options, expected);
  ExpectTiers(*assessment.options, expected);
  ExpectOptions(*assessment.options, expected);
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

TEST(OptionVignetteSuite, HasTheGuidelineConcordanceSuite) {
  const std::vector<std::string> files = OptionVignetteFiles();
  const auto guideline = std::count_if(files.begin(), files.end(), [](const std::string& f) {
    return std::filesystem::path(f).filename().string().starts_with("g");
  });
  EXPECT_GE(guideline, 25);
}

TEST(OptionVignetteSuite, AnUnknownExpectationKeyIsReported) {
  const json expected = {{"first", "ect"}, {"frist", "ect"}};
  EXPECT_THAT(UnknownKeys(expected), ::testing::ElementsAre("frist"));
}

TEST(OptionVignetteSuite, AnExpectationWithoutASourceIsReported) {
  const json expected = {{"applicable", true},
                         {"first", "ect"},
                         {"indicated", {"ect"}},
                         {"guideline", {{"first", "NICE NG222 1.13.1"}}}};
  EXPECT_THAT(Uncited(expected), ::testing::ElementsAre("indicated"));
}

}  // namespace
}  // namespace refract
