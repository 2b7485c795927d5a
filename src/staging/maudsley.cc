// Maudsley Staging Method (Fekadu 2009; standardised Fekadu, Donocik & Cleare 2018),
// staging-decisions.md §4.4. Points: episode duration 1-3, severity 1-5, failed antidepressants 1-5
// (levels 1-2, 3-4, 5-6, 7-10, > 10 drugs), augmentation used 0/1, ECT used 0/1; bands mild 3-6,
// moderate 7-10, severe 11-15 [V]. Zero failed antidepressants scores 0 on that item (A7 [D]);
// duration boundaries are in days (A7 [D]).
#include <fmt/format.h>

#include "model_common.h"
#include "models.h"

namespace refract {
namespace {

using staging_internal::NewResult;

int DurationPoints(int days, const KnowledgeBase& kb) {
  if (days <= kb.Param("episode.acute_max_days").value) return 1;
  if (days <= kb.Param("episode.subacute_max_days").value) return 2;
  return 3;
}

int SeverityPoints(const Episode& episode) {
  switch (episode.severity) {
    case Severity::kSubsyndromal:
      return 1;
    case Severity::kMild:
      return 2;
    case Severity::kModerate:
      return 3;
    case Severity::kSevere:
      return episode.psychotic_features ? 5 : 4;
    case Severity::kSeverePsychotic:
      return 5;
  }
  return 3;
}

constexpr std::array<ParamId, 5> kLevelMinAgents = {
    "maudsley_2009.ad_level1_min_agents", "maudsley_2009.ad_level2_min_agents",
    "maudsley_2009.ad_level3_min_agents", "maudsley_2009.ad_level4_min_agents",
    "maudsley_2009.ad_level5_min_agents"};
constexpr int kAntidepressantLevels = static_cast<int>(kLevelMinAgents.size());

// The fewest failed antidepressants of `level` (1..5): maudsley_2009.ad_level<k>_min_agents.
int MinAgents(int level, const KnowledgeBase& kb) {
  return static_cast<int>(kb.Param(kLevelMinAgents[static_cast<size_t>(level - 1)]).value);
}

// The level (= points) of `agents` failed antidepressants: the highest level whose minimum it
// reaches; 0 below level 1 (A7).
int AntidepressantPoints(int agents, const KnowledgeBase& kb) {
  int points = 0;
  for (int level = 1; level <= kAntidepressantLevels; ++level) {
    if (agents >= MinAgents(level, kb)) points = level;
  }
  return points;
}

// Smallest number of agents that reaches the next level, or 0 at the top level.
int AgentsForNextLevel(int agents, const KnowledgeBase& kb) {
  for (int level = 1; level <= kAntidepressantLevels; ++level) {
    if (agents < MinAgents(level, kb)) return MinAgents(level, kb);
  }
  return 0;
}

bool UsedInEpisode(const StagingContext& context, std::initializer_list<TreatmentKind> kinds) {
  const auto& treatments = context.record.treatments;
  for (size_t i = 0; i < treatments.size(); ++i) {
    for (TreatmentKind kind : kinds) {
      if (treatments[i].kind == kind && context.in_current_episode[i]) return true;
    }
  }
  return false;
}

std::string Band(int score, const KnowledgeBase& kb) {
  if (score <= kb.Param("maudsley_2009.mild_max").value) return "mild";
  if (score <= kb.Param("maudsley_2009.moderate_max").value) return "moderate";
  return "severe";
}

void AddNextSteps(int score, int agents, bool augmentation, bool ect, const KnowledgeBase& kb,
                  ModelResult& result) {
  const std::string band = Band(score, kb);
  if (band == "severe") return;
  const Parameter& band_max =
      band == "mild" ? kb.Param("maudsley_2009.mild_max") : kb.Param("maudsley_2009.moderate_max");
  const int next_band_at = static_cast<int>(band_max.value) + 1;
  std::vector<std::string> ways;
  if (const int next = AgentsForNextLevel(agents, kb); next > 0) {
    ways.push_back(fmt::format("{} more failed antidepressant(s) (+1)", next - agents));
  }
  if (!augmentation) ways.push_back("an augmentation (+1)");
  if (!ect) ways.push_back("ECT (+1)");
  std::string joined;
  for (const auto& way : ways) joined += (joined.empty() ? "" : ", ") + way;
  result.next_steps.push_back(
      fmt::format("{} point(s) to the next band (score {}); treatment items "
                  "that would add points: {}",
                  next_band_at - score, next_band_at, joined));
}

}  // namespace

ModelResult StageMaudsley(const StagingContext& context) {
  ModelResult result = NewResult("maudsley_2009", "Maudsley Staging Method (Fekadu 2009)",
                                 "Fekadu A et al. J Clin Psychiatry 2009;70(2):177-184; Fekadu A, "
                                 "Donocik JG, Cleare AJ. BMC Psychiatry 2018;18:100");
  const KnowledgeBase& kb = context.knowledge;
  const AdequacyRule rule = staging_internal::ModelRule(kb, "maudsley_2009.min_weeks");
  SelectionSpec spec{{TreatmentKind::kAntidepressant, TreatmentKind::kCombination},
                     rule,
                     FailureRule::kShortOfResponse,
                     nullptr};
  // Augmentation and ECT are not failed antidepressant trials here, but each scores when used.
  spec.scored_elsewhere = {
      {TreatmentKind::kAugmentation,
       "not an antidepressant trial; scored under 'augmentation used'"},
      {TreatmentKind::kEct, "not an antidepressant trial; scored under 'ECT used'"}};
  const Selection selection = SelectFailedTrials(context, spec);
  RecordSelection(selection, result);

  const int days = DaysBetween(context.record.episode.onset, context.record.as_of);
  const int agents = static_cast<int>(DistinctAgents(selection, context.knowledge).size());
  const bool augmentation =
      UsedInEpisode(context, {TreatmentKind::kAugmentation, TreatmentKind::kCombination});
  const bool ect = UsedInEpisode(context, {TreatmentKind::kEct});
  const int duration = DurationPoints(days, kb);
  const int severity = SeverityPoints(context.record.episode);
  const int antidepressants = AntidepressantPoints(agents, kb);
  const int score = duration + severity + antidepressants + (augmentation ? 1 : 0) + (ect ? 1 : 0);
  if (context.options.describe) {
    result.components = {
        {"duration", static_cast<double>(duration), fmt::format("{} days since onset", days)},
        {"severity", static_cast<double>(severity),
         std::string(ToString(context.record.episode.severity)) +
             (context.record.episode.psychotic_features ? " with psychotic features" : "")},
        {"failed antidepressants", static_cast<double>(antidepressants),
         fmt::format("{} distinct antidepressant(s)", agents)},
        {"augmentation", augmentation ? 1.0 : 0.0, augmentation ? "used" : "not used"},
        {"ECT", ect ? 1.0 : 0.0, ect ? "used" : "not used"}};
  }
  result.score = score;
  result.category = Band(score, kb);
  result.summary = fmt::format("{} ({} resistance)", score, *result.category);
  if (context.options.explain) {
    result.assumptions = {
        staging_internal::DescribeWeeksRule(*rule.min_weeks),
        staging_internal::DescribeFailureRule(FailureRule::kShortOfResponse, context.knowledge),
        staging_internal::DistinctAgentAssumption(),
        staging_internal::Decided(
            "A7", fmt::format("episode duration in days: up to {0:g} acute, up to {1:g} sub-acute, "
                              "longer chronic",
                              kb.Param("episode.acute_max_days").value,
                              kb.Param("episode.subacute_max_days").value)),
        staging_internal::Decided("A7",
                                  "augmentation and ECT score when used in the current episode, "
                                  "whatever their outcome (the source's wording)"),
        staging_internal::Decided("A8", "severity is the clinician's rating at the staging date"),
        staging_internal::Decided("A10",
                                  "an added second antidepressant counts as an antidepressant and "
                                  "as augmentation used")};
  }
  if (agents == 0 && context.options.describe) {
    result.notes.push_back(
        "A7: no failed antidepressant: item scored 0 (the published range 3-15 "
        "presumes at least one failure)");
  }
  if (context.options.explain) AddNextSteps(score, agents, augmentation, ect, kb, result);
  return result;
}

}  // namespace refract
