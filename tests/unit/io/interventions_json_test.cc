#include "refract/io/interventions_json.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "record_json.h"
#include "refract/app/not_adequately_tried.h"
#include "refract/io/knowledge_json.h"
#include "refract/io/options_json.h"

namespace refract {
namespace {

using io_test::Lines;
using nlohmann::json;
using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::StartsWith;

InterventionCatalogue Embedded() {
  StatusOr<InterventionCatalogue> catalogue = LoadInterventions(EmbeddedInterventionsText());
  EXPECT_TRUE(catalogue.ok()) << catalogue.status().message();
  return catalogue.ok() ? *catalogue : InterventionCatalogue();
}

TEST(EmbeddedInterventionsTest, LoadsWithAVersion) {
  const InterventionCatalogue catalogue = Embedded();
  EXPECT_THAT(catalogue.version, StartsWith("interventions@"));
  EXPECT_GE(catalogue.interventions.size(), 25u);
}

// Evidence is an entry of the row or a synthesis Refract pools for it (evidence_syntheses.json).
TEST(EmbeddedInterventionsTest, EveryRowHasEvidenceOrSaysWhyNot) {
  const StatusOr<SynthesesTable> syntheses = LoadSyntheses(EmbeddedSynthesesText());
  ASSERT_TRUE(syntheses.ok()) << syntheses.status().message();
  for (const Intervention& row : Embedded().interventions) {
    EXPECT_FALSE(row.evidence_strength.empty()) << row.id;
    const bool says_none = row.evidence_level == EvidenceLevel::kNotReviewed ||
                           row.evidence_level == EvidenceLevel::kNoCompletedTrdTrial ||
                           row.evidence_level == EvidenceLevel::kNoTrdEstimate;
    const bool pooled =
        std::any_of(syntheses->specs.begin(), syntheses->specs.end(), [&](const auto& spec) {
          return spec.scope == SynthesisScope::kOption &&
                 std::find(spec.interventions.begin(), spec.interventions.end(), row.id) !=
                     spec.interventions.end();
        });
    EXPECT_TRUE(!row.evidence.empty() || pooled || says_none) << row.id;
  }
}

TEST(EmbeddedInterventionsTest, NoEvidenceNumberRestsOnAnUnconfirmedValueWithoutSayingSo) {
  for (const Intervention& row : Embedded().interventions) {
    for (const EvidenceEntry& entry : row.evidence) {
      EXPECT_FALSE(entry.provenance.source.empty()) << row.id << " " << entry.study_id;
      if (!entry.value) {
        EXPECT_FALSE(entry.note.empty()) << row.id << " " << entry.study_id;
      }
    }
  }
}

TEST(EmbeddedInterventionsTest, CoversTheIssueList) {
  const InterventionCatalogue catalogue = Embedded();
  for (const char* id : {"cbt",
                         "behavioural_activation",
                         "ipt",
                         "short_term_psychodynamic",
                         "long_term_psychodynamic",
                         "cbasp",
                         "mbct",
                         "dbt",
                         "act",
                         "problem_solving",
                         "emdr",
                         "optimise_dose",
                         "switch_class",
                         "combination",
                         "lithium_augmentation",
                         "antipsychotic_augmentation",
                         "thyroid_augmentation",
                         "maoi",
                         "rtms",
                         "itbs",
                         "ect",
                         "vns",
                         "esketamine",
                         "ketamine_iv",
                         "psilocybin",
                         "exercise",
                         "support_groups"}) {
    EXPECT_NE(catalogue.FindIntervention(id), nullptr) << id;
  }
}

TEST(EmbeddedInterventionsTest, EmdrLacksACompletedTrdTrial) {
  const InterventionCatalogue catalogue = Embedded();
  const Intervention* emdr = catalogue.FindIntervention("emdr");
  ASSERT_NE(emdr, nullptr);
  EXPECT_EQ(emdr->evidence_level, EvidenceLevel::kNoCompletedTrdTrial);
  for (const EvidenceEntry& entry : emdr->evidence) {
    EXPECT_NE(entry.population, EvidencePopulation::kTrd);
  }
}

TEST(EmbeddedInterventionsTest, PsilocybinIsInvestigationalAndTrialOnly) {
  const InterventionCatalogue catalogue = Embedded();
  const Intervention* psilocybin = catalogue.FindIntervention("psilocybin");
  ASSERT_NE(psilocybin, nullptr);
  EXPECT_TRUE(psilocybin->investigational);
  EXPECT_EQ(psilocybin->setting.level, SettingLevel::kClinicalTrialOnly);
  for (const Intervention& row : catalogue.interventions) {
    if (row.id != "psilocybin") {
      EXPECT_FALSE(row.investigational) << row.id;
    }
  }
}

// The three label contraindications [V], and current psychotic features by decision [D]
// (docs/interventions.md: esketamine with active psychosis; the trials enrolled non-psychotic TRD).
TEST(EmbeddedInterventionsTest, EsketamineLabelContraindicationsAreHardExclusions) {
  const InterventionCatalogue catalogue = Embedded();
  const Intervention* esketamine = catalogue.FindIntervention("esketamine");
  ASSERT_NE(esketamine, nullptr);
  std::vector<std::string> label;
  std::vector<std::string> decided;
  for (const Caution& caution : esketamine->cautions) {
    if (caution.hard_exclusion_when.empty()) continue;
    (caution.provenance.tag == Tag::kVerified ? label : decided)
        .push_back(caution.hard_exclusion_when);
  }
  EXPECT_THAT(label, ::testing::UnorderedElementsAre("aneurysmal_vascular_disease",
                                                     "arteriovenous_malformation",
                                                     "intracerebral_haemorrhage_history"));
  // Psychotic features (the trials enrolled non-psychotic TRD) is a decision; pregnancy rests on a
  // label sentence read only in secondary sources (U).
  EXPECT_THAT(decided, ::testing::ElementsAre("psychotic_features", "pregnancy"));
}

TEST(EmbeddedInterventionsTest, EsketamineNeedsTwoFailedAntidepressantTrials) {
  const InterventionCatalogue catalogue = Embedded();
  const Intervention* esketamine = catalogue.FindIntervention("esketamine");
  ASSERT_NE(esketamine, nullptr);
  ASSERT_TRUE(esketamine->eligibility.has_value());
  EXPECT_EQ(esketamine->eligibility->min_failed_trials, 2);
  EXPECT_EQ(esketamine->eligibility->counts, FailureCount::kAntidepressantTrials);
  EXPECT_EQ(esketamine->eligibility->provenance.tag, Tag::kVerified);
  EXPECT_THAT(esketamine->trial_kinds, ::testing::ElementsAre(TreatmentKind::kEsketamine));
}

TEST(EmbeddedInterventionsTest, EveryOptionSaysWhatToMeasure) {
  for (const Intervention& row : Embedded().interventions) {
    EXPECT_FALSE(row.measurement.empty()) << row.id;
  }
}

// A value whose direction the source leaves open must say so in its note.
TEST(EmbeddedInterventionsTest, EveryValueSaysWhichWayFavours) {
  for (const Intervention& row : Embedded().interventions) {
    for (const EvidenceEntry& entry : row.evidence) {
      if (!entry.value || entry.favours != Favours::kUnknown) continue;
      EXPECT_THAT(entry.note, HasSubstr("direction is unknown")) << row.id << " " << entry.study_id;
    }
  }
}

// An 2021's headline is the trials' primary time point (day 28); the 24-hour result is a second,
// labelled entry that is not a primary outcome.
TEST(EmbeddedInterventionsTest, EsketamineMetaAnalysisShowsDay28AsItsPrimaryResult) {
  const InterventionCatalogue catalogue = Embedded();
  const Intervention* esketamine = catalogue.FindIntervention("esketamine");
  ASSERT_NE(esketamine, nullptr);
  std::vector<std::pair<std::string, double>> an;
  for (const EvidenceEntry& entry : esketamine->evidence) {
    if (entry.citation.find("An D") == std::string::npos) continue;
    an.emplace_back(entry.time_point, *entry.value);
    EXPECT_EQ(entry.primary_outcome, entry.time_point == "day 28") << entry.study_id;
  }
  EXPECT_THAT(an, ::testing::ElementsAre(
                      std::pair<std::string, double>("day 28", 1.7),
                      std::pair<std::string, double>("24 hours after the first dose", 3.55)));
}

// SUSTAIN-1's hazard ratio is from the stable remitters, not all 297 randomised.
TEST(EmbeddedInterventionsTest, SustainHazardRatioIsFromTheStableRemitters) {
  const InterventionCatalogue catalogue = Embedded();
  const Intervention* esketamine = catalogue.FindIntervention("esketamine");
  ASSERT_NE(esketamine, nullptr);
  for (const EvidenceEntry& entry : esketamine->evidence) {
    if (entry.study_id != "sustain1_2019") continue;
    EXPECT_EQ(entry.n, 176);
    EXPECT_EQ(entry.outcome_kind, OutcomeKind::kRelapse);
  }
}

TEST(EmbeddedInterventionsTest, EveryUntriedClassHasAnOption) {
  const StatusOr<KnowledgeBase> kb = LoadKnowledge(EmbeddedKnowledgeTexts());
  ASSERT_TRUE(kb.ok()) << kb.status().message();
  const InterventionCatalogue catalogue = Embedded();
  for (const TreatmentClass& treatment_class : TreatmentClasses(*kb)) {
    EXPECT_FALSE(catalogue.ForTreatmentClass(treatment_class.id).empty()) << treatment_class.id;
  }
}

// --- Rejections ---------------------------------------------------------------------------------

struct RejectionCase {
  const char* name;
  std::function<void(json&)> edit;
  std::string expected_line;
};

class InterventionsRejectionTest : public ::testing::TestWithParam<RejectionCase> {};

TEST_P(InterventionsRejectionTest, NamesThePathAndRule) {
  json document = json::parse(EmbeddedInterventionsText());
  GetParam().edit(document);
  const StatusOr<InterventionCatalogue> catalogue = LoadInterventions(document.dump());
  ASSERT_FALSE(catalogue.ok());
  EXPECT_EQ(catalogue.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(Lines(catalogue.status().message()), Contains(StartsWith(GetParam().expected_line)))
      << catalogue.status().message();
}

const RejectionCase kRejections[] = {
    {"UnknownRowField", [](json& d) { d["items"][0]["ranking"] = 1; },
     "interventions.json:$.items[0].ranking: unknown field"},
    {"UnknownEvidenceField", [](json& d) { d["items"][0]["evidence"][0]["p"] = 0.01; },
     "interventions.json:$.items[0].evidence[0].p: unknown field"},
    {"BadEvidenceTag", [](json& d) { d["items"][0]["evidence"][0]["tag"] = "V-2nd"; },
     "interventions.json:$.items[0].evidence[0].tag: 'V-2nd' is not one of: V, E, U, D"},
    {"BadCourseTag", [](json& d) { d["items"][0]["course"][0]["tag"] = "X"; },
     "interventions.json:$.items[0].course[0].tag: 'X' is not one of"},
    {"UnknownTreatmentClass", [](json& d) { d["items"][0]["treatment_classes"][0] = "ad_ssri2"; },
     "interventions.json:$.items[0].treatment_classes[0]: 'ad_ssri2' is not a treatment class id"},
    {"UnknownModality", [](json& d) { d["items"][0]["psychotherapy_modalities"][0] = "cbt2"; },
     "interventions.json:$.items[0].psychotherapy_modalities[0]: 'cbt2' is not a modality id"},
    {"UnknownCondition", [](json& d) { d["items"][0]["cautions"][0]["applies_when"] = "mania"; },
     "interventions.json:$.items[0].cautions[0].applies_when: 'mania' is not a known condition"},
    {"CiReversed",
     [](json& d) {
       d["items"][0]["evidence"][0]["ci"] = {1, -1};
     },
     "interventions.json:$.items[0].evidence[0].ci: must be [low, high] with low <= high"},
    {"ValueWithoutNote",
     [](json& d) {
       json& entry = d["items"][0]["evidence"][0];
       entry.erase("value");
       entry.erase("ci");
       entry.erase("note");
     },
     "interventions.json:$.items[0].evidence[0].note: is required when there is no value"},
    {"MissingEvidenceStrength", [](json& d) { d["items"][0].erase("evidence_strength"); },
     "interventions.json:$.items[0].evidence_strength: is required"},
    {"BadPopulation", [](json& d) { d["items"][0]["evidence"][0]["population"] = "mdd"; },
     "interventions.json:$.items[0].evidence[0].population: 'mdd' is not one of"},
    {"DuplicateId", [](json& d) { d["items"][1]["id"] = d["items"][0]["id"]; },
     "interventions.json:$.items[1].id: duplicate id 'cbt'"},
    {"TrdNeedsTwoFailures", [](json& d) { d["items"][0]["evidence"][0]["population"] = "trd"; },
     "interventions.json:$.items[0].evidence[0].population: 'trd' needs min_failed_treatments "
     ">= 2"},
    {"InadequateResponseNeedsOneFailure",
     [](json& d) { d["items"][0]["evidence"][0]["min_failed_treatments"] = 2; },
     "interventions.json:$.items[0].evidence[0].population: 'inadequate_response' needs "
     "min_failed_treatments 1"},
    {"GeneralDepressionNeedsNoCriterion",
     [](json& d) { d["items"][0]["evidence"][0]["population"] = "general_depression"; },
     "interventions.json:$.items[0].evidence[0].population: 'general_depression' needs "
     "min_failed_treatments null"},
    {"MissingMinFailedTreatments",
     [](json& d) { d["items"][0]["evidence"][0].erase("min_failed_treatments"); },
     "interventions.json:$.items[0].evidence[0].min_failed_treatments: is required (an integer, "
     "or null)"},
    {"NegativeMinFailedTreatments",
     [](json& d) { d["items"][0]["evidence"][0]["min_failed_treatments"] = -1; },
     "interventions.json:$.items[0].evidence[0].min_failed_treatments: must be"},
    {"MissingOutcomeKind", [](json& d) { d["items"][0]["evidence"][0].erase("outcome_kind"); },
     "interventions.json:$.items[0].evidence[0].outcome_kind: is required"},
    {"BadOutcomeKind", [](json& d) { d["items"][0]["evidence"][0]["outcome_kind"] = "benefit"; },
     "interventions.json:$.items[0].evidence[0].outcome_kind: 'benefit' is not one of: "
     "response, remission, continuous, relapse, other"},
    {"MissingTimePoint", [](json& d) { d["items"][0]["evidence"][0].erase("time_point"); },
     "interventions.json:$.items[0].evidence[0].time_point: is required"},
    {"EmptyTimePoint", [](json& d) { d["items"][0]["evidence"][0]["time_point"] = ""; },
     "interventions.json:$.items[0].evidence[0].time_point: must not be empty"},
    {"MissingPrimaryOutcome",
     [](json& d) { d["items"][0]["evidence"][0].erase("primary_outcome"); },
     "interventions.json:$.items[0].evidence[0].primary_outcome: is required"},
    {"WrongTable", [](json& d) { d["table"] = "options"; },
     "interventions.json:$.table: must be 'interventions'"},
    {"MissingSource", [](json& d) { d["items"][2]["setting"].erase("source"); },
     "interventions.json:$.items[2].setting.source: is required"},
    {"ValueWithoutFavours", [](json& d) { d["items"][0]["evidence"][0].erase("favours"); },
     "interventions.json:$.items[0].evidence[0].favours: is required"},
    {"BadFavours", [](json& d) { d["items"][0]["evidence"][0]["favours"] = "up"; },
     "interventions.json:$.items[0].evidence[0].favours: 'up' is not one of: higher, lower"},
    {"UnknownTrialKind", [](json& d) { d["items"][0]["trial_kinds"] = {"tdcs"}; },
     "interventions.json:$.items[0].trial_kinds[0]: 'tdcs' is not one of: ect, rtms"},
    {"UnknownSituation", [](json& d) { d["items"][0]["applies_only_when"] = {"always"}; },
     "interventions.json:$.items[0].applies_only_when[0]: 'always' is not a known situation id"},
    {"MissingMeasurement", [](json& d) { d["items"][0].erase("measurement"); },
     "interventions.json:$.items[0].measurement: is required"},
    {"ReviewWithoutUnit", [](json& d) { d["items"][0]["measurement"][1].erase("unit"); },
     "interventions.json:$.items[0].measurement[1].unit: is required"},
    {"BadReviewUnit", [](json& d) { d["items"][0]["measurement"][1]["unit"] = "days"; },
     "interventions.json:$.items[0].measurement[1].unit: 'days' is not one of: weeks, sessions"},
    {"EligibilityCount",
     [](json& d) {
       d["items"][0]["eligibility"] = {{"min_failed_trials", 2},
                                       {"counts", "ssri_trials"},
                                       {"text", "x"},
                                       {"tag", "V"},
                                       {"source", "y"}};
     },
     "interventions.json:$.items[0].eligibility.counts: 'ssri_trials' is not one of"},
    {"EligibilityZero",
     [](json& d) {
       d["items"][0]["eligibility"] = {{"min_failed_trials", 0},
                                       {"counts", "any_treatments"},
                                       {"text", "x"},
                                       {"tag", "V"},
                                       {"source", "y"}};
     },
     "interventions.json:$.items[0].eligibility.min_failed_trials: must be"},
};

INSTANTIATE_TEST_SUITE_P(Rejections, InterventionsRejectionTest, ::testing::ValuesIn(kRejections),
                         [](const auto& test_info) { return std::string(test_info.param.name); });

TEST(LoadInterventionsTest, InvalidJsonIsRejected) {
  const StatusOr<InterventionCatalogue> catalogue = LoadInterventions("{\"format\": ");
  ASSERT_FALSE(catalogue.ok());
  EXPECT_THAT(catalogue.status().message(), HasSubstr("interventions.json:$: not valid JSON"));
}

}  // namespace
}  // namespace refract
