#include "refract/io/knowledge_json.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "param_name.h"
#include "record_json.h"
#include "refract/io/instrument_json.h"
#include "refract/io/options_json.h"

namespace refract {
namespace {

using io_test::Lines;
using nlohmann::json;
using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::StartsWith;

TEST(EmbeddedKnowledgeTest, LoadsWithEveryRequiredParameter) {
  const StatusOr<KnowledgeBase> kb = LoadKnowledge(EmbeddedKnowledgeTexts());
  ASSERT_TRUE(kb.ok()) << kb.status().message();
  for (std::string_view id : kRequiredParameters) {
    EXPECT_EQ(kb->parameters.Find(id)->id, id);
  }
  EXPECT_FALSE(kb->antidepressants.empty());
  EXPECT_FALSE(kb->augmenters.empty());
  EXPECT_FALSE(kb->psychotherapies.empty());
  EXPECT_FALSE(kb->instruments.empty());
}

TEST(EmbeddedKnowledgeTest, VersionNamesEveryTableAndTrialOutcomeInstrument) {
  const StatusOr<KnowledgeBase> kb = LoadKnowledge(EmbeddedKnowledgeTexts());
  ASSERT_TRUE(kb.ok()) << kb.status().message();
  for (const char* table :
       {"antidepressants@", "augmenters@", "psychotherapies@", "parameters@", "phq9@", "madrs@"}) {
    EXPECT_THAT(kb->version, HasSubstr(table));
  }
}

// The JSON files of `directory` (file names, sorted).
std::vector<std::string> JsonFiles(const std::filesystem::path& directory) {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(directory)) {
    if (entry.path().extension() == ".json") names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

// The build embeds only the files src/io/CMakeLists.txt names, while --knowledge DIR reads the
// folder: a file added to knowledge/ but not to that list (or a table no loader reads) would make
// the embedded knowledge differ from the directory's. Every file must be one the binary embeds,
// except the web app's plain-language wording, which the engine never reads (docs/knowledge.md).
TEST(EmbeddedKnowledgeTest, EmbedsEveryFileOfTheKnowledgeDirectory) {
  std::vector<std::string> embedded = {"measures_parameters.json", "interventions.json",
                                       "ranking.json", "evidence_syntheses.json",
                                       "plain_language.json"};
  for (const auto& [table, text] : EmbeddedKnowledgeTexts()) embedded.push_back(table + ".json");
  std::sort(embedded.begin(), embedded.end());
  EXPECT_EQ(JsonFiles("knowledge"), embedded);
  const OptionsTexts options = EmbeddedOptionsTexts();
  for (const std::string* text : {&options.interventions, &options.ranking, &options.syntheses,
                                  &EmbeddedMeasuresTexts().parameters}) {
    EXPECT_FALSE(text->empty());
  }
  std::vector<std::string> instruments;
  for (const auto& [id, text] : EmbeddedMeasuresTexts().instruments)
    instruments.push_back(id + ".json");
  EXPECT_EQ(JsonFiles("knowledge/instruments"), instruments);
}

TEST(ReadKnowledgeDirectoryTest, MissingDirectoryIsNotFound) {
  const StatusOr<KnowledgeTexts> texts = ReadKnowledgeDirectory("no/such/directory");
  ASSERT_FALSE(texts.ok());
  EXPECT_EQ(texts.status().code(), StatusCode::kNotFound);
  EXPECT_THAT(texts.status().message(), HasSubstr("no/such/directory/"));
}

// --- Rejections
// -----------------------------------------------------------------------------------

struct KnowledgeCase {
  const char* name;
  std::function<void(KnowledgeTexts&)> mutate;
  std::string expected_line;
};

// Applies `edit` to the parsed table and writes it back.
void EditTable(KnowledgeTexts& texts, const std::string& table,
               const std::function<void(json&)>& edit) {
  json document = json::parse(texts.at(table));
  edit(document);
  texts[table] = document.dump();
}

// The position of the row with this id in a table's items.
size_t RowOf(const json& document, const std::string& id) {
  for (size_t i = 0; i < document["items"].size(); ++i) {
    if (document["items"][i]["id"] == id) return i;
  }
  ADD_FAILURE() << "no row " << id;
  return 0;
}

class KnowledgeRejectionTest : public ::testing::TestWithParam<KnowledgeCase> {};

TEST_P(KnowledgeRejectionTest, NamesTableRowAndRule) {
  KnowledgeTexts texts = EmbeddedKnowledgeTexts();
  GetParam().mutate(texts);
  const StatusOr<KnowledgeBase> kb = LoadKnowledge(texts);
  ASSERT_FALSE(kb.ok());
  EXPECT_EQ(kb.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(Lines(kb.status().message()), Contains(StartsWith(GetParam().expected_line)))
      << kb.status().message();
}

const KnowledgeCase kKnowledgeRejections[] = {
    {"MissingTable", [](KnowledgeTexts& t) { t.erase("psychotherapies"); },
     "psychotherapies.json: table missing"},
    {"MissingAdverseEffectsTable", [](KnowledgeTexts& t) { t.erase("adverse_effects"); },
     "adverse_effects.json: table missing"},
    {"AliasNamingTwoEntries",
     [](KnowledgeTexts& t) {
       EditTable(t, "antidepressants", [](json& d) {
         d["items"][RowOf(d, "citalopram")]["aliases"].push_back(
             {{"name", "Lustral"}, {"tag", "E"}, {"source", "a test"}});
       });
     },
     "antidepressants.json: the name lustral (citalopram, sertraline) names more than one entry"},
    {"AliasWithoutSource",
     [](KnowledgeTexts& t) {
       EditTable(t, "augmenters",
                 [](json& d) { d["items"][RowOf(d, "lithium")]["aliases"][0].erase("source"); });
     },
     "augmenters.json:$.items[5].aliases[0].source: is required"},
    {"MissingRequiredParameter",
     [](KnowledgeTexts& t) {
       EditTable(t, "parameters",
                 [](json& d) { d["items"].erase(RowOf(d, "adequacy.ect_min_sessions")); });
     },
     "parameters.json: missing parameter 'adequacy.ect_min_sessions'"},
    {"BadTag",
     [](KnowledgeTexts& t) {
       EditTable(t, "antidepressants", [](json& d) { d["items"][0]["tag"] = "X"; });
     },
     "antidepressants.json:$.items[0].tag: 'X' is not one of: V, E, U, D"},
    {"MissingSource",
     [](KnowledgeTexts& t) {
       EditTable(t, "augmenters", [](json& d) { d["items"][0].erase("source"); });
     },
     "augmenters.json:$.items[0].source: is required"},
    {"DuplicateParameterId",
     [](KnowledgeTexts& t) {
       EditTable(t, "parameters", [](json& d) { d["items"][1]["id"] = d["items"][0]["id"]; });
     },
     "parameters.json:$.items[1].id: duplicate parameter id 'outcome.response_pct'"},
    {"PartialResponseNotBelowResponse",
     [](KnowledgeTexts& t) {
       EditTable(t, "parameters", [](json& d) {
         d["items"][RowOf(d, "outcome.partial_response_pct")]["value"] = 50;
       });
     },
     "parameters.json: outcome.partial_response_pct must be below outcome.response_pct"},
    {"InvalidJson", [](KnowledgeTexts& t) { t["augmenters"] = "{\"format\": "; },
     "augmenters.json:$: not valid JSON"},
    {"WrongFormat",
     [](KnowledgeTexts& t) {
       EditTable(t, "augmenters", [](json& d) { d["format"] = "refract-knowledge/2"; });
     },
     "augmenters.json:$.format: must be 'refract-knowledge/1'"},
    {"TableNameMismatch",
     [](KnowledgeTexts& t) {
       EditTable(t, "psychotherapies", [](json& d) { d["table"] = "therapies"; });
     },
     "psychotherapies.json:$.table: must be 'psychotherapies'"},
    {"NonPositiveDose",
     [](KnowledgeTexts& t) {
       EditTable(t, "antidepressants", [](json& d) { d["items"][0]["min_dose_mg"]["atrq"] = 0; });
     },
     "antidepressants.json:$.items[0].min_dose_mg.atrq: must be between"},
    {"NoDoseAtAll",
     [](KnowledgeTexts& t) {
       EditTable(t, "antidepressants",
                 [](json& d) { d["items"][0]["min_dose_mg"] = json::object(); });
     },
     "antidepressants.json:$.items[0].min_dose_mg: must give at least one dose"},
    {"AugmenterWithDoseAndLevel",
     [](KnowledgeTexts& t) {
       EditTable(t, "augmenters", [](json& d) { d["items"][0]["min_serum_mmol_l"] = 0.5; });
     },
     "augmenters.json:$.items[0]: must give exactly one of min_dose_mg or min_serum_mmol_l"},
    {"InvertedRange",
     [](KnowledgeTexts& t) {
       EditTable(t, "parameters", [](json& d) {
         d["items"][RowOf(d, "adequacy.ect_min_sessions")]["range"] = {12, 6};
       });
     },
     "parameters.json:$.items["},  // ...].range: must be [low, high] with low <= high
    {"UnknownRowField",
     [](KnowledgeTexts& t) {
       EditTable(t, "psychotherapies", [](json& d) { d["items"][0]["cutoff"] = 5; });
     },
     "psychotherapies.json:$.items[0].cutoff: unknown field"},
};

INSTANTIATE_TEST_SUITE_P(Tables, KnowledgeRejectionTest, ::testing::ValuesIn(kKnowledgeRejections),
                         test_support::RowName{});

TEST(LoadKnowledgeTest, InvertedRangeNamesTheRangeField) {
  KnowledgeTexts texts = EmbeddedKnowledgeTexts();
  size_t row = 0;
  EditTable(texts, "parameters", [&](json& d) {
    row = RowOf(d, "adequacy.ect_min_sessions");
    d["items"][row]["range"] = {12, 6};
  });
  const StatusOr<KnowledgeBase> kb = LoadKnowledge(texts);
  ASSERT_FALSE(kb.ok());
  EXPECT_THAT(Lines(kb.status().message()),
              Contains("parameters.json:$.items[" + std::to_string(row) +
                       "].range: must be [low, high] with low <= high"));
}

// knowledge.h: "Loading validates every row (..., unique ids)". Duplicate drug, agent or modality
// ids would make FindAntidepressant() & co. silently pick the first row.
TEST(LoadKnowledgeTest, RejectsDuplicateRowIdsInEveryTable) {
  std::string accepted;
  for (const char* table : {"antidepressants", "augmenters", "psychotherapies"}) {
    KnowledgeTexts texts = EmbeddedKnowledgeTexts();
    EditTable(texts, table, [](json& d) { d["items"][1]["id"] = d["items"][0]["id"]; });
    const StatusOr<KnowledgeBase> kb = LoadKnowledge(texts);
    if (kb.ok()) {
      accepted += std::string(accepted.empty() ? "" : ", ") + table + ".json";
      continue;
    }
    EXPECT_THAT(kb.status().message(), HasSubstr(".json:$.items[1].id")) << table;
  }
  EXPECT_EQ(accepted, "") << "duplicate row ids accepted";
}

// The trial-outcome instruments come from the instrument definitions, so a changed remission
// threshold there changes how a trial's scores are classified.
TEST(LoadKnowledgeTest, TakesTheTrialOutcomeInstrumentsFromTheInstrumentDefinitions) {
  StatusOr<std::vector<measures::InstrumentDefinition>> instruments =
      LoadInstruments(EmbeddedMeasuresTexts().instruments);
  ASSERT_TRUE(instruments.ok()) << instruments.status().message();
  const StatusOr<KnowledgeBase> embedded = LoadKnowledge(EmbeddedKnowledgeTexts());
  ASSERT_TRUE(embedded.ok()) << embedded.status().message();
  ASSERT_NE(embedded->FindInstrument("madrs"), nullptr);
  EXPECT_EQ(embedded->FindInstrument("madrs")->remission_max, 10);
  EXPECT_EQ(embedded->FindInstrument("gad7"), nullptr);

  for (measures::InstrumentDefinition& instrument : *instruments) {
    if (instrument.id == "madrs") instrument.default_remission = "le12";
  }
  const StatusOr<KnowledgeBase> changed = LoadKnowledge(EmbeddedKnowledgeTexts(), *instruments);
  ASSERT_TRUE(changed.ok()) << changed.status().message();
  EXPECT_EQ(changed->FindInstrument("madrs")->remission_max, 12);
}

TEST(LoadKnowledgeTest, RejectsInstrumentDefinitionsWithoutATrialOutcome) {
  const StatusOr<KnowledgeBase> kb = LoadKnowledge(EmbeddedKnowledgeTexts(), {});
  ASSERT_FALSE(kb.ok());
  EXPECT_EQ(kb.status().message(), "instruments: no instrument definition is marked trial_outcome");
}

}  // namespace
}  // namespace refract
