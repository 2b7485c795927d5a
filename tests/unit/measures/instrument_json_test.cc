// Loading knowledge/instruments/*.json and knowledge/measures_parameters.json: the embedded files,
// their agreement with the knowledge/ folder, the codes and tags measures-decisions.md asks for,
// and strict validation with path-naming errors.
#include "refract/io/instrument_json.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "measures_test_util.h"

namespace refract {
namespace {

using measures::InstrumentDefinition;
using measures::testing::Instrument;
using measures::testing::Knowledge;
using nlohmann::json;

TEST(InstrumentJsonTest, EmbeddedFilesLoad) {
  StatusOr<MeasuresKnowledge> knowledge = LoadMeasures(EmbeddedMeasuresTexts());
  ASSERT_TRUE(knowledge.ok()) << knowledge.status().message();
  std::vector<std::string> ids;
  for (const InstrumentDefinition& instrument : knowledge->instruments)
    ids.push_back(instrument.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"bdi2", "gad7", "hamd17", "madrs", "panas", "phq9",
                                           "qids_sr16", "who5"}));
  for (const InstrumentDefinition& instrument : knowledge->instruments) {
    EXPECT_FALSE(instrument.version.empty()) << instrument.id;
  }
  EXPECT_EQ(knowledge->parameters.version, "2026.12.1");
}

TEST(InstrumentJsonTest, EmbeddedFilesMatchTheKnowledgeFolder) {
  StatusOr<MeasuresTexts> texts = ReadMeasuresDirectory("knowledge");
  ASSERT_TRUE(texts.ok()) << texts.status().message();
  EXPECT_EQ(texts->instruments, EmbeddedMeasuresTexts().instruments)
      << "an instrument file is missing from src/io/CMakeLists.txt (measures_instruments)";
  EXPECT_EQ(texts->parameters, EmbeddedMeasuresTexts().parameters);
  EXPECT_EQ(ReadMeasuresDirectory("no/such/dir").status().code(), StatusCode::kNotFound);
}

TEST(InstrumentJsonTest, LoincCodesAreTheOnesMeasuresMdConfirms) {
  EXPECT_EQ(Instrument("phq9").loinc_panel, "44249-1");
  EXPECT_EQ(Instrument("phq9").loinc_total, "44261-6");
  EXPECT_EQ(Instrument("phq9").FindItem(9)->loinc, "44260-8") << "item 9, not the total";
  EXPECT_EQ(Instrument("phq9").FindItem(10)->loinc, "69722-7");
  EXPECT_EQ(Instrument("gad7").loinc_panel, "69737-5");
  EXPECT_EQ(Instrument("gad7").loinc_total, "70274-6");
  EXPECT_EQ(Instrument("gad7").FindItem(2)->loinc, "68509-9");
  EXPECT_TRUE(Instrument("gad7").FindItem(8)->loinc.empty()) << "difficulty item code UNCERTAIN";
  for (const char* id : {"who5", "qids_sr16", "hamd17", "madrs", "bdi2", "panas"}) {
    EXPECT_TRUE(Instrument(id).loinc_total.empty()) << id;
  }
}

TEST(InstrumentJsonTest, LicensedTextIsNotShipped) {
  for (const char* id : {"qids_sr16", "panas", "who5"}) {
    for (const measures::ItemDefinition& item : Instrument(id).items) {
      EXPECT_TRUE(item.label.empty()) << id << " item " << item.number;
    }
  }
  EXPECT_TRUE(Instrument("bdi2").items.empty());
}

TEST(InstrumentJsonTest, TagsFollowTheMeasuresMdRows) {
  EXPECT_EQ(Instrument("phq9").missing.provenance.tag, Tag::kUnconfirmed);  // §1.4 UNCERTAIN
  EXPECT_EQ(Instrument("gad7").missing.provenance.tag, Tag::kDecision);     // §2.2 POLICY
  EXPECT_EQ(Instrument("hamd17").missing.provenance.tag, Tag::kDecision);
  EXPECT_EQ(Instrument("madrs").FindRemission("")->provenance.tag, Tag::kUnconfirmed);
  EXPECT_EQ(Instrument("madrs").FindRemission("le12")->provenance.tag, Tag::kEstablished);
  EXPECT_EQ(Instrument("gad7").FindReliableChange("bischoff2020")->value, 6);
  const measures::MeasuresParameters& parameters = Knowledge().parameters;
  EXPECT_EQ(parameters.not_on_track.etr_boundary_percentile.provenance.tag, Tag::kUnconfirmed);
  EXPECT_EQ(parameters.not_on_track.early_worsening_window_sessions.provenance.tag, Tag::kDecision);
  EXPECT_EQ(parameters.not_on_track.early_worsening_modalities,
            (std::vector<std::string>{"istdp", "stpp"}));
  EXPECT_EQ(parameters.jacobson_truax.z.value, 1.96);
  EXPECT_EQ(parameters.talking_therapies.gad7_caseness.id, "talking_therapies.gad7_caseness");
}

