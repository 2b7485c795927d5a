#include "score_command.h"

#include <fmt/format.h>

#include <charconv>
#include <memory>

#include "cli_common.h"
#include "record_input.h"
#include "refract/app/assess.h"
#include "refract/engine/engine.h"
#include "refract/io/score_json.h"

namespace refract::cli {
namespace {

struct ScoreOptions {
  std::string instrument;
  std::string items;
  std::optional<int> total;
  std::optional<int> safety_item;
  std::vector<std::string> variants;
  bool json = false;
  std::string knowledge_dir;
};

std::optional<int> ParseInt(const std::string& text) {
  int value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// "2,1,,3,-" -> items; an empty field or "-" is unanswered. kInvalidArgument names the position.
StatusOr<std::vector<std::optional<int>>> ParseItems(const std::string& text) {
  std::vector<std::optional<int>> items;
  size_t start = 0;
  while (start <= text.size()) {
    const size_t comma = std::min(text.find(',', start), text.size());
    const std::string field = text.substr(start, comma - start);
    if (field.empty() || field == "-") {
      items.push_back(std::nullopt);
    } else if (std::optional<int> value = ParseInt(field)) {
      items.push_back(*value);
    } else {
      return Status::InvalidArgument(
          fmt::format("--items: position {} is '{}', not an integer (use - for unanswered)",
                      items.size() + 1, field));
    }
    start = comma + 1;
  }
  return items;
}

// {"16=A", ...} -> {16: "A"}. kInvalidArgument names the option and the argument.
StatusOr<std::map<int, std::string>> ParseVariants(const std::vector<std::string>& arguments) {
  std::map<int, std::string> variants;
  for (const std::string& argument : arguments) {
    const size_t equals = argument.find('=');
    const std::optional<int> item =
        equals == std::string::npos ? std::nullopt : ParseInt(argument.substr(0, equals));
    if (!item || equals + 1 == argument.size()) {
      return Status::InvalidArgument(fmt::format(
          "--variant: '{}' is not ITEM=VARIANT (e.g. 16=A for HAM-D item 16 by history)",
          argument));
    }
    if (!variants.emplace(*item, argument.substr(equals + 1)).second) {
      return Status::InvalidArgument(fmt::format("--variant: item {} given twice", *item));
    }
  }
  return variants;
}

StatusOr<ScoreRequest> RequestFor(const ScoreOptions& options) {
  ScoreRequest request;
  request.instrument = options.instrument;
  request.total = options.total;
  request.safety_item = options.safety_item;
  if (!options.items.empty()) {
    StatusOr<std::vector<std::optional<int>>> items = ParseItems(options.items);
    if (!items.ok()) return items.status();
    request.items = std::move(*items);
  }
  StatusOr<std::map<int, std::string>> variants = ParseVariants(options.variants);
  if (!variants.ok()) return variants.status();
  request.variants = std::move(*variants);
  return request;
}

void PrintText(const ScoreResult& result) {
  const measures::ScoredAdministration& scored = result.scored;
  fmt::print("{}\n", result.instrument->name);
  fmt::print("total: {}\n", scored.total ? fmt::format("{:g}{}", *scored.total,
                                                       scored.prorated ? " (prorated)" : "")
                                         : "not scored: " + scored.not_scored_reason);
  if (scored.band) fmt::print("band: {} ({})\n", *scored.band, scored.band_scheme);
  if (scored.percentage) fmt::print("percentage: {:g}\n", *scored.percentage);
  for (const auto& [item, variant] : scored.variants) {
    fmt::print("item {}: variant {}\n", item, variant);
  }
  for (const auto& subscale : scored.subscales) {
    fmt::print("{}: {}\n", subscale.id,
               subscale.total ? std::to_string(*subscale.total) : subscale.not_scored_reason);
  }
  for (const auto& alert : scored.safety) {
    fmt::print("!! {} {}: {}\n", ToString(alert.severity), alert.code, alert.message);
  }
  fmt::print("{}\n", kDecisionSupportDisclaimer);
}

// An engine error on stderr, naming the option it concerns; returns the exit code.
int ReportScoreError(const Status& status) {
  if (status.code() == StatusCode::kNotFound) {
    fmt::print(stderr, "refract score: --instrument: {}\n", status.message());
    return kExitUsage;
  }
  const bool about_variant = status.message().find("variant") != std::string::npos;
  fmt::print(stderr, "refract score: {}{}\n", about_variant ? "--variant: " : "", status.message());
  return kExitInvalidInput;
}

int RunScore(const ScoreOptions& options) {
  StatusOr<ScoreRequest> request = RequestFor(options);
  if (!request.ok()) {
    fmt::print(stderr, "refract score: {}\n", request.status().message());
    return kExitInvalidInput;
  }
  StatusOr<Engine> engine = LoadEngine(options.knowledge_dir);
  if (!engine.ok()) {
    fmt::print(stderr, "refract: knowledge tables invalid:\n{}\n", engine.status().message());
    return kExitInvalidInput;
  }
  StatusOr<ScoreResult> result = engine->Score(*request);
  if (!result.ok()) return ReportScoreError(result.status());
  if (options.json) {
    fmt::print("{}\n", ScoreToJson(*result->instrument, result->scored, 2));
  } else {
    PrintText(*result);
  }
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
  command
      ->add_option("--variant", options->variants,
                   "ITEM=VARIANT, the variant rated (repeatable): HAM-D 16=A by history, 16=B by "
                   "measurement")
      ->take_all();
  command->add_flag("--json", options->json, "JSON output (docs/cli.md)");
  command->add_option("--knowledge", options->knowledge_dir, "directory with knowledge tables");
  command->callback([options, exit_code] {
    if (options->items.empty() && !options->total) {
      throw CLI::ValidationError("--items or --total", "one of them is required");
    }
    *exit_code = RunScore(*options);
  });
}

}  // namespace refract::cli
