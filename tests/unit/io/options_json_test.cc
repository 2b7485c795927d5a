#include "refract/io/options_json.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <functional>
#include <iterator>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <tuple>

#include "embedded_knowledge.h"
#include "param_name.h"
#include "record_json.h"

namespace refract {
namespace {

using io_test::Lines;
using nlohmann::json;
using test_support::EmbeddedKnowledge;
using test_support::EmbeddedOptions;
using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::StartsWith;
using ::testing::UnorderedElementsAre;

RankingKnowledge EmbeddedRanking() {
  StatusOr<RankingKnowledge> ranking = LoadRanking(EmbeddedRankingText());
  EXPECT_TRUE(ranking.ok()) << ranking.status().message();
  return ranking.ok() ? *ranking : RankingKnowledge();
}

SynthesesTable EmbeddedSyntheses() {
  StatusOr<SynthesesTable> table = LoadSyntheses(EmbeddedSynthesesText());
  EXPECT_TRUE(table.ok()) << table.status().message();
  return table.ok() ? *table : SynthesesTable();
}

const ComputedSynthesis* FindSynthesis(std::string_view id) {
  for (const ComputedSynthesis& synthesis : EmbeddedOptions()->syntheses) {
    if (synthesis.spec.id == id) return &synthesis;
  }
  return nullptr;
}

// --- The embedded tables ------------------------------------------------------------------------

TEST(EmbeddedRankingTest, LoadsEveryRequiredWeightAndMessage) {
  const RankingKnowledge ranking = EmbeddedRanking();
  EXPECT_THAT(ranking.version, StartsWith("ranking@"));
  for (std::string_view id : kRequiredRankingWeights) {
    EXPECT_TRUE(ranking.FindWeight(id)) << id;
  }
  for (std::string_view id : kRequiredRankingMessages) {
    ASSERT_TRUE(ranking.messages.Find(id)) << id;
    EXPECT_FALSE(ranking.messages.Find(id)->text.empty()) << id;
  }
}

TEST(EmbeddedRankingTest, EveryModeratorStrengthHasAWeight) {
  const RankingKnowledge ranking = EmbeddedRanking();
  ASSERT_FALSE(ranking.moderators.empty());
  for (const Moderator& moderator : ranking.moderators) {
    EXPECT_TRUE(ranking.FindWeight("moderator." + moderator.strength))
        << moderator.id << ": " << moderator.strength;
    EXPECT_THAT(kFactIds, Contains(moderator.fact)) << moderator.id;
    EXPECT_FALSE(moderator.options.empty()) << moderator.id;
  }
}

// docs/options.md: a purely prognostic finding is shown, never scored.
TEST(EmbeddedRankingTest, PrognosticModeratorsScoreNothing) {
  ASSERT_NE(EmbeddedRanking().FindWeight("moderator.prognostic"), nullptr);
  EXPECT_EQ(EmbeddedRanking().FindWeight("moderator.prognostic")->value, 0);
}

TEST(EmbeddedRankingTest, EveryWeightCitesItsRationale) {
  const RankingKnowledge ranking = EmbeddedRanking();
  for (const auto& [id, weight] : ranking.weights()) {
    EXPECT_FALSE(weight.provenance.source.empty()) << id;
  }
}

// The low-risk-of-bias filter is knowledge data (Metapsy rob 0-4; metapsyTools keeps rob > 2), and
// every sensitivity pool uses it.
TEST(EmbeddedSynthesesTest, LowRiskOfBiasThresholdComesFromTheTable) {
  const SynthesesTable table = EmbeddedSyntheses();
  EXPECT_EQ(table.low_risk_min_rob, 3);
  EXPECT_EQ(table.low_risk_provenance.tag, Tag::kEstablished);
  for (const SynthesisSpec& spec : table.specs) EXPECT_EQ(spec.low_risk_min_rob, 3) << spec.id;
}

TEST(EmbeddedSynthesesTest, LoadsWithVersionAndData) {
  const SynthesesTable table = EmbeddedSyntheses();
  EXPECT_THAT(table.version, StartsWith("evidence_syntheses@"));
  EXPECT_THAT(table.data_version, StartsWith("metapsy-depression-psyctr@"));
  EXPECT_FALSE(table.specs.empty());
  for (const SynthesisSpec& spec : table.specs) {
    EXPECT_FALSE(spec.select.empty()) << spec.id;
    EXPECT_FALSE(spec.interventions.empty()) << spec.id;
  }
}

TEST(LoadOptionsTest, LoadsTheEmbeddedTablesAndNamesEveryVersion) {
  const StatusOr<std::shared_ptr<const OptionsKnowledge>> options =
      LoadOptions(EmbeddedOptionsTexts(), EmbeddedKnowledge());
  ASSERT_TRUE(options.ok()) << options.status().message();
  const std::string& version = (*options)->version;
  EXPECT_THAT(version, HasSubstr("interventions@"));
  EXPECT_THAT(version, HasSubstr("ranking@"));
  EXPECT_THAT(version, HasSubstr("evidence_syntheses@"));
  EXPECT_THAT(version, HasSubstr("metapsy-depression-psyctr@"));
  EXPECT_EQ((*options)->syntheses.size(), EmbeddedSyntheses().specs.size());
  EXPECT_EQ((*options)->grades.size(), (*options)->catalogue.interventions.size());
}

// --knowledge DIR replaces the three option tables but never the Metapsy data, which stay embedded.
TEST(ReadOptionsDirectoryTest, KeepsTheEmbeddedMetapsyData) {
  const StatusOr<OptionsTexts> texts = ReadOptionsDirectory("knowledge");
  ASSERT_TRUE(texts.ok()) << texts.status().message();
  EXPECT_EQ(texts->metapsy_csv, EmbeddedOptionsTexts().metapsy_csv);
}

// The embedded Metapsy data are byte-for-byte the file (embed_text.cmake splits and rejoins it).
TEST(EmbeddedMetapsyTest, IsTheDataFileByteForByte) {
  std::ifstream file("data/metapsy/depression-psyctr.csv", std::ios::binary);
  ASSERT_TRUE(file);
  const std::string data((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  EXPECT_GT(data.size(), 65536u);  // larger than one string literal may be
  EXPECT_EQ(EmbeddedMetapsyText(), data);
}

TEST(ReadOptionsDirectoryTest, MissingDirectoryIsNotFound) {
  const StatusOr<OptionsTexts> texts = ReadOptionsDirectory("no/such/knowledge");
  ASSERT_FALSE(texts.ok());
  EXPECT_EQ(texts.status().code(), StatusCode::kNotFound);
  EXPECT_THAT(texts.status().message(), HasSubstr("no/such/knowledge/"));
}

// --- Rejections ---------------------------------------------------------------------------------

struct RejectionCase {
  const char* name;
  std::function<void(json&)> edit;
  std::string expected_line;  // the error line, or its beginning when the rule lists choices
};

void PrintTo(const RejectionCase& c, std::ostream* os) { *os << c.name; }

class RankingRejectionTest : public ::testing::TestWithParam<RejectionCase> {};

TEST_P(RankingRejectionTest, NamesThePathAndRule) {
  json document = json::parse(EmbeddedRankingText());
  GetParam().edit(document);
  const StatusOr<RankingKnowledge> ranking = LoadRanking(document.dump());
  ASSERT_FALSE(ranking.ok());
  EXPECT_EQ(ranking.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(Lines(ranking.status().message()), Contains(StartsWith(GetParam().expected_line)))
      << ranking.status().message();
}

json WeightRow(std::string id) {
  return {{"id", std::move(id)}, {"value", 1}, {"tag", "D"}, {"source", "test"}};
}

const RejectionCase kRankingRejections[] = {
    {"UnknownTopLevelField", [](json& d) { d["scores"] = json::array(); },
     "ranking.json:$.scores: unknown field"},
    {"UnknownWeightField", [](json& d) { d["weights"][0]["note"] = "x"; },
     "ranking.json:$.weights[0].note: unknown field"},
    {"UnknownModeratorField", [](json& d) { d["moderators"][0]["p"] = 0.01; },
     "ranking.json:$.moderators[0].p: unknown field"},
    {"UnknownWeightId", [](json& d) { d["weights"][0]["id"] = "evidence.trd_rtc"; },
     "ranking.json:$.weights[0].id: 'evidence.trd_rtc' is not a ranking weight id"},
    {"DuplicateWeight", [](json& d) { d["weights"][1]["id"] = d["weights"][0]["id"]; },
     "ranking.json:$.weights[1].id: duplicate id 'evidence.trd_meta_analysis'"},
    {"MissingRequiredWeight", [](json& d) { d["weights"].erase(0); },
     "ranking.json:$.weights: missing the weight 'evidence.trd_meta_analysis'"},
    {"WeightOutOfRange", [](json& d) { d["weights"][0]["value"] = -1000; },
     "ranking.json:$.weights[0].value: must be between -100.0 and 10000.0 (got -1000)"},
    {"BadWeightTag", [](json& d) { d["weights"][0]["tag"] = "X"; },
     "ranking.json:$.weights[0].tag: 'X' is not one of: V, E, U, D"},
    {"UnknownFactId", [](json& d) { d["moderators"][0]["fact"] = "severity"; },
     "ranking.json:$.moderators[0].fact: 'severity' is not a fact id"},
    {"StrengthWithoutWeight", [](json& d) { d["moderators"][0]["strength"] = "anecdote"; },
     "ranking.json:$.moderators[0].strength: 'anecdote' has no weight 'moderator.anecdote'"},
    {"EmptyOptions", [](json& d) { d["moderators"][0]["options"] = json::array(); },
     "ranking.json:$.moderators[0].options: is empty"},
    {"DuplicateModerator", [](json& d) { d["moderators"][1]["id"] = d["moderators"][0]["id"]; },
     "ranking.json:$.moderators[1].id: duplicate id 'stpp_severity'"},
    {"UnknownMessageId", [](json& d) { d["messages"][0]["id"] = "greeting"; },
     "ranking.json:$.messages[0].id: 'greeting' is not a ranking message id"},
    {"MissingMessage", [](json& d) { d["messages"].erase(0); },
     "ranking.json:$.messages: missing the message 'no_preference_recorded'"},
    {"MessageWithoutText", [](json& d) { d["messages"][0].erase("text"); },
     "ranking.json:$.messages[0].text: is required"},
    {"WrongTable", [](json& d) { d["table"] = "interventions"; },
     "ranking.json:$.table: must be 'ranking'"},
    {"WrongFormat", [](json& d) { d["format"] = "refract-knowledge/2"; },
     "ranking.json:$.format: must be 'refract-knowledge/1'"},
    {"MissingWeights", [](json& d) { d.erase("weights"); }, "ranking.json:$.weights: is required"},
    {"IndicationOnAnUnknownFact", [](json& d) { d["indications"][0]["when_any"] = {"sadness"}; },
     "ranking.json:$.indications[0].when_any[0]: 'sadness' is not a fact, condition or situation "
     "id"},
    {"IndicationWithoutSituation", [](json& d) { d["indications"][0]["when_any"] = json::array(); },
     "ranking.json:$.indications[0].when_any: is empty"},
    {"IndicationUnlessAnUnknownFact",
     [](json& d) { d["indications"][0]["unless_any"] = {"better"}; },
     "ranking.json:$.indications[0].unless_any[0]: 'better' is not a fact, condition or situation "
     "id"},
    {"DuplicateIndication", [](json& d) { d["indications"][1]["id"] = d["indications"][0]["id"]; },
     "ranking.json:$.indications[1].id: duplicate id 'continue_what_works'"},
    {"MissingIndications", [](json& d) { d.erase("indications"); },
     "ranking.json:$.indications: is required"},
    {"StepRuleFailureRangeReversed", [](json& d) { d["step_rules"][0]["max_failed"] = 0; },
     "ranking.json:$.step_rules[0].max_failed: is below min_failed"},
    {"StepRuleWithoutItsWeight", [](json& d) { d["step_rules"][0]["weight"] = "step.later"; },
     "ranking.json:$.step_rules[0].weight: 'step.later' is not a weight of this table"},
    {"UnknownStepRuleField", [](json& d) { d["step_rules"][0]["points"] = -2; },
     "ranking.json:$.step_rules[0].points: unknown field"},
};

INSTANTIATE_TEST_SUITE_P(Rejections, RankingRejectionTest, ::testing::ValuesIn(kRankingRejections),
                         test_support::RowName{});

// Moderator strengths are open: any "moderator.<strength>" weight may back one.
TEST(LoadRankingTest, AcceptsANewModeratorStrengthThatHasAWeight) {
  json document = json::parse(EmbeddedRankingText());
  document["weights"].push_back(WeightRow("moderator.anecdote"));
  document["moderators"][0]["strength"] = "anecdote";
  const StatusOr<RankingKnowledge> ranking = LoadRanking(document.dump());
  ASSERT_TRUE(ranking.ok()) << ranking.status().message();
  EXPECT_EQ(ranking->moderators[0].strength, "anecdote");
  ASSERT_NE(ranking->FindWeight("moderator.anecdote"), nullptr);
  EXPECT_EQ(ranking->FindWeight("moderator.anecdote")->value, 1);
}

TEST(LoadRankingTest, InvalidJsonIsRejectedAtTheRoot) {
  const StatusOr<RankingKnowledge> ranking = LoadRanking("{\"format\": ");
  ASSERT_FALSE(ranking.ok());
  EXPECT_EQ(ranking.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(ranking.status().message(), "ranking.json:$: not valid JSON");
}

class SynthesesRejectionTest : public ::testing::TestWithParam<RejectionCase> {};

TEST_P(SynthesesRejectionTest, NamesThePathAndRule) {
  json document = json::parse(EmbeddedSynthesesText());
  GetParam().edit(document);
  const StatusOr<SynthesesTable> table = LoadSyntheses(document.dump());
  ASSERT_FALSE(table.ok());
  EXPECT_EQ(table.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(Lines(table.status().message()), Contains(StartsWith(GetParam().expected_line)))
      << table.status().message();
}

const RejectionCase kSynthesesRejections[] = {
    {"UnknownItemField", [](json& d) { d["items"][0]["weight"] = 1; },
     "evidence_syntheses.json:$.items[0].weight: unknown field"},
    {"UnknownDataField", [](json& d) { d["data"]["url"] = "x"; },
     "evidence_syntheses.json:$.data.url: unknown field"},
    {"BadScope", [](json& d) { d["items"][0]["scope"] = "global"; },
     "evidence_syntheses.json:$.items[0].scope: 'global' is not one of: option, class"},
    {"BadPopulation", [](json& d) { d["items"][0]["population"] = "mdd"; },
     "evidence_syntheses.json:$.items[0].population: 'mdd' is not one of: trd, "
     "inadequate_response, general_depression"},
    {"BadMethod", [](json& d) { d["items"][0]["method"] = "GLS"; },
     "evidence_syntheses.json:$.items[0].method: 'GLS' is not one of: FE, DL"},
    {"EmptySelect", [](json& d) { d["items"][0]["select"] = json::object(); },
     "evidence_syntheses.json:$.items[0].select: selects nothing"},
    {"SelectValueListEmpty", [](json& d) { d["items"][0]["select"]["study"] = json::array(); },
     "evidence_syntheses.json:$.items[0].select.study: must list at least one value"},
    {"SelectValueNotAString", [](json& d) { d["items"][0]["select"]["study"][1] = 2017; },
     "evidence_syntheses.json:$.items[0].select.study[1]: must be a non-empty string"},
    {"EmptyInterventions", [](json& d) { d["items"][0]["interventions"] = json::array(); },
     "evidence_syntheses.json:$.items[0].interventions: is empty"},
    {"DuplicateId", [](json& d) { d["items"][1]["id"] = d["items"][0]["id"]; },
     "evidence_syntheses.json:$.items[1].id: duplicate id 'metapsy_trd_add_on_psychotherapy'"},
    {"MissingDataBlock", [](json& d) { d.erase("data"); },
     "evidence_syntheses.json:$.data: is required"},
    {"MissingDataVersion", [](json& d) { d["data"].erase("version"); },
     "evidence_syntheses.json:$.data.version: is required"},
    {"MissingOneEffectPerStudy", [](json& d) { d["items"][0].erase("one_effect_per_study"); },
     "evidence_syntheses.json:$.items[0].one_effect_per_study: is required"},
    {"WrongTable", [](json& d) { d["table"] = "ranking"; },
     "evidence_syntheses.json:$.table: must be 'evidence_syntheses'"},
    {"MissingMinFailedTreatments", [](json& d) { d["items"][0].erase("min_failed_treatments"); },
     "evidence_syntheses.json:$.items[0].min_failed_treatments: is required (an integer, or "
     "null)"},
    {"PopulationAgainstItsCriterion", [](json& d) { d["items"][0]["population"] = "trd"; },
     "evidence_syntheses.json:$.items[0].population: 'trd' needs min_failed_treatments >= 2"},
    {"GeneralPopulationWithACriterion", [](json& d) { d["items"][4]["min_failed_treatments"] = 1; },
     "evidence_syntheses.json:$.items[4].population: 'general_depression' needs "
     "min_failed_treatments null"},
    {"MissingLowRiskOfBias", [](json& d) { d.erase("low_risk_of_bias"); },
     "evidence_syntheses.json:$.low_risk_of_bias: is required"},
    {"LowRiskOfBiasOutOfRange", [](json& d) { d["low_risk_of_bias"]["min"] = 5; },
     "evidence_syntheses.json:$.low_risk_of_bias.min: must be"},
    {"LowRiskOfBiasWithoutSource", [](json& d) { d["low_risk_of_bias"].erase("source"); },
     "evidence_syntheses.json:$.low_risk_of_bias.source: is required"},
};

INSTANTIATE_TEST_SUITE_P(Rejections, SynthesesRejectionTest,
                         ::testing::ValuesIn(kSynthesesRejections), test_support::RowName{});

TEST(LoadSynthesesTest, InvalidJsonIsRejectedAtTheRoot) {
  const StatusOr<SynthesesTable> table = LoadSyntheses("[");
  ASSERT_FALSE(table.ok());
  EXPECT_EQ(table.status().message(), "evidence_syntheses.json:$: not valid JSON");
}

// LoadOptions checks what the single-file readers cannot: that a synthesis selects Metapsy rows.
TEST(LoadOptionsTest, ReportsASynthesisThatSelectsNoMetapsyRow) {
  OptionsTexts texts = EmbeddedOptionsTexts();
  json syntheses = json::parse(texts.syntheses);
  json& item = syntheses["items"][2];
  ASSERT_EQ(item["id"], "metapsy_trd_long_term_psychodynamic");
  item["select"]["study"] = {"Fonagy, 2051"};
  texts.syntheses = syntheses.dump();
  const StatusOr<std::shared_ptr<const OptionsKnowledge>> options =
      LoadOptions(texts, EmbeddedKnowledge());
  ASSERT_FALSE(options.ok());
  EXPECT_EQ(options.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(Lines(options.status().message()),
              Contains(AllOf(HasSubstr("'metapsy_trd_long_term_psychodynamic'"),
                             HasSubstr("selects no comparison"))))
      << options.status().message();
}

TEST(LoadOptionsTest, ReportsAModeratorNamingAnUnknownOption) {
  OptionsTexts texts = EmbeddedOptionsTexts();
  json ranking = json::parse(texts.ranking);
  ranking["moderators"][0]["options"].push_back("hypnosis");
  texts.ranking = ranking.dump();
  const StatusOr<std::shared_ptr<const OptionsKnowledge>> options =
      LoadOptions(texts, EmbeddedKnowledge());
  ASSERT_FALSE(options.ok());
  EXPECT_THAT(Lines(options.status().message()),
              Contains(AllOf(HasSubstr("stpp_severity"), HasSubstr("'hypnosis'"))))
      << options.status().message();
}

// --- Numerical anchors on the embedded evidence ------------------------------------------------

TEST(EmbeddedSynthesesTest, ClassSynthesisPoolsExactlyTheFiveTrdTrials) {
  const ComputedSynthesis* synthesis = FindSynthesis("metapsy_trd_add_on_psychotherapy");
  ASSERT_NE(synthesis, nullptr);
  EXPECT_EQ(synthesis->spec.scope, SynthesisScope::kClass);
  EXPECT_THAT(synthesis->study_labels,
              UnorderedElementsAre("Town, 2017", "Heshmati, 2023", "Fonagy, 2015", "Harley, 2008",
                                   "Nakagawa, 2017"));
  EXPECT_EQ(synthesis->pooled.studies, 5);  // one effect per study
  EXPECT_GE(synthesis->pooled.comparisons, 5);
  EXPECT_GT(synthesis->pooled.participants, 0);
  ASSERT_TRUE(synthesis->pooled.prediction_interval.has_value());  // k >= 3
}

TEST(EmbeddedSynthesesTest, EveryIntervalContainsItsEstimate) {
  ASSERT_FALSE(EmbeddedOptions()->syntheses.empty());
  for (const ComputedSynthesis& synthesis : EmbeddedOptions()->syntheses) {
    const PooledSummary& pooled = synthesis.pooled;
    SCOPED_TRACE(synthesis.spec.id);
    EXPECT_TRUE(std::isfinite(pooled.g.value));
    EXPECT_LT(pooled.g.ci_low, pooled.g.value);
    EXPECT_GT(pooled.g.ci_high, pooled.g.value);
    EXPECT_GT(pooled.se, 0);
    EXPECT_GE(pooled.tau2, 0);
    EXPECT_GE(pooled.i2, 0);
    EXPECT_LE(pooled.i2, 100);
    EXPECT_GE(pooled.studies, 1);
    EXPECT_LE(pooled.studies, pooled.comparisons);
    EXPECT_EQ(static_cast<size_t>(pooled.studies), synthesis.study_labels.size());
    if (pooled.prediction_interval) {  // never narrower than the CI
      EXPECT_LE(pooled.prediction_interval->first, pooled.g.ci_low + 1e-9);
      EXPECT_GE(pooled.prediction_interval->second, pooled.g.ci_high - 1e-9);
    }
  }
}

TEST(EmbeddedSynthesesTest, LowRiskOfBiasPoolIsASubsetOfTheFullPool) {
  int with_sensitivity = 0;
  for (const ComputedSynthesis& synthesis : EmbeddedOptions()->syntheses) {
    SCOPED_TRACE(synthesis.spec.id);
    if (!synthesis.spec.low_risk_of_bias_sensitivity) {
      EXPECT_FALSE(synthesis.low_risk_of_bias.has_value());
      continue;
    }
    if (!synthesis.low_risk_of_bias) continue;  // no low-risk row
    ++with_sensitivity;
    const PooledSummary& low = *synthesis.low_risk_of_bias;
    EXPECT_LE(low.studies, synthesis.pooled.studies);
    EXPECT_LE(low.comparisons, synthesis.pooled.comparisons);
    EXPECT_LE(low.participants, synthesis.pooled.participants);
    EXPECT_LT(low.g.ci_low, low.g.value);
    EXPECT_GT(low.g.ci_high, low.g.value);
  }
  EXPECT_GT(with_sensitivity, 0);
}

std::optional<int> CatalogueN(std::string_view option_id, std::string_view study_id) {
  const Intervention* option = EmbeddedOptions()->catalogue.FindIntervention(option_id);
  if (!option) return std::nullopt;
  for (const EvidenceEntry& entry : option->evidence) {
    if (entry.study_id == study_id) return entry.n;
  }
  return std::nullopt;
}

// A study's several outcomes (Fonagy: HDRS-17 and BDI-II) come from the same people: a one-study
// pool cannot hold more participants than the trial randomised (Fonagy 2015 TADS randomised 129,
// Harley 2008 24; docs/interventions.md).
TEST(EmbeddedSynthesesTest, ParticipantsCountEachStudyOnce) {
  for (auto [synthesis_id, option_id, study_id] :
       {std::tuple{"metapsy_trd_long_term_psychodynamic", "long_term_psychodynamic",
                   "fonagy2015_tads"},
        std::tuple{"metapsy_trd_dbt", "dbt", "harley2008_dbt"}}) {
    SCOPED_TRACE(synthesis_id);
    const ComputedSynthesis* synthesis = FindSynthesis(synthesis_id);
    ASSERT_NE(synthesis, nullptr);
    ASSERT_EQ(synthesis->pooled.studies, 1);
    ASSERT_GT(synthesis->pooled.comparisons, 1);  // several outcomes of the one trial
    const std::optional<int> randomised = CatalogueN(option_id, study_id);
    ASSERT_TRUE(randomised.has_value());
    EXPECT_GT(synthesis->pooled.participants, 0);
    EXPECT_LE(synthesis->pooled.participants, *randomised);
  }
}

// ESCAPE-TRD (Reif A et al. N Engl J Med 2023), catalogue row escape_trd_2023:
// crude_rr_remission 1.53 (1.15-2.05) [DERIVED] from 91/336 vs 60/340.
TEST(EmbeddedArmEffectsTest, EscapeTrdRiskRatioMatchesTheDerivedCrudeValue) {
  const OptionsKnowledge& options = *EmbeddedOptions();
  const Intervention* esketamine = options.catalogue.FindIntervention("esketamine");
  ASSERT_NE(esketamine, nullptr);
  const auto entry =
      std::find_if(esketamine->evidence.begin(), esketamine->evidence.end(),
                   [](const EvidenceEntry& e) { return e.study_id == "escape_trd_2023"; });
  ASSERT_NE(entry, esketamine->evidence.end());
  const std::optional<ArmEffect>& effect =
      options.ArmEffectsOf(*esketamine)[static_cast<size_t>(entry - esketamine->evidence.begin())];
  ASSERT_TRUE(effect.has_value());
  EXPECT_NEAR(effect->risk_ratio.value, (91.0 / 336) / (60.0 / 340), 1e-9);
  EXPECT_NEAR(effect->risk_ratio.value, 1.53, 0.005);
  EXPECT_NEAR(effect->risk_ratio.ci_low, 1.15, 0.005);
  EXPECT_NEAR(effect->risk_ratio.ci_high, 2.05, 0.005);
  EXPECT_GT(effect->odds_ratio.value, effect->risk_ratio.value);  // OR > RR above 1
  EXPECT_THAT(effect->arms, HasSubstr("91/336"));
  EXPECT_THAT(effect->arms, HasSubstr("60/340"));
}

}  // namespace
}  // namespace refract