// The embedded text of `id`, changed by `edit`, loaded under `key`.
std::string LoadError(const std::string& id, void (*edit)(json&), const std::string& key = "") {
  json document = json::parse(EmbeddedMeasuresTexts().instruments.at(id));
  edit(document);
  StatusOr<std::vector<InstrumentDefinition>> loaded =
      LoadInstruments({{key.empty() ? id : key, document.dump()}});
  return loaded.ok() ? "<ok>" : loaded.status().message();
}

TEST(InstrumentJsonTest, RejectsUnknownFieldsAndBadTags) {
  EXPECT_EQ(LoadError("phq9", [](json& d) { d["colour"] = "blue"; }),
            "instruments/phq9.json:$.colour: unknown field");
  EXPECT_EQ(LoadError("phq9", [](json& d) { d["items"][0]["tag"] = "X"; }),
            "instruments/phq9.json:$.items[0].tag: 'X' is not one of: V, E, U, D");
  EXPECT_EQ(LoadError("phq9", [](json& d) { d["missing"].erase("source"); }),
            "instruments/phq9.json:$.missing.source: is required");
  EXPECT_EQ(LoadError(
                "phq9", [](json&) {}, "phq"),
            "instruments/phq.json:$.id: must equal the file name 'phq'");
}

TEST(InstrumentJsonTest, Phq9AndGad7CarryTheirPublishedPatientWording) {
  const InstrumentDefinition& phq9 = Instrument("phq9");
  ASSERT_TRUE(phq9.wording.has_value());
  EXPECT_EQ(phq9.wording->stem,
            "Over the last 2 weeks, how often have you been bothered by any of the following "
            "problems?");
  ASSERT_EQ(phq9.wording->responses.size(), 4u);
  EXPECT_EQ(phq9.wording->responses[2].label, "More than half the days");
  EXPECT_EQ(phq9.FindItem(2)->text, "Feeling down, depressed, or hopeless");
  EXPECT_TRUE(phq9.FindItem(10)->text.empty());  // the difficulty item is not asked
  EXPECT_EQ(Instrument("gad7").FindItem(4)->text, "Trouble relaxing");
  for (const char* id : {"qids_sr16", "hamd17", "madrs", "panas", "who5", "bdi2"}) {
    EXPECT_FALSE(Instrument(id).wording.has_value()) << id;
  }
}

TEST(InstrumentJsonTest, RejectsIncompleteWording) {
  EXPECT_EQ(LoadError("phq9", [](json& d) { d["items"][3].erase("text"); }),
            "instruments/phq9.json:$.items[3].text: required with `wording`");
  EXPECT_EQ(LoadError("madrs", [](json& d) { d["items"][0]["text"] = "x"; }),
            "instruments/madrs.json:$.items[0].text: needs the instrument's `wording`");
  EXPECT_EQ(LoadError("gad7", [](json& d) { d["wording"]["responses"].erase(3); }),
            "instruments/gad7.json:$.wording.responses: needs one label per value of every scored "
            "item");
  EXPECT_EQ(LoadError("gad7", [](json& d) { d["wording"]["responses"][1]["value"] = 2; }),
            "instruments/gad7.json:$.wording.responses[1].value: must be 1 (the values in order "
            "from 0)");
}

TEST(InstrumentJsonTest, RejectsInconsistentScoring) {
  EXPECT_EQ(LoadError("phq9", [](json& d) { d["items"][0]["max"] = 4; }),
            "instruments/phq9.json:$.wording.responses: needs one label per value of every scored "
            "item\ninstruments/phq9.json:$.total_range: does not match the items");
  EXPECT_EQ(LoadError("phq9", [](json& d) { d["band_schemes"][0]["bands"][2]["min"] = 4; }),
            "instruments/phq9.json:$.band_schemes[0].bands[2].min: lower bounds must increase "
            "within the total range");
  EXPECT_EQ(LoadError("phq9", [](json& d) { d["remission"][0].erase("default"); }),
            "instruments/phq9.json:$.remission: one row must be the default (phq9)");
  EXPECT_EQ(LoadError("phq9", [](json& d) { d["safety_item"]["alert_at"] = 0; }),
            "instruments/phq9.json:$.safety_item.alert_at: must be between 1 and 1000 (got 0)");
  EXPECT_EQ(LoadError("qids_sr16",
                      [](json& d) {
                        d["aggregation"]["domains"][0]["items"] = {1, 2, 3};
                      }),
            "instruments/qids_sr16.json:$.aggregation: item 4 must belong to exactly one group");
  EXPECT_EQ(LoadError("gad7", [](json& d) { d["missing"]["rule"] = "domain"; }),
            "instruments/gad7.json:$.missing.rule: 'domain' goes with the domain_max aggregation "
            "only\ninstruments/gad7.json:$.missing.max_missing: required with (and only with) the "
            "'prorate' rule");
}

