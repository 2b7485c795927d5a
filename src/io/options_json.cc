#include "refract/io/options_json.h"

#include "knowledge_json_common.h"
#include "refract/evidence/csv_reader.h"
#include "refract/evidence/metapsy.h"
#include "refract/io/interventions_json.h"
#include "refract/io/text_file.h"

namespace refract {
OptionsTexts EmbeddedOptionsTexts() {
  return {EmbeddedInterventionsText(), EmbeddedRankingText(), EmbeddedSynthesesText(),
          EmbeddedMetapsyText()};
}

StatusOr<OptionsTexts> ReadOptionsDirectory(const std::string& directory) {
  OptionsTexts texts;
  for (auto [name, target] : {std::pair{"interventions.json", &texts.interventions},
                              std::pair{"ranking.json", &texts.ranking},
                              std::pair{"evidence_syntheses.json", &texts.syntheses}}) {
    StatusOr<std::string> text = ReadTextFile(directory + "/" + name);
    if (!text.ok()) return text.status();
    *target = std::move(*text);
  }
  texts.metapsy_csv = EmbeddedMetapsyText();
  return texts;
}

StatusOr<std::shared_ptr<const OptionsKnowledge>> LoadOptions(const OptionsTexts& texts,
                                                              const KnowledgeBase& knowledge) {
  StatusOr<InterventionCatalogue> catalogue = LoadInterventions(texts.interventions, knowledge);
  if (!catalogue.ok()) return catalogue.status();
  StatusOr<RankingKnowledge> ranking = LoadRanking(texts.ranking);
  if (!ranking.ok()) return ranking.status();
  StatusOr<SynthesesTable> syntheses = LoadSyntheses(texts.syntheses);
  if (!syntheses.ok()) return syntheses.status();
  StatusOr<evidence::CsvTable> table =
      evidence::ParseCsv(texts.metapsy_csv, evidence::kMetapsyDialect);
  if (!table.ok()) return Status::InvalidArgument("metapsy data: " + table.status().message());
  StatusOr<evidence::MetapsyData> metapsy = evidence::MapMetapsy(*table);
  if (!metapsy.ok()) return Status::InvalidArgument("metapsy data: " + metapsy.status().message());
  return PrepareOptions(std::move(*catalogue), std::move(*ranking), syntheses->specs,
                        metapsy->comparisons, syntheses->version + "," + syntheses->data_version,
                        knowledge);
}

}  // namespace refract
