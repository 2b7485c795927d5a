#include "options_text.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace refract::cli {
namespace {

std::string Num(double value) {
  return std::fabs(value) >= 100 ? fmt::format("{:.1f}", value) : fmt::format("{:.2f}", value);
}

std::string Points(double points) { return fmt::format("{:+g}", points); }

std::string_view MeasureLabel(EffectMeasure measure) {
  switch (measure) {
    case EffectMeasure::kSmd:
      return "SMD";
    case EffectMeasure::kCohensD:
      return "d";
    case EffectMeasure::kHedgesG:
      return "g";
    case EffectMeasure::kMeanDifference:
      return "MD";
    case EffectMeasure::kOddsRatio:
      return "OR";
    case EffectMeasure::kRiskRatio:
      return "RR";
    case EffectMeasure::kHazardRatio:
      return "HR";
    case EffectMeasure::kPrePostEs:
      return "pre-post ES";
    case EffectMeasure::kProportions:
      return "";
    case EffectMeasure::kNotReported:
      return "";
  }
  return "";
}

std::string ArmText(const ArmResult& arm) {
  if (arm.events && arm.n) return fmt::format("{} {}/{}", arm.label, *arm.events, *arm.n);
  if (arm.percent) return fmt::format("{} {:g}%", arm.label, *arm.percent);
  if (arm.mean) return fmt::format("{} {:g}", arm.label, *arm.mean);
  return "";
}

// "a vs b" for two or three arms; "a vs b; c vs d" when four or more arms come in pairs (two
// outcomes of one two-arm trial, e.g. response and remission).
std::string Arms(const std::vector<ArmResult>& arms) {
  const size_t group = arms.size() >= 4 && arms.size() % 2 == 0 ? 2 : arms.size();
  std::vector<std::string> groups;
  for (size_t start = 0; start < arms.size(); start += group) {
    std::vector<std::string> parts;
    for (size_t i = start; i < start + group; ++i) {
      if (std::string text = ArmText(arms[i]); !text.empty()) parts.push_back(text);
    }
    if (!parts.empty()) groups.push_back(fmt::format("{}", fmt::join(parts, " vs ")));
  }
  return fmt::format("{}", fmt::join(groups, "; "));
}

std::string Result(const EvidenceEntry& entry, const std::optional<ArmEffect>& effect) {
  std::string result;
  if (entry.value) {
    result = fmt::format("{} {}", MeasureLabel(entry.measure), Num(*entry.value));
    if (entry.ci) {
      result += fmt::format(" ({} to {})", Num(entry.ci->first), Num(entry.ci->second));
    } else if (entry.se) {
      result += fmt::format(" (SE {})", Num(*entry.se));
    }
  }
  if (const std::string arms = Arms(entry.arms); !arms.empty()) {
    result += (result.empty() ? "" : "; ") + arms;
  }
  if (effect) {
    result += fmt::format("; recomputed RR {} ({} to {})", Num(effect->risk_ratio.value),
                          Num(effect->risk_ratio.ci_low), Num(effect->risk_ratio.ci_high));
  }
  if (entry.p_value) result += fmt::format("; p = {:g}", *entry.p_value);
  return result.empty() ? "no number captured" : result;
}

// How to read the sign, and the note when the number alone would mislead.
std::string Reading(const EvidenceEntry& entry) {
  std::string reading;
  if (entry.favours == Favours::kLower && entry.value) reading = " (lower favours the option)";
  if (entry.favours == Favours::kNotComparative) reading = " (not a controlled comparison)";
  const bool explain = entry.favours == Favours::kNotComparative ||
                       entry.favours == Favours::kUnknown || !HasResult(entry);
  if (explain && !entry.note.empty()) reading += " - " + entry.note;
  return reading;
}

std::string Size(const EvidenceEntry& entry) {
  std::string size(ToString(entry.population));
  if (entry.k) size += fmt::format(", k {}", *entry.k);
  if (entry.n) size += fmt::format(", n {}", *entry.n);
  return size + ", " + std::string(ToString(entry.provenance.tag));
}

std::string EntryLine(const EvidenceEntry& entry, const std::optional<ArmEffect>& effect) {
  return fmt::format("{} [{}]: {} vs {}: {}{}", entry.citation, Size(entry), entry.outcome,
                     entry.comparator, Result(entry, effect), Reading(entry));
}

std::string PooledText(const PooledSummary& pooled) {
  std::string text = fmt::format("g {} ({} to {}), {} stud{}, {} participants", Num(pooled.g.value),
                                 Num(pooled.g.ci_low), Num(pooled.g.ci_high), pooled.studies,
                                 pooled.studies == 1 ? "y" : "ies", pooled.participants);
  if (pooled.studies > 1) text += fmt::format(", I2 {:.0f}%", pooled.i2);
  if (pooled.prediction_interval) {
    text += fmt::format(", 95% PI {} to {}", Num(pooled.prediction_interval->first),
                        Num(pooled.prediction_interval->second));
  }
  return text;
}

// The published entry a synthesis is read beside, from any catalogue row that cites it.
const EvidenceEntry* Published(const OptionsKnowledge& knowledge, const std::string& study_id) {
  if (study_id.empty()) return nullptr;
  for (const Intervention& option : knowledge.catalogue.interventions) {
    for (const EvidenceEntry& entry : option.evidence) {
      if (entry.study_id == study_id && entry.value) return &entry;
    }
  }
  return nullptr;
}

// "TRD, exploratory" for the pools of a few heterogeneous TRD trials (tagged U), "general
// depression, not TRD" for the family pools.
std::string PoolKind(const SynthesisSpec& spec) {
  if (spec.population == EvidencePopulation::kGeneralDepression)
    return "general depression, not TRD";
  return spec.provenance.tag == Tag::kUnconfirmed ? "TRD, exploratory"
                                                  : std::string(ToString(spec.population));
}

std::string SynthesisLine(const ComputedSynthesis& synthesis, const OptionsKnowledge& knowledge) {
  std::string line = fmt::format("Refract pool [{}]: {}: {}", PoolKind(synthesis.spec),
                                 synthesis.spec.label, PooledText(synthesis.pooled));
  if (synthesis.low_risk_of_bias) {
    line += fmt::format(
        "; low risk of bias only: g {} ({} to {}), {} studies",
        Num(synthesis.low_risk_of_bias->g.value), Num(synthesis.low_risk_of_bias->g.ci_low),
        Num(synthesis.low_risk_of_bias->g.ci_high), synthesis.low_risk_of_bias->studies);
  }
  if (const EvidenceEntry* published = Published(knowledge, synthesis.spec.compare_with)) {
    line += fmt::format("; published beside it: {} {}", published->citation,
                        Result(*published, std::nullopt));
  }
  return line;
}

std::string ReviewText(const MeasurementItem& item, const OptionsKnowledge& knowledge) {
  auto it = knowledge.review_parameters.find(item.review_parameter);
  if (it == knowledge.review_parameters.end()) return item.text;
  return fmt::format("{}: {:g} {} ({}, {})", item.text, it->second.value, item.unit, it->first,
                     ToString(it->second.provenance.tag));
}

void Lines(std::string& out, std::string_view label, const std::vector<std::string>& lines) {
  for (size_t i = 0; i < lines.size(); ++i) {
    out += fmt::format("     {:<10}{}\n", i == 0 ? label : "", lines[i]);
  }
}

std::vector<std::string> ScoreLines(const OptionResult& result) {
  std::vector<std::string> lines;
  for (const OptionComponent& c : result.components) {
    lines.push_back(fmt::format("{:>6}  {}: {}", Points(c.points), c.id, c.detail));
  }
  lines.push_back(fmt::format("{:>6}  total", fmt::format("{:g}", result.score)));
  return lines;
}

std::vector<std::string> EvidenceLines(const OptionResult& result,
                                       const OptionsKnowledge& knowledge) {
  const Intervention& option = *result.option;
  const std::span<const std::optional<ArmEffect>> effects = knowledge.ArmEffectsOf(option);
  std::vector<std::string> lines = {option.evidence_strength};
  for (size_t i = 0; i < option.evidence.size(); ++i) {
    lines.push_back(EntryLine(option.evidence[i], effects[i]));
  }
  for (const ComputedSynthesis* synthesis : result.syntheses) {
    lines.push_back(SynthesisLine(*synthesis, knowledge));
    if (!synthesis->spec.note.empty()) lines.push_back("  (" + synthesis->spec.note + ")");
  }
  return lines;
}

std::vector<std::string> ModeratorLines(const OptionResult& result, bool every) {
  std::vector<std::string> lines;
  for (const ModeratorView& m : result.moderators) {
    const bool applies = m.fact.value_or(false);
    if (!applies && !every) continue;
    const std::string state = m.not_applied ? "not applied"
                              : applies     ? Points(m.points)
                              : m.fact      ? "no"
                                            : "not recorded";
    lines.push_back(fmt::format("[{}] {} ({}; {}, {})", state, m.moderator->finding, m.fact_detail,
                                m.moderator->strength, ToString(m.moderator->provenance.tag)));
  }
  return lines;
}

// Every caution but those recorded as not present (all of them with `every`).
std::vector<std::string> CautionLines(const OptionResult& result, bool every) {
  std::vector<std::string> lines;
  for (const CautionView& c : result.cautions) {
    if (!every && c.status == CautionStatus::kNotPresent) continue;
    const std::string status =
        c.status == CautionStatus::kScreen ? "screen first" : std::string(ToString(c.status));
    lines.push_back(fmt::format("[{}{}] {} ({}; {})", status,
                                c.hard    ? ", hard exclusion"
                                : c.defer ? ", deferred"
                                          : "",
                                c.caution->text, c.detail.empty() ? "no condition" : c.detail,
                                ToString(c.caution->provenance.tag)));
  }
  return lines;
}

std::vector<std::string> CourseLines(const Intervention& option) {
  std::vector<std::string> lines;
  for (const CourseItem& item : option.course) {
    lines.push_back(fmt::format("{} ({})", item.text, ToString(item.provenance.tag)));
  }
  return lines;
}

std::vector<std::string> MeasureLines(const Intervention& option,
                                      const OptionsKnowledge& knowledge) {
  std::vector<std::string> lines;
  for (const MeasurementItem& item : option.measurement)
    lines.push_back(ReviewText(item, knowledge));
  return lines;
}

std::string Heading(const OptionResult& result) {
  std::string heading =
      fmt::format("{}{}  [{}; {}]", result.rank > 0 ? fmt::format("{}. ", result.rank) : "",
                  result.option->name, InWords(ToString(result.option->category)),
                  InWords(ToString(result.option->setting.level)));
  if (result.provisional) heading += "  PROVISIONAL";
  return heading;
}

// `every`: also the moderators that do not apply and the cautions that are general or absent.
void RenderDetail(const OptionResult& result, const OptionsKnowledge& knowledge, bool every,
                  std::string& out) {
  out += fmt::format("  {}\n", Heading(result));
  std::vector<std::string> indicated;
  for (const Indication* indication : result.indications) {
    indicated.push_back(fmt::format("{}: {} ({}; {})", indication->label, indication->text,
                                    ToString(indication->provenance.tag),
                                    indication->provenance.source));
  }
  Lines(out, "indicated", indicated);
  Lines(out, "score", ScoreLines(result));
  Lines(out, "evidence", EvidenceLines(result, knowledge));
  const std::vector<std::string> moderators = ModeratorLines(result, every);
  Lines(out, "fits",
        moderators.empty() ? std::vector<std::string>{"no moderator applies"} : moderators);
  Lines(out, "cautions", CautionLines(result, every));
  Lines(out, "course", CourseLines(*result.option));
  Lines(out, "measure", MeasureLines(*result.option, knowledge));
  if (result.provisional) {
    Lines(out, "relies on",
          {fmt::format("unconfirmed: {}", fmt::join(result.relies_on_unconfirmed, "; "))});
  }
}

void RenderSafety(const OptionsReport& report, std::string& out) {
  for (const SafetyAction& action : report.safety_actions) {
    out += fmt::format("  !! SAFETY FIRST ({}: {}): {}\n", ToString(action.level), action.why,
                       action.text);
    for (const SafetySignal& signal : action.signals) {
      out += fmt::format("     - {}\n", signal.text);
    }
  }
}

void RenderRankedTable(const OptionsReport& report, std::string& out) {
  const bool any_indicated = !report.ranked.empty() && !report.ranked.front().indications.empty();
  out += fmt::format("  {:<4} {:>5}  {:<62} {}\n", "#", "score", "option", "setting");
  if (any_indicated) {
    out +=
        "  INDICATED FOR THIS PATIENT: a guideline names these for this situation; consider "
        "them first (ordered by the guideline situation, not by score)\n";
  }
  bool heading_done = !any_indicated;
  for (const OptionResult& result : report.ranked) {
    if (!heading_done && result.indications.empty()) {
      out += "  OTHER OPTIONS, by score\n";
      heading_done = true;
    }
    out += fmt::format(
        "  {:<4} {:>5}  {:<62} {}{}\n", fmt::format("{}{}", result.rank, result.tied ? "=" : ""),
        result.indications.empty() ? fmt::format("{:g}", result.score) : "-", result.option->name,
        InWords(ToString(result.option->setting.level)), result.provisional ? "  PROVISIONAL" : "");
    out += fmt::format("  {:<4} {:>5}  why: {}\n", "", "", result.rationale);
  }
}

void RenderExcluded(const OptionsReport& report, std::string& out) {
  out += "\n  NOT RANKED\n";
  for (const OptionResult& result : report.excluded) {
    for (const Exclusion& exclusion : result.exclusions) {
      out += fmt::format("  - {}: {} [{}]\n", result.option->name, exclusion.detail,
                         InWords(ToString(exclusion.kind)));
    }
  }
}

}  // namespace