TEST(InstrumentJsonTest, RejectsATrialOutcomeWithoutATotalDirectionOrRemission) {
  EXPECT_EQ(LoadError("who5", [](json& d) { d["trial_outcome"] = true; }),
            "instruments/who5.json:$.trial_outcome: needs direction 'higher_worse'\n"
            "instruments/who5.json:$.trial_outcome: needs a default remission threshold");
  EXPECT_EQ(LoadError("panas", [](json& d) { d["trial_outcome"] = true; }),
            "instruments/panas.json:$.trial_outcome: needs a total_range\n"
            "instruments/panas.json:$.trial_outcome: needs a default remission threshold");
  EXPECT_EQ(LoadError("gad7", [](json& d) { d["trial_outcome"] = "yes"; }),
            "instruments/gad7.json:$.trial_outcome: must be true or false");
}

TEST(InstrumentJsonTest, RejectsTheLoincCodesMeasuresMdWarnsAbout) {
  EXPECT_EQ(LoadError("phq9", [](json& d) { d["loinc_total"] = "44260-8"; }),
            "instruments/phq9.json:$.loinc_total: '44260-8' is an item code, not the total");
  EXPECT_EQ(
      LoadError("who5", [](json& d) { d["loinc_total"] = "70274-5"; }),
      "instruments/who5.json:$.loinc_total: '70274-5' is a code docs/measures-decisions.md warns "
      "against");
  EXPECT_EQ(
      LoadError("gad7", [](json& d) { d["items"][1]["loinc"] = "69726-8"; }),
      "instruments/gad7.json:$.items[1].loinc: '69726-8' is a code docs/measures-decisions.md "
      "warns against");
  EXPECT_EQ(LoadError("gad7", [](json& d) { d["loinc_panel"] = "LOINC 69737"; }),
            "instruments/gad7.json:$.loinc_panel: 'LOINC 69737' is not a LOINC code");
}

TEST(InstrumentJsonTest, RejectsInvalidJson) {
  StatusOr<std::vector<InstrumentDefinition>> loaded = LoadInstruments({{"phq9", "{"}});
  EXPECT_EQ(loaded.status().message(), "instruments/phq9.json:$: not valid JSON");
  EXPECT_EQ(LoadInstruments({}).status().message(), "instruments: no instrument definitions");
}

std::string ParametersError(void (*edit)(json&)) {
  json document = json::parse(EmbeddedMeasuresTexts().parameters);
  edit(document);
  StatusOr<measures::MeasuresParameters> loaded = LoadMeasuresParameters(document.dump());
  return loaded.ok() ? "<ok>" : loaded.status().message();
}

TEST(MeasuresParametersJsonTest, RejectsBadParameters) {
  EXPECT_EQ(ParametersError([](json& d) { d["talking_therapies"]["min_sessions"]["value"] = 2.5; }),
            "measures_parameters.json:$.talking_therapies.min_sessions.value: must be an integer");
  // The response boundaries live in parameters.json (outcome.*), not here.
  EXPECT_EQ(ParametersError([](json& d) { d["percent_change"] = json::object(); }),
            "measures_parameters.json:$.percent_change: unknown field");
  EXPECT_EQ(ParametersError([](json& d) { d["jacobson_truax"]["norms"] = json::object(); }),
            "measures_parameters.json:$.jacobson_truax.norms: unknown field");
  EXPECT_EQ(ParametersError([](json& d) { d["not_on_track"].erase("etr_boundary_percentile"); }),
            "measures_parameters.json:$.not_on_track.etr_boundary_percentile: is required");
  EXPECT_EQ(ParametersError([](json& d) { d["format"] = "refract-knowledge/1"; }),
            "measures_parameters.json:$.format: must be 'refract-measures-parameters/1'");
}

}  // namespace
}  // namespace refract
