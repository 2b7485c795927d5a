// "Not on track" (NOT) early warnings: the measures-decisions.md §10.4 ordered rule set (POLICY)
// with the §10.2 parametric expected-treatment-response (ETR) model and the §11 early-worsening
// window.
//
// Evaluated at each new administration, against the step baseline (§9: the score at the start of
// the current treatment step):
//   1. SAFETY: every safety alert of the current administration (independent of all below; never
//      downgraded).
//   2. RED_DETERIORATION: delta >= the instrument's reliable-change value (PHQ-9: +6).
//   3. RED_NOT_ON_TRACK: with an ETR norm set, at t >= 2, y_t > U_t(I).
//   4. YELLOW_INSUFFICIENT_PROGRESS (fallback when no norm set): elapsed >= 4, reduction < 25 %,
//      X >= 10.
//   5. WHITE_NONCASE: X < 10. GREEN_ON_TRACK: reliable improvement with X >= 10, or (with a norm
//      set, t >= 2) inside the expected-response band with X >= 10 (the §10.4 table's "on track").
//   Otherwise NO_SIGNAL. Rules 2-5 give one trajectory flag: the first that fires.
// Time: `elapsed` counts whole weeks or sessions since the step start (0 at the step start); the
// ETR index is t = elapsed + 1 (t = 1 at intake, §10.2). The unit is explicit and must match the
// norm set.
// Early worsening (§11): during a modality listed in the parameters (ISTDP, STPP) and within the
// first N sessions, RED_NOT_ON_TRACK becomes REVIEW with the reason; RED_DETERIORATION stays but
// is annotated; SAFETY is never changed. Flags are prompts for review, never automatic escalation.
// Every flag records the rule, the norm set (or "rational rules") and the modality (audit trail).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "refract/base/status.h"
#include "refract/measures/instrument.h"
#include "refract/measures/parameters.h"
#include "refract/measures/safety.h"
#include "refract/measures/score.h"

namespace refract::measures {

enum class TimeUnit { kWeeks, kSessions };
std::string_view ToString(TimeUnit unit);  // "weeks", "sessions"

// §10.2 two-level model fitted on local data (no published parameters exist):
//   ŷ_t(I) = β00 + β01 (I - Ī) + [β10 + β11 (I - Ī)] ln t
//   V_t = τ00 + 2 ln(t) τ01 + ln(t)² τ11 + σ²;   U_t(I) = ŷ_t(I) + z_p sqrt(V_t)
struct EtrNormSet {
  std::string id{};
  std::string modality{};  // the modality it was fitted on; "" = not modality-specific
  TimeUnit time_unit = TimeUnit::kSessions;
  double beta00 = 0;
  double beta01 = 0;
  double intake_mean = 0;  // Ī
  double beta10 = 0;
  double beta11 = 0;
  double tau00 = 0;
  double tau01 = 0;
  double tau11 = 0;
  double sigma2 = 0;
  std::optional<double> boundary_percentile{};  // empty = parameters' not_on_track p (0.90 [U])
};

enum class EtrPosition { kAboveBoundary, kWorseThanExpected, kBetterThanExpected };
std::string_view ToString(EtrPosition position);

struct EtrPoint {
  int t = 1;
  double expected = 0;                                      // ŷ_t(I)
  double upper = 0;                                         // U_t(I)
  double z = 0;                                             // z_p
  EtrPosition position = EtrPosition::kBetterThanExpected;  // y <= ŷ is "better than expected"
};

// kInvalidArgument when t < 1, p is outside (0.5, 1) or V_t < 0.
StatusOr<EtrPoint> EvaluateEtr(const EtrNormSet& norms, int intake, int t, int observed,
                               double percentile);

// Φ⁻¹(p) for 0 < p < 1 (p = 0.90 -> 1.2816).
double NormalQuantile(double p);

enum class NotOnTrackSignal {
  kSafety,
  kRedDeterioration,
  kRedNotOnTrack,
  kReview,
  kYellowInsufficientProgress,
  kWhiteNoncase,
  kGreenOnTrack,
  kNoSignal
};
std::string_view ToString(NotOnTrackSignal signal);  // "SAFETY", "RED_DETERIORATION", ...

struct NotOnTrackFlag {
  NotOnTrackSignal signal = NotOnTrackSignal::kNoSignal;
  std::string rule;  // e.g. "measures-decisions.md §10.4 rule 3 (empirical NOT)"
  std::string reason;
  std::string norm_set;  // ETR norm set id, or "rational rules (no norm set)"
  std::string modality;
  bool in_early_worsening_window = false;
  std::string annotation;           // early-worsening context, when applied
  std::vector<SafetyAlert> alerts;  // kSafety: the alert it carries
  std::vector<Parameter> basis;

  bool provisional() const { return AnyUnconfirmed(basis); }
};

struct NotOnTrackContext {
  TimeUnit time_unit = TimeUnit::kWeeks;
  int elapsed = 0;         // weeks or sessions since the step start
  std::string modality{};  // psychotherapy modality id ("istdp", "stpp", "cbt", ...) or ""
  std::optional<int> sessions_since_step_start{};  // for the §11 window when time is in weeks
  std::optional<EtrNormSet> norms{};
};

struct NotOnTrackResult {
  std::vector<NotOnTrackFlag> flags;  // SAFETY flags first, then exactly one trajectory flag
  std::optional<EtrPoint> etr;

  const NotOnTrackFlag& trajectory() const { return flags.back(); }
};

// Errors (kInvalidArgument): an administration not of `instrument`, elapsed < 0, a norm set in
// another time unit, or fitted on another modality. An instrument without a configured rule set, or
// a missing total, is not an error: SAFETY flags are still raised and the trajectory flag is
// NO_SIGNAL with the reason.
StatusOr<NotOnTrackResult> EvaluateNotOnTrack(const InstrumentDefinition& instrument,
                                              const ScoredAdministration& step_baseline,
                                              const ScoredAdministration& current,
                                              const NotOnTrackContext& context,
                                              const MeasuresParameters& parameters);

}  // namespace refract::measures
