#include "score_command.h"

#include <fmt/format.h>

#include <charconv>
#include <memory>

#include "cli_common.h"
#include "refract/app/assess.h"
#include "refract/io/instrument_json.h"
#include "refract/measures/score.h"

namespace refract::cli {
namespace {

struct ScoreOptions {
  std::string instrument;
  std::string items;
  std::optional<int> total;
  std::optional<int> safety_item;
  std::string knowledge_dir;
};

// "2,1,,3,-" -> items; an empty field or "-" is unanswered. kInvalidArgument names the position.
StatusOr<std::vector<std::optional<int>>> ParseItems(const std::string& text) {
  std::vector<std::optional<int>> items;
  size_t start = 0;
  while (start <= text.size()) {
    const size_t comma = std::min(text.find(',', start), text.size());
    const std::string field = text.substr(start, comma - start);
    if (field.empty() || field == "-") {
      items.push_back(std::nullopt);
    } else {
      int value = 0;
      auto [end, error] = std::from_chars(field.data(), field.data() + field.size(), value);
      if (error != std::errc() || end != field.data() + field.size()) {
        return Status::InvalidArgument(
            fmt::format("--items: position {} is '{}', not an integer (use - for unanswered)",
                        items.size() + 1, field));
      }
      items.push_back(value);
    }
    start = comma + 1;
  }
  return items;
}

int RunScore(const ScoreOptions& options) {
  StatusOr<MeasuresKnowledge> knowledge = LoadMeasuresFor(options.knowledge_dir);
  if (!knowledge.ok()) {
    fmt::print(stderr, "refract: knowledge tables invalid:\n{}\n", knowledge.status().message());
    return kExitInvalidInput;
  }
  const measures::InstrumentDefinition* instrument =
      measures::FindInstrument(knowledge->instruments, options.instrument);
  if (!instrument) {
    fmt::print(stderr, "refract score: --instrument: unknown instrument '{}'\n",
               options.instrument);
    return kExitUsage;
  }
  measures::ItemResponses responses;
  responses.total = options.total;
  responses.safety_item = options.safety_item;
  if (!options.items.empty()) {
    StatusOr<std::vector<std::optional<int>>> items = ParseItems(options.items);
    if (!items.ok()) {
      fmt::print(stderr, "refract score: {}\n", items.status().message());
      return kExitInvalidInput;
    }
    responses.items = *items;
  }
  StatusOr<measures::ScoredAdministration> scored = measures::Score(*instrument, responses);
  if (!scored.ok()) {
    fmt::print(stderr, "refract score: {}\n", scored.status().message());
    return kExitInvalidInput;
  }
  fmt::print("{}\n", instrument->name);
  fmt::print("total: {}\n", scored->total ? fmt::format("{:g}{}", *scored->total,
                                                        scored->prorated ? " (prorated)" : "")
                                          : "not scored: " + scored->not_scored_reason);
  if (scored->band) fmt::print("band: {} ({})\n", *scored->band, scored->band_scheme);
  if (scored->percentage) fmt::print("percentage: {:g}\n", *scored->percentage);
  for (const auto& subscale : scored->subscales) {
    fmt::print("{}: {}\n", subscale.id,
               subscale.total ? std::to_string(*subscale.total) : subscale.not_scored_reason);
  }
  for (const auto& alert : scored->safety) {
    fmt::print("!! {} {}: {}\n", ToString(alert.severity), alert.code, alert.message);
  }
  fmt::print("{}\n", kDecisionSupportDisclaimer);
  return kExitOk;
}

}  // namespace

void AddScoreCommand(CLI::App& app, int* exit_code) {
  auto options = std::make_shared<ScoreOptions>();
  CLI::App* command =
      app.add_subcommand("score", "Score one administration of a symptom instrument");
  command
      ->add_option("--instrument", options->instrument,
                   "phq9, gad7, qids_sr16, hamd17, madrs, panas, who5, bdi2")
      ->required();
  auto* items =
      command->add_option("--items", options->items,
                          "item scores in item order, comma-separated; - or empty = unanswered");
  auto* total =
      command->add_option("--total", options->total, "the total, when items are not available");
  items->excludes(total);
  command->add_option("--safety-item", options->safety_item,
                      "with --total: the raw value of the self-harm item, when known");
  command->add_option("--knowledge", options->knowledge_dir, "directory with knowledge tables");
  command->callback([options, exit_code] {
    if (options->items.empty() && !options->total) {
      throw CLI::ValidationError("--items or --total", "one of them is required");
    }
    *exit_code = RunScore(*options);
  });
}

}  // namespace refract::cli