std::string RenderOptions(const Assessment& assessment) {
  const OptionsReport& report = *assessment.options;
  std::string out =
      "\nNEXT-STEP OPTIONS  (an ordering for discussion with the patient, not a verdict; "
      "docs/options.md)\n";
  RenderSafety(report, out);
  if (!report.applicable) {
    out += fmt::format("  {}\n", report.not_applicable_reason);
    for (const std::string& note : report.notes) out += fmt::format("  note: {}\n", note);
    return out;
  }
  for (const std::string& note : report.notes) out += fmt::format("  note: {}\n", note);
  out += fmt::format(
      "  score = evidence + history + moderators + preference + cautions + step + context "
      "(weights: "
      "{}); the score orders the options below the indicated ones, and a difference of 1 point or "
      "less is within the uncertainty of the weights\n"
      "  tags: V confirmed in a source, E established, U unconfirmed (results that rest on it are "
      "PROVISIONAL), D Refract decision\n",
      report.knowledge->ranking.version);
  RenderRankedTable(report, out);
  out += fmt::format("\n  IN DETAIL (top {}; any option: refract options --explain ID FILE)\n",
                     kOptionsInDetail);
  for (const OptionResult& result : report.ranked) {
    if (result.rank > kOptionsInDetail) break;
    RenderDetail(result, *report.knowledge, false, out);
  }
  RenderExcluded(report, out);
  return out;
}

std::string RenderOptionTrace(const Assessment& assessment, const OptionResult& result) {
  const OptionsReport& report = *assessment.options;
  std::string out =
      fmt::format("OPTION {} for patient {} as of {}\n{}\n", result.option->id,
                  assessment.patient_id, assessment.as_of.ToString(), kDecisionSupportDisclaimer);
  RenderSafety(report, out);
  out += result.exclusions.empty()
             ? fmt::format("  ranked {}{} of {} (score {:g})\n", result.rank,
                           result.tied ? " (tied)" : "", report.ranked.size(), result.score)
             : "  not ranked\n";
  for (const Exclusion& exclusion : result.exclusions) {
    out += fmt::format("  excluded [{}]: {} ({}: {})\n", ToString(exclusion.kind), exclusion.detail,
                       ToString(exclusion.provenance.tag), exclusion.provenance.source);
  }
  RenderDetail(result, *report.knowledge, true, out);
  std::vector<std::string> sources;
  for (const OptionComponent& c : result.components) {
    sources.push_back(
        fmt::format("{} ({}: {})", c.id, ToString(c.provenance.tag), c.provenance.source));
  }
  Lines(out, "sources", sources);
  return out;
}

}  // namespace refract::cli
