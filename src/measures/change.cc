#include "refract/measures/change.h"

#include <fmt/format.h>

#include "make_parameter.h"

namespace refract::measures {
namespace {

// The totals compared: the instrument total or one subscale (PANAS).
struct Scale {
  std::string id;
  Direction direction;
};

StatusOr<Scale> ResolveScale(const InstrumentDefinition& instrument, const ChangeOptions& options) {
  if (options.subscale.empty()) {
    if (instrument.aggregation == Aggregation::kSubscales) {
      return Status::InvalidArgument(instrument.name + " has no total: choose a subscale");
    }
    return Scale{"total", instrument.direction};
  }
  const Subscale* subscale = instrument.FindSubscale(options.subscale);
  if (!subscale) {
    return Status::InvalidArgument(
        fmt::format("{} has no subscale '{}'", instrument.name, options.subscale));
  }
  return Scale{subscale->id, subscale->direction};
}

StatusOr<int> TotalOf(const InstrumentDefinition& instrument, const ScoredAdministration& scored,
                      const Scale& scale, const char* which) {
  if (scale.id == "total") {
    if (scored.total_rounded) return *scored.total_rounded;
    return Status::FailedPrecondition(
        fmt::format("{} {} has no total: {}", instrument.name, which, scored.not_scored_reason));
  }
  const SubscaleScore* subscale = scored.FindSubscale(scale.id);
  if (subscale && subscale->total) return *subscale->total;
  return Status::FailedPrecondition(fmt::format("{} {} has no {} score: {}", instrument.name, which,
                                                scale.id,
                                                subscale ? subscale->not_scored_reason : ""));
}

Status CheckPair(const InstrumentDefinition& instrument, const ScoredAdministration& baseline,
                 const ScoredAdministration& follow_up) {
  for (const ScoredAdministration* scored : {&baseline, &follow_up}) {
    if (scored->instrument_id != instrument.id) {
      return Status::InvalidArgument(
          fmt::format("change is never computed across instruments ({} vs {}, "
                      "docs/measures-decisions.md §13.19)",
                      scored->instrument_id, instrument.id));
    }
  }
  if (baseline.time_frame != follow_up.time_frame) {
    return Status::InvalidArgument(
        fmt::format("{}: time frames differ ('{}' vs '{}'); scores are not comparable "
                    "(docs/measures-decisions.md §7.1)",
                    instrument.name, baseline.time_frame, follow_up.time_frame));
  }
  return Status::Ok();
}

// 100 (B - X) >= pct * B, exactly (docs/measures-decisions.md §0.4).
bool ReductionAtLeast(int baseline, int follow_up, int pct) {
  return 100 * (baseline - follow_up) >= pct * baseline;
}

void AddPercent(ChangeResult& result, const PercentChangeParameters& parameters) {
  StatusOr<PercentChange> percent =
      ClassifyPercentChange(result.baseline, result.follow_up, result.direction, parameters);
  if (!percent.ok()) {
    result.percent_note = percent.status().message();
    return;
  }
  result.basis.insert(result.basis.end(), percent->basis.begin(), percent->basis.end());
  result.percent = std::move(*percent);
}

Status AddRemission(ChangeResult& result, const InstrumentDefinition& instrument,
                    const ChangeOptions& options) {
  if (result.scale != "total" || (instrument.remission.empty() && options.remission.empty())) {
    return Status::Ok();
  }
  const Parameter* threshold = instrument.FindRemission(options.remission);
  if (!threshold) {
    return Status::InvalidArgument(
        fmt::format("{} has no remission threshold '{}'", instrument.name, options.remission));
  }
  result.remission = result.follow_up <= threshold->value;
  result.basis.push_back(*threshold);
  return Status::Ok();
}

void AddSignificantImprovement(ChangeResult& result, const InstrumentDefinition& instrument) {
  if (result.scale != "total" || !instrument.significant_improvement || result.baseline <= 0)
    return;
  const SignificantImprovementRule& rule = *instrument.significant_improvement;
  result.significant_improvement =
      result.follow_up <= rule.max_total &&
      ReductionAtLeast(result.baseline, result.follow_up, rule.min_reduction_pct);
  result.basis.push_back(internal::MakeParameter(instrument.id + ".significant_improvement",
                                                 rule.max_total, rule.provenance));
}

Status AddReliableChange(ChangeResult& result, const InstrumentDefinition& instrument,
                         const ChangeOptions& options) {
  if (result.scale != "total" ||
      (instrument.reliable_change.empty() && options.reliable_change.empty())) {
    return Status::Ok();
  }
  const Parameter* points = instrument.FindReliableChange(options.reliable_change);
  if (!points) {
    return Status::InvalidArgument(fmt::format("{} has no reliable-change value '{}'",
                                               instrument.name, options.reliable_change));
  }
  result.reliable_change = PointsReliableChange{
      .threshold = *points,
      .direction = ClassifyPointsChange(result.baseline, result.follow_up, result.direction,
                                        static_cast<int>(points->value))};
  result.basis.push_back(*points);
  return Status::Ok();
}

Status AddJacobsonTruax(ChangeResult& result, const ChangeOptions& options,
                        const JacobsonTruaxParameters& parameters) {
  if (!options.norms) {
    result.jacobson_truax_note = "no norms configured";
    return Status::Ok();
  }
  StatusOr<JacobsonTruaxResult> jt = JacobsonTruax(result.baseline, result.follow_up,
                                                   result.direction, *options.norms, parameters);
  if (!jt.ok()) return jt.status();
  result.jacobson_truax = std::move(*jt);
  result.basis.push_back(parameters.z);
  result.basis.push_back(parameters.sd_multiplier);
  return Status::Ok();
}

}  // namespace

std::string_view ToString(PercentCategory category) {
  switch (category) {
    case PercentCategory::kResponse:
      return "response";
    case PercentCategory::kPartialResponse:
      return "partial_response";
    case PercentCategory::kNonresponse:
      return "nonresponse";
  }
  return "nonresponse";
}

std::string_view ToString(ReliableChangeDirection direction) {
  switch (direction) {
    case ReliableChangeDirection::kImprovement:
      return "improvement";
    case ReliableChangeDirection::kDeterioration:
      return "deterioration";
    case ReliableChangeDirection::kNone:
      return "none";
  }
  return "none";
}

StatusOr<PercentChange> ClassifyPercentChange(int baseline, int follow_up, Direction direction,
                                              const PercentChangeParameters& parameters) {
  if (direction == Direction::kHigherBetter) {
    return Status::InvalidArgument(
        "percent change is not used for higher-better scales; use reliable change and cut-offs "
        "(docs/measures-decisions.md §9.1 POLICY)");
  }
  if (baseline <= 0) {
    return Status::FailedPrecondition(
        "percent change is undefined for a baseline of 0 (docs/measures-decisions.md §0.4)");
  }
  PercentChange change;
  change.percent = 100.0 * (baseline - follow_up) / baseline;
  const int response = static_cast<int>(parameters.response_pct.value);
  const int partial = static_cast<int>(parameters.partial_response_pct.value);
  if (ReductionAtLeast(baseline, follow_up, response)) {
    change.category = PercentCategory::kResponse;
  } else if (ReductionAtLeast(baseline, follow_up, partial)) {
    change.category = PercentCategory::kPartialResponse;
  }
  change.basis = {parameters.response_pct, parameters.partial_response_pct};
  return change;
}

ReliableChangeDirection ClassifyPointsChange(int baseline, int follow_up, Direction direction,
                                             int points) {
  const int healthy_change =
      direction == Direction::kHigherWorse ? baseline - follow_up : follow_up - baseline;
  if (healthy_change >= points) return ReliableChangeDirection::kImprovement;
  if (-healthy_change >= points) return ReliableChangeDirection::kDeterioration;
  return ReliableChangeDirection::kNone;
}

StatusOr<ChangeResult> ClassifyChange(const InstrumentDefinition& instrument,
                                      const ScoredAdministration& baseline,
                                      const ScoredAdministration& follow_up,
                                      const MeasuresParameters& parameters,
                                      const PercentChangeParameters& percent,
                                      const ChangeOptions& options) {
  if (Status status = CheckPair(instrument, baseline, follow_up); !status.ok()) return status;
  StatusOr<Scale> scale = ResolveScale(instrument, options);
  if (!scale.ok()) return scale.status();
  StatusOr<int> first = TotalOf(instrument, baseline, *scale, "baseline");
  if (!first.ok()) return first.status();
  StatusOr<int> last = TotalOf(instrument, follow_up, *scale, "follow-up");
  if (!last.ok()) return last.status();

  ChangeResult result;
  result.instrument_id = instrument.id;
  result.scale = scale->id;
  result.direction = scale->direction;
  result.baseline = *first;
  result.follow_up = *last;
  result.delta = *last - *first;
  result.prorated = baseline.prorated || follow_up.prorated;
  if (scale->id == "total") {
    result.baseline_band = baseline.band;
    result.follow_up_band = follow_up.band;
  }
  AddPercent(result, percent);
  AddSignificantImprovement(result, instrument);
  for (Status status :
       {AddRemission(result, instrument, options), AddReliableChange(result, instrument, options),
        AddJacobsonTruax(result, options, parameters.jacobson_truax)}) {
    if (!status.ok()) return status;
  }
  result.safety = baseline.safety;
  result.safety.insert(result.safety.end(), follow_up.safety.begin(), follow_up.safety.end());
  return result;
}

}  // namespace refract::measures
