#include <fmt/format.h>

#include <algorithm>

#include "evidence_grade.h"
#include "refract/options/ranking.h"

namespace refract {
namespace {

// Every option id that a ranking.json row of `kind` names must be a catalogue id.
template <typename Row>
void CheckOptionIds(const OptionsKnowledge& knowledge, const std::vector<Row>& rows,
                    std::string_view kind, std::vector<std::string>& errors) {
  for (const Row& row : rows) {
    for (const std::string& id : row.options) {
      if (!knowledge.catalogue.FindIntervention(id)) {
        errors.push_back(
            fmt::format("ranking.json: {} '{}' names unknown option '{}'", kind, row.id, id));
      }
    }
  }
}

void CheckModerators(const OptionsKnowledge& knowledge, std::vector<std::string>& errors) {
  CheckOptionIds(knowledge, knowledge.ranking.moderators, "moderator", errors);
  CheckOptionIds(knowledge, knowledge.ranking.indications, "indication", errors);
  CheckOptionIds(knowledge, knowledge.ranking.step_rules, "step rule", errors);
}

bool Cites(const Intervention& option, std::string_view study_id) {
  return std::any_of(option.evidence.begin(), option.evidence.end(),
                     [&](const EvidenceEntry& e) { return e.study_id == study_id; });
}

void CheckSyntheses(const OptionsKnowledge& knowledge, std::span<const SynthesisSpec> specs,
                    std::vector<std::string>& errors) {
  for (const SynthesisSpec& spec : specs) {
    bool cited = spec.compare_with.empty();
    for (const std::string& id : spec.interventions) {
      const Intervention* option = knowledge.catalogue.FindIntervention(id);
      if (!option) {
        errors.push_back(
            fmt::format("evidence_syntheses.json: '{}' names unknown option '{}'", spec.id, id));
        continue;
      }
      if (option->evidence_level == EvidenceLevel::kNotReviewed) {
        errors.push_back(fmt::format(
            "evidence_syntheses.json: '{}' is shown under '{}', whose evidence_level is "
            "not_reviewed",
            spec.id, id));
      }
      cited = cited || Cites(*option, spec.compare_with);
    }
    if (!cited) {
      errors.push_back(fmt::format(
          "evidence_syntheses.json: '{}' compares with '{}', which none of its options cites",
          spec.id, spec.compare_with));
    }
  }
}

// Every option's evidence level must be backed by what it claims (UnsupportedLevel).
void CheckEvidenceLevels(const OptionsKnowledge& knowledge, std::span<const SynthesisSpec> specs,
                         std::vector<std::string>& errors) {
  for (const Intervention& option : knowledge.catalogue.interventions) {
    std::vector<const SynthesisSpec*> own;
    for (const SynthesisSpec& spec : specs) {
      const auto& ids = spec.interventions;
      if (spec.scope == SynthesisScope::kOption &&
          std::find(ids.begin(), ids.end(), option.id) != ids.end()) {
        own.push_back(&spec);
      }
    }
    if (std::string missing = UnsupportedLevel(option, own); !missing.empty()) {
      errors.push_back(fmt::format("interventions.json: '{}' has evidence_level {} but not {}",
                                   option.id, ToString(option.evidence_level), missing));
    }
  }
}

void CollectReviewParameters(OptionsKnowledge& knowledge, const KnowledgeBase& base,
                             std::vector<std::string>& errors) {
  for (const Intervention& option : knowledge.catalogue.interventions) {
    for (const MeasurementItem& item : option.measurement) {
      if (item.review_parameter.empty()) continue;
      const Parameter* parameter = base.parameters.Find(item.review_parameter);
      if (!parameter || parameter->id.empty()) {
        errors.push_back(
            fmt::format("interventions.json: '{}' measurement names unknown "
                        "parameter '{}'",
                        option.id, item.review_parameter));
        continue;
      }
      knowledge.review_parameters.emplace(parameter->id, *parameter);
    }
  }
}

void ComputeEvidence(OptionsKnowledge& knowledge) {
  for (const Intervention& option : knowledge.catalogue.interventions) {
    std::vector<std::optional<ArmEffect>> effects;
    for (const EvidenceEntry& entry : option.evidence) effects.push_back(ComputeArmEffect(entry));
    const std::vector<const ComputedSynthesis*> syntheses =
        SynthesesFor(knowledge.syntheses, option.id);
    knowledge.grades.push_back(
        options_internal::GradeEvidence(option, effects, syntheses, knowledge.ranking));
    knowledge.arm_effects.push_back(std::move(effects));
  }
}

}  // namespace

const EvidenceGrade& OptionsKnowledge::GradeOf(const Intervention& option) const {
  return grades.at(static_cast<size_t>(&option - catalogue.interventions.data()));
}

std::span<const std::optional<ArmEffect>> OptionsKnowledge::ArmEffectsOf(
    const Intervention& option) const {
  return arm_effects.at(static_cast<size_t>(&option - catalogue.interventions.data()));
}

StatusOr<std::shared_ptr<const OptionsKnowledge>> PrepareOptions(
    InterventionCatalogue catalogue, RankingKnowledge ranking, std::span<const SynthesisSpec> specs,
    std::span<const evidence::EffectRecord> comparisons, std::string data_version,
    const KnowledgeBase& knowledge) {
  auto prepared = std::make_shared<OptionsKnowledge>();
  prepared->catalogue = std::move(catalogue);
  prepared->ranking = std::move(ranking);
  prepared->data_version = std::move(data_version);
  std::vector<std::string> errors;
  CheckModerators(*prepared, errors);
  CheckSyntheses(*prepared, specs, errors);
  CheckEvidenceLevels(*prepared, specs, errors);
  CollectReviewParameters(*prepared, knowledge, errors);
  if (!errors.empty()) return Status::InvalidArgument(fmt::format("{}", fmt::join(errors, "\n")));
  StatusOr<std::vector<ComputedSynthesis>> syntheses = RunSyntheses(specs, comparisons);
  if (!syntheses.ok()) {
    return Status::InvalidArgument("evidence_syntheses.json: " + syntheses.status().message());
  }
  prepared->syntheses = std::move(*syntheses);
  ComputeEvidence(*prepared);
  prepared->version = fmt::format("{},{},{}", prepared->catalogue.version,
                                  prepared->ranking.version, prepared->data_version);
  return std::shared_ptr<const OptionsKnowledge>(std::move(prepared));
}

}  // namespace refract
