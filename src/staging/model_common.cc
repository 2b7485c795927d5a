#include "model_common.h"

#include <fmt/format.h>

namespace refract::staging_internal {

ModelResult NewResult(std::string model_id, std::string name, std::string citation) {
  ModelResult result;
  result.model_id = std::move(model_id);
  result.name = std::move(name);
  result.citation = std::move(citation);
  return result;
}

AdequacyRule ModelRule(const KnowledgeBase& knowledge, ParamId min_weeks_param,
                       ParamId pt_sessions_param, bool require_experienced_therapist) {
  return {&knowledge.Param(min_weeks_param), &knowledge.Param(pt_sessions_param),
          require_experienced_therapist};
}

namespace {

// The anchors of docs/staging-decisions.md's decision table, by decision id.
constexpr std::pair<std::string_view, std::string_view> kDecisionAnchors[] = {
    {"A1", "dose-table"},
    {"A2", "minimum-weeks"},
    {"A3", "thase-rush-tca-maoi"},
    {"A4", "european-level-and-crd"},
    {"A5", "mgh-optimisation"},
    {"A6", "mgh-ect"},
    {"A7", "maudsley-items-and-duration"},
    {"A8", "severity"},
    {"A9", "counting-unit"},
    {"A10", "antidepressant-combination"},
    {"A11", "failure-threshold"},
    {"A12", "current-episode"},
    {"A13", "psychotic-depression"},
    {"A14", "bipolar-depression"},
    {"A15", "adherence"},
    {"A16", "prospective-trials"},
    {"A17", "psychotherapy-adequacy"},
    {"A18", "neurostimulation"},
    {"A19", "ema-classes"},
    {"A20", "dm-trd-weights"},
    {"A21", "conway-details"},
};

std::string_view AnchorOf(std::string_view decision) {
  for (const auto& [id, anchor] : kDecisionAnchors) {
    if (id == decision) return anchor;
  }
  return "";
}

}  // namespace

Assumption Decided(std::string_view decision, std::string text) {
  return {std::string(decision), fmt::format("docs/staging-decisions.md#{}", AnchorOf(decision)),
          std::move(text)};
}

Assumption FromSource(std::string text) { return {"", "docs/staging-models.md", std::move(text)}; }

std::string_view TagInWords(Tag tag) {
  switch (tag) {
    case Tag::kVerified:
      return "confirmed in the source";
    case Tag::kEstablished:
      return "established";
    case Tag::kUnconfirmed:
      return "unconfirmed";
    case Tag::kDecision:
      return "a Refract decision";
  }
  return "";
}

Assumption DescribeWeeksRule(const Parameter& min_weeks) {
  return Decided("A2",
                 fmt::format("an adequate antidepressant trial lasts at least {:g} weeks at "
                             "or above the minimum dose ({}; setting {})",
                             min_weeks.value, TagInWords(min_weeks.provenance.tag), min_weeks.id));
}

Assumption DescribeFailureRule(FailureRule rule, const Parameter& below_pct) {
  return Decided(
      "A11", fmt::format("a trial failed when its scores improved by less than {:g} %, or when the "
                         "clinician judged {} (setting {})",
                         below_pct.value,
                         rule == FailureRule::kShortOfResponse ? "nonresponse or partial response"
                                                               : "nonresponse",
                         below_pct.id));
}

Assumption DescribeFailureRule(FailureRule rule, const KnowledgeBase& knowledge) {
  return DescribeFailureRule(rule, DefaultFailureThreshold(rule, knowledge));
}

Assumption DistinctAgentAssumption() {
  return Decided("A9",
                 "failed antidepressants are counted per drug: a second trial of the same drug "
                 "counts once");
}

}  // namespace refract::staging_internal
