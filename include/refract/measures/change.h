// Change between two administrations of the same instrument (measures-decisions.md §9).
//
// ClassifyChange shows every lens at once (§9.6 "the engine should show all three lenses"):
// percent-change category, remission, PHQ-9 clinically significant improvement (Kroenke), the
// instrument's reliable-change value in points, and Jacobson-Truax when the caller passes norms.
// Change uses total_rounded (round half up, §1.4 POLICY) of each administration.
// Never computed across instruments or time frames (§13.19, §7.1).
// Safety alerts of both administrations are copied into the result unchanged (§0.6).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "refract/base/status.h"
#include "refract/measures/instrument.h"
#include "refract/measures/jacobson_truax.h"
#include "refract/measures/parameters.h"
#include "refract/measures/safety.h"
#include "refract/measures/score.h"

namespace refract::measures {

enum class PercentCategory { kResponse, kPartialResponse, kNonresponse };
enum class ReliableChangeDirection { kImprovement, kDeterioration, kNone };
std::string_view ToString(
    PercentCategory category);  // "response", "partial_response", "nonresponse"
std::string_view ToString(
    ReliableChangeDirection direction);  // "improvement", "deterioration", "none"

struct PercentChange {
  double percent = 0;  // 100 (B - X) / B, for display only
  PercentCategory category = PercentCategory::kNonresponse;
  std::vector<Parameter> basis;
};

// Exact integer arithmetic at the boundaries (§0.4): response <=> 100 (B - X) >= r B.
// kInvalidArgument for a higher-better scale (§9.1 POLICY: use reliable change and cut-offs);
// kFailedPrecondition when B <= 0 (undefined).
StatusOr<PercentChange> ClassifyPercentChange(int baseline, int follow_up, Direction direction,
                                              const PercentChangeParameters& parameters);

// Reliable change in points: improvement when the change in the healthy direction is >= points.
ReliableChangeDirection ClassifyPointsChange(int baseline, int follow_up, Direction direction,
                                             int points);

struct PointsReliableChange {
  Parameter threshold;
  ReliableChangeDirection direction = ReliableChangeDirection::kNone;
};

struct ChangeOptions {
  std::string subscale{};         // "" = total; PANAS: "pa" or "na"
  std::string remission{};        // remission threshold id, "" = default (MADRS: "le10")
  std::string reliable_change{};  // RC value id, "" = default (GAD-7: "nhs_tt"; "bischoff2020")
  std::optional<JacobsonTruaxNorms> norms{};  // none ship with Refract
};

struct ChangeResult {
  std::string instrument_id;
  std::string scale;  // "total" or the subscale id
  Direction direction = Direction::kHigherWorse;
  int baseline = 0;
  int follow_up = 0;
  int delta = 0;          // follow_up - baseline
  bool prorated = false;  // either total was prorated
  std::optional<std::string> baseline_band;
  std::optional<std::string> follow_up_band;
  std::optional<PercentChange> percent;
  std::string percent_note;       // why `percent` is empty
  std::optional<bool> remission;  // empty when the instrument defines no remission threshold
  std::optional<bool> significant_improvement;  // PHQ-9 Kroenke "<= 9 and >= 50 %"
  std::optional<PointsReliableChange> reliable_change;
  std::optional<JacobsonTruaxResult> jacobson_truax;
  std::string jacobson_truax_note;  // "no norms configured" when norms were not passed
  std::vector<SafetyAlert> safety;  // baseline's, then follow-up's
  std::vector<Parameter> basis;     // every threshold used

  bool provisional() const { return AnyUnconfirmed(basis); }
};

// Errors: kInvalidArgument when an administration is not of `instrument`, the time frames differ,
// or the subscale / remission / reliable-change id is unknown (or a subscale is missing for PANAS);
// kFailedPrecondition when either administration has no total (the message gives its reason).
StatusOr<ChangeResult> ClassifyChange(const InstrumentDefinition& instrument,
                                      const ScoredAdministration& baseline,
                                      const ScoredAdministration& follow_up,
                                      const MeasuresParameters& parameters,
                                      const PercentChangeParameters& percent,
                                      const ChangeOptions& options = {});

}  // namespace refract::measures
