#include "refract/options/computed_evidence.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "refract/evidence/csv_reader.h"
#include "refract/evidence/pooling.h"
#include "refract/stats/effect_size.h"

namespace refract {
namespace {

// qnorm(0.975), the critical value of a two-sided 95% Wald interval (metafor's default level).
constexpr double kZ95 = 1.959963984540054;

bool IsRatio(EffectMeasure measure) {
  return measure == EffectMeasure::kOddsRatio || measure == EffectMeasure::kRiskRatio ||
         measure == EffectMeasure::kHazardRatio;
}

Estimate Exponentiated(double log_value, double variance) {
  const double half_width = kZ95 * std::sqrt(variance);
  return {std::exp(log_value), std::exp(log_value - half_width), std::exp(log_value + half_width)};
}

bool HasCounts(const ArmResult& arm) { return arm.events.has_value() && arm.n.has_value(); }

// The sum of two Metapsy count columns of one comparison, or 0 when either is missing.
int SumOf(const evidence::EffectRecord& record, const char* first, const char* second) {
  int total = 0;
  for (const char* column : {first, second}) {
    auto it = record.attributes.find(column);
    if (it == record.attributes.end()) return 0;
    const std::optional<double> n =
        evidence::ParseNumber(it->second, evidence::kMetapsyDialect.decimal_mark);
    if (!n || !std::isfinite(*n)) return 0;
    total += static_cast<int>(std::lround(*n));
  }
  return total;
}

// Participants analysed in one comparison: n_arm1 + n_arm2 (continuous outcomes), else
// totaln_arm1 + totaln_arm2 (event outcomes).
int Participants(const evidence::EffectRecord& record) {
  const int continuous = SumOf(record, "n_arm1", "n_arm2");
  return continuous > 0 ? continuous : SumOf(record, "totaln_arm1", "totaln_arm2");
}

// Participants over the studies: the largest comparison of each study, so that a study's several
// outcomes are counted once.
int StudyParticipants(const evidence::EffectRecords& rows) {
  std::map<std::string, int> by_study;
  for (const evidence::EffectRecord& row : rows) {
    by_study[row.study] = std::max(by_study[row.study], Participants(row));
  }
  int total = 0;
  for (const auto& [study, n] : by_study) total += n;
  return total;
}

bool Selected(const evidence::EffectRecord& record, const SynthesisSpec& spec) {
  for (const auto& [column, values] : spec.select) {
    auto it = record.attributes.find(column);
    if (it == record.attributes.end()) return false;
    if (std::find(values.begin(), values.end(), it->second) == values.end()) return false;
  }
  return true;
}

std::string ModelLabel(const SynthesisSpec& spec) {
  std::string label = stats::Tau2MethodName(spec.method);
  if (spec.method != stats::Tau2Method::kFe) label = "random effects (" + label + ")";
  return label +
         (spec.one_effect_per_study ? ", one effect per study (rho 0.5)" : ", every comparison");
}

StatusOr<PooledSummary> PoolRows(const evidence::EffectRecords& rows, const SynthesisSpec& spec) {
  const evidence::EffectRecords pooled_rows =
      spec.one_effect_per_study ? evidence::AverageWithinStudy(rows) : rows;
  stats::RmaOptions options;
  options.method = spec.method;
  StatusOr<evidence::PooledEstimate> pooled = evidence::Pool(pooled_rows, options);
  if (!pooled.ok()) return pooled.status();
  PooledSummary summary;
  summary.comparisons = static_cast<int>(rows.size());
  summary.studies = static_cast<int>(pooled->studies);
  summary.participants = StudyParticipants(rows);
  const stats::RmaResult& fit = pooled->fit;
  summary.g = {fit.estimate[0], fit.ci_lb[0], fit.ci_ub[0]};
  summary.se = fit.se[0];
  if (fit.k >= 3) {
    summary.prediction_interval =
        std::make_pair(pooled->prediction.pi_lb, pooled->prediction.pi_ub);
  }
  summary.tau2 = fit.tau2;
  summary.i2 = fit.i2;
  summary.model = ModelLabel(spec);
  return summary;
}

std::vector<std::string> StudyLabels(const evidence::EffectRecords& rows) {
  std::vector<std::string> labels;
  for (const evidence::EffectRecord& row : rows) {
    if (std::find(labels.begin(), labels.end(), row.study) == labels.end()) {
      labels.push_back(row.study);
    }
  }
  return labels;
}

StatusOr<ComputedSynthesis> RunOne(const SynthesisSpec& spec,
                                   std::span<const evidence::EffectRecord> comparisons) {
  for (const auto& [column, values] : spec.select) {
    const bool known = std::any_of(
        comparisons.begin(), comparisons.end(),
        [&column = column](const auto& row) { return row.attributes.contains(column); });
    if (!known) return Status::InvalidArgument("no comparison has the column '" + column + "'");
  }
  evidence::EffectRecords rows;
  for (const evidence::EffectRecord& row : comparisons) {
    if (Selected(row, spec)) rows.push_back(row);
  }
  if (rows.empty()) return Status::InvalidArgument("selects no comparison");
  ComputedSynthesis synthesis{spec, {}, std::nullopt, StudyLabels(rows)};
  StatusOr<PooledSummary> pooled = PoolRows(rows, spec);
  if (!pooled.ok()) return pooled.status();
  synthesis.pooled = std::move(*pooled);
  if (spec.low_risk_of_bias_sensitivity) {
    StatusOr<evidence::EffectRecords> low_risk =
        evidence::KeepAtLeast(rows, "rob", spec.low_risk_min_rob);
    if (!low_risk.ok()) return low_risk.status();
    if (!low_risk->empty()) {
      StatusOr<PooledSummary> sensitivity = PoolRows(*low_risk, spec);
      if (!sensitivity.ok()) return sensitivity.status();
      synthesis.low_risk_of_bias = std::move(*sensitivity);
    }
  }
  return synthesis;
}

}  // namespace

bool HasResult(const EvidenceEntry& entry) {
  if (entry.value) return true;
  return std::any_of(entry.arms.begin(), entry.arms.end(), [](const ArmResult& arm) {
    return arm.percent.has_value() || (arm.events.has_value() && arm.n.has_value());
  });
}

bool IsResistantPopulation(EvidencePopulation population) {
  return population == EvidencePopulation::kTrd ||
         population == EvidencePopulation::kInadequateResponse;
}

std::string UnsupportedLevel(const Intervention& option,
                             std::span<const SynthesisSpec* const> option_syntheses) {
  auto any = [&](auto predicate) {
    return std::any_of(option.evidence.begin(), option.evidence.end(),
                       [&](const EvidenceEntry& e) { return !e.class_level && predicate(e); });
  };
  auto comparative = [](const EvidenceEntry& e) {
    return e.favours == Favours::kHigher || e.favours == Favours::kLower;
  };
  auto pooled = [&](const EvidenceEntry& e) {
    return e.value && e.k.value_or(1) >= 2 && comparative(e);
  };
  switch (option.evidence_level) {
    case EvidenceLevel::kTrdMetaAnalysis:
      return any([&](const auto& e) {
        return e.population == EvidencePopulation::kTrd && pooled(e);
      })
                 ? ""
                 : "a pooled comparative estimate (k >= 2) from a TRD population";
    case EvidenceLevel::kInadequateResponseMetaAnalysis:
      return any([&](const auto& e) { return IsResistantPopulation(e.population) && pooled(e); })
                 ? ""
                 : "a pooled comparative estimate (k >= 2) after >= 1 failed antidepressant";
    case EvidenceLevel::kTrdRct:
      return any([&](const auto& e) {
        return e.population == EvidencePopulation::kTrd && HasResult(e) && comparative(e);
      })
                 ? ""
                 : "a TRD entry with a result that compares the option with a control";
    case EvidenceLevel::kInadequateResponseRct:
      return any([](const auto& e) { return IsResistantPopulation(e.population) && HasResult(e); })
                 ? ""
                 : "an entry with a result after >= 1 failed antidepressant";
    case EvidenceLevel::kTrdNonRandomised:
      return any([](const auto& e) {
        return e.population == EvidencePopulation::kTrd && HasResult(e);
      })
                 ? ""
                 : "a TRD entry with a result";
    case EvidenceLevel::kIndirect:
      return any([](const auto& e) { return HasResult(e); }) || !option_syntheses.empty()
                 ? ""
                 : "an entry with a result or a synthesis";
    case EvidenceLevel::kNotReviewed:
      return option.evidence.empty() && option_syntheses.empty()
                 ? ""
                 : "no evidence entry and no synthesis (the option was not reviewed)";
    case EvidenceLevel::kNoTrdEstimate:
    case EvidenceLevel::kNoCompletedTrdTrial:
      return "";
  }
  return "";
}

std::string_view ToString(SynthesisScope scope) {
  switch (scope) {
    case SynthesisScope::kOption:
      return "option";
    case SynthesisScope::kClass:
      return "class";
    case SynthesisScope::kExploratory:
      return "exploratory";
  }
  return "?";
}

std::optional<ArmEffect> ComputeArmEffect(const EvidenceEntry& entry) {
  if (entry.arms.size() != 2 || !HasCounts(entry.arms[0]) || !HasCounts(entry.arms[1])) {
    return std::nullopt;
  }
  if (entry.k.value_or(1) > 1) return std::nullopt;  // totals over studies: never collapse
  if (entry.favours != Favours::kHigher && entry.favours != Favours::kLower) return std::nullopt;
  const ArmResult& first = entry.arms[0];
  const ArmResult& second = entry.arms[1];
  if (*first.events > *first.n || *second.events > *second.n) return std::nullopt;
  const stats::BinaryRow table{
      static_cast<double>(*first.events), static_cast<double>(*first.n - *first.events),
      static_cast<double>(*second.events), static_cast<double>(*second.n - *second.events)};
  StatusOr<stats::EffectSizes> rr = stats::ComputeBinary({&table, 1}, stats::EffectMeasure::kLogRr);
  StatusOr<stats::EffectSizes> odds =
      stats::ComputeBinary({&table, 1}, stats::EffectMeasure::kLogOr);
  if (!rr.ok() || !odds.ok() || !std::isfinite(rr->yi[0]) || !std::isfinite(odds->yi[0])) {
    return std::nullopt;
  }
  ArmEffect effect;
  effect.risk_ratio = Exponentiated(rr->yi[0], rr->vi[0]);
  effect.odds_ratio = Exponentiated(odds->yi[0], odds->vi[0]);
  effect.arms = fmt::format("{} {}/{} vs {} {}/{}", first.label, *first.events, *first.n,
                            second.label, *second.events, *second.n);
  const bool corrected = *first.events == 0 || *second.events == 0 || *first.events == *first.n ||
                         *second.events == *second.n;
  effect.method = std::string("escalc RR and OR with Wald 95% CI (metafor)") +
                  (corrected ? "; 1/2 added to every cell (zero cell)" : "");
  return effect;
}

bool ShowsClearBenefit(EffectMeasure measure, Favours favours, double ci_low, double ci_high) {
  if (measure == EffectMeasure::kPrePostEs) return false;
  const double null_value = IsRatio(measure) ? 1.0 : 0.0;
  if (favours == Favours::kHigher) return ci_low > null_value;
  if (favours == Favours::kLower) return ci_high < null_value;
  return false;
}

std::optional<std::pair<double, double>> EntryInterval(const EvidenceEntry& entry) {
  if (entry.ci) return entry.ci;
  if (entry.value && entry.se && !IsRatio(entry.measure)) {
    return std::make_pair(*entry.value - kZ95 * *entry.se, *entry.value + kZ95 * *entry.se);
  }
  return std::nullopt;
}

StatusOr<std::vector<ComputedSynthesis>> RunSyntheses(
    std::span<const SynthesisSpec> specs, std::span<const evidence::EffectRecord> comparisons) {
  std::vector<ComputedSynthesis> results;
  std::vector<std::string> errors;
  for (const SynthesisSpec& spec : specs) {
    StatusOr<ComputedSynthesis> result = RunOne(spec, comparisons);
    if (!result.ok()) {
      errors.push_back("synthesis '" + spec.id + "': " + result.status().message());
      continue;
    }
    results.push_back(std::move(*result));
  }
  if (!errors.empty()) return Status::InvalidArgument(fmt::format("{}", fmt::join(errors, "\n")));
  return results;
}

std::vector<const ComputedSynthesis*> SynthesesFor(std::span<const ComputedSynthesis> syntheses,
                                                   std::string_view intervention_id) {
  std::vector<const ComputedSynthesis*> found;
  for (const ComputedSynthesis& synthesis : syntheses) {
    const auto& ids = synthesis.spec.interventions;
    if (std::find(ids.begin(), ids.end(), intervention_id) != ids.end()) {
      found.push_back(&synthesis);
    }
  }
  return found;
}

}  // namespace refract
