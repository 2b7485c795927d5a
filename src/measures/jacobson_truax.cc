#include "refract/measures/jacobson_truax.h"

#include <fmt/format.h>

#include <cmath>

namespace refract::measures {
namespace {

Status CheckNorms(const JacobsonTruaxNorms& norms) {
  if (!(norms.clinical_sd > 0)) {
    return Status::InvalidArgument(
        fmt::format("Jacobson-Truax norms '{}': clinical SD must be > 0", norms.id));
  }
  if (!(norms.reliability >= 0 && norms.reliability < 1)) {
    return Status::InvalidArgument(
        fmt::format("Jacobson-Truax norms '{}': reliability must be in [0, 1)", norms.id));
  }
  if (norms.functional_sd && !(*norms.functional_sd > 0)) {
    return Status::InvalidArgument(
        fmt::format("Jacobson-Truax norms '{}': functional SD must be > 0", norms.id));
  }
  return Status::Ok();
}

// "Crossed": the baseline is in the clinical range and the follow-up is strictly beyond the cut-off
// in the healthy direction (measures-decisions.md §9.3 POLICY, strict).
JtCriterion Criterion(double cutoff, int baseline, int follow_up, Direction direction,
                      JtClass reliable_change_class) {
  const bool crossed = direction == Direction::kHigherWorse
                           ? baseline >= cutoff && follow_up < cutoff
                           : baseline <= cutoff && follow_up > cutoff;
  JtClass classification = reliable_change_class;
  if (classification == JtClass::kImproved && crossed) classification = JtClass::kRecovered;
  return {.cutoff = cutoff, .crossed = crossed, .classification = classification};
}

}  // namespace

std::string_view ToString(JtClass jt_class) {
  switch (jt_class) {
    case JtClass::kRecovered:
      return "recovered";
    case JtClass::kImproved:
      return "improved";
    case JtClass::kUnchanged:
      return "unchanged";
    case JtClass::kDeteriorated:
      return "deteriorated";
  }
  return "unchanged";
}

StatusOr<JacobsonTruaxResult> JacobsonTruax(int baseline, int follow_up, Direction direction,
                                            const JacobsonTruaxNorms& norms,
                                            const JacobsonTruaxParameters& parameters) {
  if (Status status = CheckNorms(norms); !status.ok()) return status;
  const double z = parameters.z.value;
  const double k = parameters.sd_multiplier.value;
  JacobsonTruaxResult result;
  result.norms_id = norms.id;
  result.se = norms.clinical_sd * std::sqrt(1 - norms.reliability);
  result.s_diff = std::sqrt(2 * result.se * result.se);
  result.rc = (follow_up - baseline) / result.s_diff;
  result.min_reliable_change = static_cast<int>(std::ceil(z * result.s_diff));
  result.reliable = std::abs(result.rc) > z;
  const double healthy_rc = direction == Direction::kHigherWorse ? -result.rc : result.rc;
  if (result.reliable) {
    result.reliable_change_class = healthy_rc > 0 ? JtClass::kImproved : JtClass::kDeteriorated;
  }
  const double sign = direction == Direction::kHigherWorse ? 1 : -1;
  const JtClass rc_class = result.reliable_change_class;
  if (norms.clinical_mean) {
    const double a = *norms.clinical_mean - sign * k * norms.clinical_sd;
    result.a = Criterion(a, baseline, follow_up, direction, rc_class);
  }
  if (norms.functional_mean && norms.functional_sd) {
    const double b = *norms.functional_mean + sign * k * *norms.functional_sd;
    result.b = Criterion(b, baseline, follow_up, direction, rc_class);
  }
  if (norms.clinical_mean && norms.functional_mean && norms.functional_sd) {
    const double s0 = *norms.functional_sd;
    const double s1 = norms.clinical_sd;
    const double c = (s0 * *norms.clinical_mean + s1 * *norms.functional_mean) / (s0 + s1);
    result.c = Criterion(c, baseline, follow_up, direction, rc_class);
  }
  return result;
}

}  // namespace refract::measures
