#include "options_json_output.h"

#include <cmath>

namespace refract::io_internal {
namespace {

using nlohmann::json;

// Four significant decimals keep effect sizes readable and stable across platforms.
double Round4(double value) { return std::round(value * 1e4) / 1e4; }

json Optional(const std::optional<double>& value) {
  return value ? json(Round4(*value)) : json(nullptr);
}

json Optional(const std::optional<int>& value) { return value ? json(*value) : json(nullptr); }

json Pair(const std::optional<std::pair<double, double>>& pair) {
  return pair ? json::array({Round4(pair->first), Round4(pair->second)}) : json(nullptr);
}

json EstimateJson(const Estimate& estimate) {
  return {{"value", Round4(estimate.value)},
          {"ci", json::array({Round4(estimate.ci_low), Round4(estimate.ci_high)})}};
}

// The tag always; the source in the full trace only (it repeats the knowledge files).
void AddProvenance(json& out, const Provenance& provenance, bool full = true) {
  out["tag"] = ToString(provenance.tag);
  if (full) out["source"] = provenance.source;
}

json ComponentsJson(const std::vector<OptionComponent>& components, bool full) {
  json array = json::array();
  for (const OptionComponent& c : components) {
    json item = {{"id", c.id}, {"points", c.points}, {"detail", c.detail}};
    AddProvenance(item, c.provenance, full);
    array.push_back(std::move(item));
  }
  return array;
}

json ExclusionsJson(const std::vector<Exclusion>& exclusions) {
  json array = json::array();
  for (const Exclusion& e : exclusions) {
    json item = {{"kind", ToString(e.kind)}, {"detail", e.detail}};
    AddProvenance(item, e.provenance);
    array.push_back(std::move(item));
  }
  return array;
}

// Compact: the moderators that apply; full: every moderator naming the option.
json ModeratorsJson(const std::vector<ModeratorView>& moderators, bool full) {
  json array = json::array();
  for (const ModeratorView& m : moderators) {
    if (!full && !m.fact.value_or(false)) continue;
    json item = {{"id", m.moderator->id},
                 {"label", m.moderator->label},
                 {"points", m.points},
                 {"not_applied", m.not_applied}};
    if (full) {
      item["fact"] = m.moderator->fact;
      item["fact_value"] = m.fact ? json(*m.fact) : json(nullptr);
      item["fact_detail"] = m.fact_detail;
      item["strength"] = m.moderator->strength;
      item["finding"] = m.moderator->finding;
    }
    AddProvenance(item, m.moderator->provenance, full);
    array.push_back(std::move(item));
  }
  return array;
}

// Compact: the cautions that apply or need screening; full: every caution.
json CautionsJson(const std::vector<CautionView>& cautions, bool full) {
  json array = json::array();
  for (const CautionView& c : cautions) {
    if (!full && c.status != CautionStatus::kApplies && c.status != CautionStatus::kScreen) {
      continue;
    }
    const std::string& condition = c.caution->Condition();
    json item = {{"status", ToString(c.status)},
                 {"hard_exclusion", c.hard},
                 {"defers", c.defer},
                 {"condition", condition.empty() ? json(nullptr) : json(condition)}};
    if (full) {
      item["text"] = c.caution->text;
      item["detail"] = c.detail;
    }
    AddProvenance(item, c.caution->provenance, full);
    array.push_back(std::move(item));
  }
  return array;
}

json ArmsJson(const std::vector<ArmResult>& arms) {
  json array = json::array();
  for (const ArmResult& arm : arms) {
    array.push_back({{"label", arm.label},
                     {"percent", Optional(arm.percent)},
                     {"events", Optional(arm.events)},
                     {"n", Optional(arm.n)},
                     {"mean", Optional(arm.mean)}});
  }
  return array;
}

json EntryJson(const EvidenceEntry& entry, const std::optional<ArmEffect>& effect, bool full) {
  json item = {{"study_id", entry.study_id}, {"citation", entry.citation}};
  if (full) {
    item["population"] = ToString(entry.population);
    item["measure"] = ToString(entry.measure);
    item["value"] = Optional(entry.value);
    item["ci"] = Pair(entry.ci);
    item["outcome"] = entry.outcome;
    item["comparator"] = entry.comparator;
    item["se"] = Optional(entry.se);
    item["k"] = Optional(entry.k);
    item["n"] = Optional(entry.n);
    item["arms"] = ArmsJson(entry.arms);
    item["p_value"] = Optional(entry.p_value);
    item["favours"] = ToString(entry.favours);
    item["direction"] = entry.direction;
    item["note"] = entry.note;
  }
  if (effect && full) {
    item["recomputed"] = {{"risk_ratio", EstimateJson(effect->risk_ratio)},
                          {"odds_ratio", EstimateJson(effect->odds_ratio)},
                          {"arms", effect->arms},
                          {"method", effect->method}};
  }
  AddProvenance(item, entry.provenance, full);
  return item;
}

json PooledJson(const PooledSummary& pooled) {
  return {{"g", EstimateJson(pooled.g)},
          {"se", Round4(pooled.se)},
          {"prediction_interval", Pair(pooled.prediction_interval)},
          {"studies", pooled.studies},
          {"comparisons", pooled.comparisons},
          {"participants", pooled.participants},
          {"tau2", Round4(pooled.tau2)},
          {"i2", Round4(pooled.i2)},
          {"model", pooled.model}};
}

json SynthesisJson(const ComputedSynthesis& synthesis, bool full) {
  json item = {{"id", synthesis.spec.id},
               {"scope", ToString(synthesis.spec.scope)},
               {"population", ToString(synthesis.spec.population)}};
  if (!full) {
    AddProvenance(item, synthesis.spec.provenance, false);
    return item;
  }
  item["label"] = synthesis.spec.label;
  item["pooled"] = PooledJson(synthesis.pooled);
  item["compare_with"] = synthesis.spec.compare_with;
  item["low_risk_of_bias"] =
      synthesis.low_risk_of_bias ? PooledJson(*synthesis.low_risk_of_bias) : json(nullptr);
  item["study_labels"] = synthesis.study_labels;
  item["note"] = synthesis.spec.note;
  AddProvenance(item, synthesis.spec.provenance);
  return item;
}

json EvidenceJson(const OptionResult& result, const OptionsKnowledge& knowledge, bool full) {
  const Intervention& option = *result.option;
  const EvidenceGrade& grade = knowledge.GradeOf(option);
  const std::span<const std::optional<ArmEffect>> effects = knowledge.ArmEffectsOf(option);
  json entries = json::array();
  for (size_t i = 0; i < option.evidence.size(); ++i) {
    entries.push_back(EntryJson(option.evidence[i], effects[i], full));
  }
  json syntheses = json::array();
  for (const ComputedSynthesis* synthesis : result.syntheses) {
    syntheses.push_back(SynthesisJson(*synthesis, full));
  }
  json out = {{"level", ToString(option.evidence_level)},
              {"clearest_benefit", grade.clearest_benefit},
              {"entries", entries},
              {"computed", syntheses}};
  if (full) {
    out["strength"] = option.evidence_strength;
    out["trd_participants"] = grade.trd_participants;
  }
  return out;
}

json CourseJson(const Intervention& option) {
  json array = json::array();
  for (const CourseItem& item : option.course) {
    json out = {
        {"sessions", Pair(item.sessions)}, {"weeks", Pair(item.weeks)}, {"text", item.text}};
    AddProvenance(out, item.provenance);
    array.push_back(std::move(out));
  }
  return array;
}

json MeasurementJson(const Intervention& option, const OptionsKnowledge& knowledge) {
  json array = json::array();
  for (const MeasurementItem& item : option.measurement) {
    json out = {{"text", item.text}, {"review_at", nullptr}};
    if (auto it = knowledge.review_parameters.find(item.review_parameter);
        it != knowledge.review_parameters.end()) {
      out["review_at"] = {{"value", it->second.value},
                          {"unit", item.unit},
                          {"parameter", it->first},
                          {"tag", ToString(it->second.provenance.tag)}};
    }
    AddProvenance(out, item.provenance);
    array.push_back(std::move(out));
  }
  return array;
}

json SettingJson(const Setting& setting) {
  json out = {{"level", ToString(setting.level)}, {"requirements", setting.requirements}};
  AddProvenance(out, setting.provenance);
  return out;
}

// The failed trials of an option kept in the indicated tier despite them (omitted when none).
json PriorFailuresJson(const std::vector<PriorFailure>& failures) {
  json array = json::array();
  for (const PriorFailure& failure : failures) {
    array.push_back({{"trial", failure.trial}, {"agent", failure.agent}});
  }
  return array;
}

json IndicationsJson(const std::vector<const Indication*>& indications) {
  json array = json::array();
  for (const Indication* indication : indications) {
    json out = {{"id", indication->id}, {"label", indication->label}, {"text", indication->text}};
    AddProvenance(out, indication->provenance);
    array.push_back(std::move(out));
  }
  return array;
}

json OptionJson(const OptionResult& result, const OptionsReport& report, bool full) {
  const Intervention& option = *result.option;
  json out = {{"id", option.id},
              {"name", option.name},
              {"category", ToString(option.category)},
              {"tier", result.indications.empty() ? "ranked" : "indicated"},
              {"indications", IndicationsJson(result.indications)},
              {"rank", result.rank == 0 ? json(nullptr) : json(result.rank)},
              {"tied", result.tied},
              {"score", result.score},
              {"evidence_points", result.evidence_points},
              {"rationale", result.rationale},
              {"provisional", result.provisional},
              {"relies_on_unconfirmed", result.relies_on_unconfirmed},
              {"components", ComponentsJson(result.components, full)},
              {"exclusions", ExclusionsJson(result.exclusions)},
              {"moderators", ModeratorsJson(result.moderators, full)},
              {"cautions", CautionsJson(result.cautions, full)},
              {"evidence", EvidenceJson(result, *report.knowledge, full)},
              {"setting", ToString(option.setting.level)},
              {"investigational", option.investigational}};
  if (!result.prior_failures.empty()) {
    out["prior_failures"] = PriorFailuresJson(result.prior_failures);
  }
  if (full) {
    out["setting"] = SettingJson(option.setting);
    out["course"] = CourseJson(option);
    out["measurement"] = MeasurementJson(option, *report.knowledge);
  }
  return out;
}

json FactsJson(const std::vector<Fact>& facts) {
  json object = json::object();
  for (const Fact& fact : facts) {
    object[fact.id] = {{"value", fact.value ? json(*fact.value) : json(nullptr)},
                       {"detail", fact.detail}};
  }
  return object;
}

json SafetyJson(const std::vector<SafetyAction>& actions) {
  json array = json::array();
  for (const SafetyAction& action : actions) {
    json signals = json::array();
    for (const SafetySignal& signal : action.signals) {
      signals.push_back(
          {{"code", signal.code},
           {"text", signal.text},
           {"urgent_item", signal.urgent_item},
           {"days_before", signal.days_before ? json(*signal.days_before) : json(nullptr)}});
    }
    array.push_back({{"code", action.code},
                     {"level", ToString(action.level)},
                     {"why", action.why},
                     {"text", action.text},
                     {"signals", signals}});
  }
  return array;
}

}  // namespace

json OptionsJson(const OptionsReport& report) {
  json ranked = json::array();
  for (const OptionResult& result : report.ranked)
    ranked.push_back(OptionJson(result, report, false));
  json excluded = json::array();
  for (const OptionResult& result : report.excluded) {
    excluded.push_back(OptionJson(result, report, false));
  }
  return {
      {"knowledge_version", report.knowledge->version},
      {"applicable", report.applicable},
      {"not_applicable_reason", report.not_applicable_reason},
      {"safety_actions", SafetyJson(report.safety_actions)},
      {"ranked", ranked},
      {"excluded", excluded},
      {"notes", report.notes},
      {"failed_antidepressant_trials", report.input.failed_antidepressant_trials},
      {"failed_treatments", report.input.failed_treatments},
      {"facts", FactsJson(report.input.facts)},
      {"conditions", FactsJson(report.input.conditions)},
      {"situations", FactsJson(report.input.contexts)},
      {"preferences", {{"prefers", report.input.prefers}, {"declines", report.input.declines}}}};
}

json OptionTraceJson(const OptionResult& result, const OptionsReport& report) {
  return OptionJson(result, report, true);
}

}  // namespace refract::io_internal
