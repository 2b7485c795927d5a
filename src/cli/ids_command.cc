#include "ids_command.h"

#include <fmt/format.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "cli_common.h"
#include "record_input.h"
#include "refract/io/patient_json.h"

namespace refract::cli {
namespace {

// The engine and its knowledge under the chosen dose table.
struct KnowledgeView {
  const Engine* engine;
  const KnowledgeBase* staging;
};

struct IdsOptions {
  std::string kind;
  InputOptions input;
};

// ", also: Efexor XL, Effexor XR" for the aliases of an entry, or "".
std::string Also(const std::vector<NameAlias>& aliases) {
  std::string names;
  for (const NameAlias& alias : aliases) names += (names.empty() ? "" : ", ") + alias.name;
  return names.empty() ? "" : "; also: " + names;
}

std::string DoseRange(const KnowledgeBase& knowledge, const Antidepressant& drug) {
  const std::optional<double> min_mg = knowledge.MinDose(drug);
  const std::string low = min_mg ? fmt::format("{:g}", *min_mg) : "?";
  const std::string high = drug.max_dose_mg ? fmt::format("{:g}", *drug.max_dose_mg) : "?";
  return fmt::format("{}-{} mg/day", low, high);
}

std::string Drugs(const KnowledgeView& loaded) {
  std::string out = fmt::format(
      "drugs (treatments[].drug; minimum dose from the '{}' table to the licensed maximum)\n",
      loaded.staging->dose_convention);
  for (const Antidepressant& drug : loaded.staging->antidepressants) {
    out += fmt::format("  {:<24} {:<28} {:<20} {}{}\n", drug.id, drug.name,
                       DisplayName(drug.drug_class), DoseRange(*loaded.staging, drug),
                       Also(drug.aliases));
  }
  return out;
}

std::string Augmenters(const KnowledgeView& loaded) {
  std::string out = "augmenters (treatments[].agent, kind augmentation)\n";
  for (const AugmentingAgent& agent : loaded.staging->augmenters) {
    out += fmt::format("  {:<24} {:<28} {}{}\n", agent.id, agent.name,
                       ToString(agent.augmenter_class), Also(agent.aliases));
  }
  return out;
}

std::string Modalities(const KnowledgeView& loaded) {
  std::string out = "modalities (treatments[].modality, kind psychotherapy)\n";
  for (const PsychotherapyModality& modality : loaded.staging->psychotherapies) {
    out += fmt::format("  {:<24} {:<56} {}{}\n", modality.id, modality.name,
                       modality.evidence_based ? "evidence-based" : "", Also(modality.aliases));
  }
  return out;
}

std::string AdverseEffects(const KnowledgeView& loaded) {
  std::string out = "adverse-effects (treatments[].adverse_effects)\n";
  for (const AdverseEffect& effect : loaded.staging->adverse_effects)
    out += fmt::format("  {:<24} {}{}\n", effect.id, effect.name, Also(effect.aliases));
  return out;
}

std::string Instruments(const KnowledgeView& loaded) {
  std::string out =
      "instruments (assessments[].instrument; * = also treatments[].outcome.instrument)\n";
  for (const measures::InstrumentDefinition& instrument : loaded.engine->measures().instruments) {
    out += fmt::format("  {:<24} {}\n", instrument.id + (instrument.trial_outcome ? " *" : ""),
                       instrument.full_name.empty() ? instrument.name : instrument.full_name);
  }
  return out;
}

std::string Options(const KnowledgeView& loaded) {
  std::string out = "options (preferences.prefers / declines: an option id or a category)\n";
  const InterventionCatalogue& catalogue = loaded.engine->options().catalogue;
  for (const std::string& id : PreferenceIds(catalogue)) {
    const Intervention* row = catalogue.FindIntervention(id);
    out += fmt::format("  {:<28} {}\n", id, row ? row->name : "(category: every option in it)");
  }
  return out;
}

std::string Conditions(const KnowledgeView&) {
  std::string out =
      "conditions (conditions.<id>: true present, false screened and absent; omit if not "
      "screened)\n";
  for (const std::string& id : RecordableConditionIds()) out += fmt::format("  {}\n", id);
  return out;
}

using Lister = std::function<std::string(const KnowledgeView&)>;

const std::vector<std::pair<std::string, Lister>>& Listers() {
  static const std::vector<std::pair<std::string, Lister>> kListers = {
      {"drugs", Drugs},
      {"augmenters", Augmenters},
      {"modalities", Modalities},
      {"adverse-effects", AdverseEffects},
      {"instruments", Instruments},
      {"options", Options},
      {"conditions", Conditions}};
  return kListers;
}

}  // namespace

void AddIdsCommand(CLI::App& app, int* exit_code) {
  auto options = std::make_shared<IdsOptions>();
  CLI::App* command = app.add_subcommand(
      "ids",
      "List the ids a patient record may use, with their names (drugs with class and dose "
      "range, augmenters, modalities, adverse effects, instruments, options, conditions)");
  std::vector<std::string> kinds;
  for (const auto& [kind, lister] : Listers()) kinds.push_back(kind);
  command
      ->add_option("kind", options->kind, "one kind: " + fmt::format("{}", fmt::join(kinds, ", ")))
      ->check(CLI::IsMember(kinds));
  AddKnowledgeOptions(command, options->input);
  command->callback([options, exit_code] {
    StatusOr<Engine> engine = LoadEngine(options->input.knowledge_dir);
    if (!engine.ok()) {
      fmt::print(stderr, "refract: knowledge tables invalid:\n{}\n", engine.status().message());
      *exit_code = kExitInvalidInput;
      return;
    }
    const KnowledgeView loaded{&*engine, engine->KnowledgeFor(options->input.dose_convention)};
    std::string out;
    for (const auto& [kind, lister] : Listers()) {
      if (!options->kind.empty() && kind != options->kind) continue;
      out += (out.empty() ? "" : "\n") + lister(loaded);
    }
    fmt::print("{}", out);
  });
}

}  // namespace refract::cli
