#include "refract/measures/not_on_track.h"

#include <fmt/format.h>

#include <algorithm>

#include "make_parameter.h"

namespace refract::measures {
namespace {

constexpr const char* kRationalRules = "rational rules (no norm set)";

// Everything rules 2-5 read.
struct Trajectory {
  const InstrumentDefinition& instrument;
  const NotOnTrackContext& context;
  const NotOnTrackParameters& rules;
  int baseline = 0;
  int current = 0;
  const Parameter* reliable_change = nullptr;
  std::optional<EtrPoint> etr = std::nullopt;
  Parameter percentile = {};
  std::string window_annotation = "";  // non-empty inside the §11 early-worsening window
};

NotOnTrackFlag MakeFlag(const Trajectory& trajectory, NotOnTrackSignal signal, std::string rule,
                        std::string reason, std::vector<Parameter> basis) {
  const NotOnTrackContext& context = trajectory.context;
  NotOnTrackFlag flag;
  flag.signal = signal;
  flag.rule = std::move(rule);
  flag.reason = std::move(reason);
  flag.norm_set = context.norms ? context.norms->id : kRationalRules;
  flag.modality = context.modality;
  flag.basis = std::move(basis);
  return flag;
}

// What the window means for each flag inside it. A reliable deterioration stays one: the expected
// early rise is context for it, never a reason to wait. An empirical not-on-track flag becomes a
// prompt to review (§11: not a verdict, no automatic escalation).
constexpr const char* kDeteriorationInWindow =
    "This is context only: the rise is still a reliable deterioration and needs review now";
constexpr const char* kNotOnTrackInWindow =
    "The not-on-track flag is a prompt to review in context, not a reason to change treatment on "
    "its own";

// §11: inside the window the flag is annotated (and RED_NOT_ON_TRACK becomes REVIEW).
void ApplyWindow(const Trajectory& trajectory, const char* meaning, NotOnTrackFlag& flag) {
  if (trajectory.window_annotation.empty()) return;
  flag.in_early_worsening_window = true;
  flag.annotation = trajectory.window_annotation + ". " + meaning;
  flag.basis.push_back(trajectory.rules.early_worsening_window_sessions);
}

std::string WindowAnnotation(const NotOnTrackContext& context, const NotOnTrackParameters& rules) {
  const std::vector<std::string>& modalities = rules.early_worsening_modalities;
  if (std::find(modalities.begin(), modalities.end(), context.modality) == modalities.end())
    return "";
  const std::optional<int> sessions = context.time_unit == TimeUnit::kSessions
                                          ? std::optional<int>(context.elapsed)
                                          : context.sessions_since_step_start;
  const int window = static_cast<int>(rules.early_worsening_window_sessions.value);
  if (!sessions || *sessions > window) return "";
  return fmt::format(
      "inside the expected early-worsening window ({} session {} of the first {}): symptoms may "
      "rise before they fall in intensive psychodynamic therapy (Halstensen et al. 2021 [V], "
      "docs/measures-decisions.md §11)",
      context.modality, *sessions, window);
}

std::optional<NotOnTrackFlag> Deterioration(const Trajectory& trajectory) {
  if (!trajectory.reliable_change) return std::nullopt;
  const int points = static_cast<int>(trajectory.reliable_change->value);
  const int delta = trajectory.current - trajectory.baseline;
  if (delta < points) return std::nullopt;
  NotOnTrackFlag flag = MakeFlag(
      trajectory, NotOnTrackSignal::kRedDeterioration,
      "docs/measures-decisions.md §10.4 rule 2 (reliable deterioration)",
      fmt::format("{} {} -> {}: +{} points since the step baseline (reliable change >= {})",
                  trajectory.instrument.name, trajectory.baseline, trajectory.current, delta,
                  points),
      {*trajectory.reliable_change});
  ApplyWindow(trajectory, kDeteriorationInWindow, flag);
  return flag;
}

std::optional<NotOnTrackFlag> EmpiricalNot(const Trajectory& trajectory) {
  if (!trajectory.etr || trajectory.etr->position != EtrPosition::kAboveBoundary)
    return std::nullopt;
  const EtrPoint& etr = *trajectory.etr;
  NotOnTrackFlag flag =
      MakeFlag(trajectory, NotOnTrackSignal::kRedNotOnTrack,
               "docs/measures-decisions.md §10.4 rule 3 (empirical NOT)",
               fmt::format("{} = {} at t = {} is above the expected-response boundary U_t = {:.2f} "
                           "(expected {:.2f}, p = {}, z = {:.4f})",
                           trajectory.instrument.name, trajectory.current, etr.t, etr.upper,
                           etr.expected, trajectory.percentile.value, etr.z),
               {trajectory.percentile});
  ApplyWindow(trajectory, kNotOnTrackInWindow, flag);
  if (flag.in_early_worsening_window) flag.signal = NotOnTrackSignal::kReview;
  return flag;
}

std::optional<NotOnTrackFlag> InsufficientProgress(const Trajectory& trajectory) {
  const NotOnTrackParameters& rules = trajectory.rules;
  const int min_elapsed = static_cast<int>(rules.min_elapsed.value);
  const int max_pct = static_cast<int>(rules.max_reduction_pct.value);
  const int case_at_least = static_cast<int>(rules.case_at_least.value);
  const bool small_reduction =
      100 * (trajectory.baseline - trajectory.current) < max_pct * trajectory.baseline;
  if (trajectory.context.norms || trajectory.context.elapsed < min_elapsed || !small_reduction ||
      trajectory.current < case_at_least) {
    return std::nullopt;
  }
  return MakeFlag(trajectory, NotOnTrackSignal::kYellowInsufficientProgress,
                  "docs/measures-decisions.md §10.4 rule 4 (rational NOT)",
                  fmt::format("{} {} -> {} after {} {}: reduction < {} % and still >= {}",
                              trajectory.instrument.name, trajectory.baseline, trajectory.current,
                              trajectory.context.elapsed, ToString(trajectory.context.time_unit),
                              max_pct, case_at_least),
                  {rules.min_elapsed, rules.max_reduction_pct, rules.case_at_least});
}

std::optional<NotOnTrackFlag> CaseStatus(const Trajectory& trajectory) {
  const Parameter& case_at_least = trajectory.rules.case_at_least;
  const char* rule = "docs/measures-decisions.md §10.4 rule 5";
  if (trajectory.current < case_at_least.value) {
    return MakeFlag(
        trajectory, NotOnTrackSignal::kWhiteNoncase, rule,
        fmt::format("{} = {} is below the case threshold {}", trajectory.instrument.name,
                    trajectory.current, case_at_least.value),
        {case_at_least});
  }
  const Parameter* rc = trajectory.reliable_change;
  if (rc && trajectory.baseline - trajectory.current >= rc->value) {
    return MakeFlag(
        trajectory, NotOnTrackSignal::kGreenOnTrack, rule,
        fmt::format("reliable improvement {} -> {} (>= {} points), still >= {}",
                    trajectory.baseline, trajectory.current, rc->value, case_at_least.value),
        {*rc, case_at_least});
  }
  if (trajectory.etr) {
    return MakeFlag(trajectory, NotOnTrackSignal::kGreenOnTrack, rule,
                    fmt::format("inside the expected-response band at t = {} ({})",
                                trajectory.etr->t, ToString(trajectory.etr->position)),
                    {trajectory.percentile, case_at_least});
  }
  return std::nullopt;
}

NotOnTrackFlag TrajectoryFlag(const Trajectory& trajectory) {
  for (auto rule : {Deterioration, EmpiricalNot, InsufficientProgress, CaseStatus}) {
    if (std::optional<NotOnTrackFlag> flag = rule(trajectory)) return *std::move(flag);
  }
  return MakeFlag(trajectory, NotOnTrackSignal::kNoSignal, "docs/measures-decisions.md §10.4",
                  "no rule of the set fired", {});
}

Status CheckInputs(const InstrumentDefinition& instrument, const ScoredAdministration& baseline,
                   const ScoredAdministration& current, const NotOnTrackContext& context) {
  if (baseline.instrument_id != instrument.id || current.instrument_id != instrument.id) {
    return Status::InvalidArgument("not-on-track: both administrations must be of " +
                                   instrument.id);
  }
  if (context.elapsed < 0) return Status::InvalidArgument("not-on-track: elapsed must be >= 0");
  if (!context.norms) return Status::Ok();
  if (context.norms->time_unit != context.time_unit) {
    return Status::InvalidArgument(fmt::format(
        "ETR norm set '{}' is in {}, the administration in {}: units are never mixed "
        "(docs/measures-decisions.md §10.2)",
        context.norms->id, ToString(context.norms->time_unit), ToString(context.time_unit)));
  }
  if (!context.norms->modality.empty() && context.norms->modality != context.modality) {
    return Status::InvalidArgument(
        fmt::format("ETR norm set '{}' was fitted on {}, not '{}' (docs/measures-decisions.md §11)",
                    context.norms->id, context.norms->modality, context.modality));
  }
  return Status::Ok();
}

Parameter PercentileOf(const NotOnTrackContext& context, const NotOnTrackParameters& rules) {
  if (!context.norms || !context.norms->boundary_percentile) return rules.etr_boundary_percentile;
  return internal::MakeParameter("etr." + context.norms->id + ".boundary_percentile",
                                 *context.norms->boundary_percentile,
                                 {Tag::kUnconfirmed,
                                  "caller-supplied norm set; boundary percentile UNCERTAIN "
                                  "(docs/measures-decisions.md §10.2, §13.12)"});
}

}  // namespace

std::string_view ToString(TimeUnit unit) { return unit == TimeUnit::kWeeks ? "weeks" : "sessions"; }

std::string_view ToString(NotOnTrackSignal signal) {
  switch (signal) {
    case NotOnTrackSignal::kSafety:
      return "SAFETY";
    case NotOnTrackSignal::kRedDeterioration:
      return "RED_DETERIORATION";
    case NotOnTrackSignal::kRedNotOnTrack:
      return "RED_NOT_ON_TRACK";
    case NotOnTrackSignal::kReview:
      return "REVIEW";
    case NotOnTrackSignal::kYellowInsufficientProgress:
      return "YELLOW_INSUFFICIENT_PROGRESS";
    case NotOnTrackSignal::kWhiteNoncase:
      return "WHITE_NONCASE";
    case NotOnTrackSignal::kGreenOnTrack:
      return "GREEN_ON_TRACK";
    case NotOnTrackSignal::kNoSignal:
      return "NO_SIGNAL";
  }
  return "NO_SIGNAL";
}

StatusOr<NotOnTrackResult> EvaluateNotOnTrack(const InstrumentDefinition& instrument,
                                              const ScoredAdministration& step_baseline,
                                              const ScoredAdministration& current,
                                              const NotOnTrackContext& context,
                                              const MeasuresParameters& parameters) {
  if (Status status = CheckInputs(instrument, step_baseline, current, context); !status.ok()) {
    return status;
  }
  const NotOnTrackParameters& rules = parameters.not_on_track;
  Trajectory trajectory{instrument, context, rules};
  NotOnTrackResult result;
  for (const SafetyAlert& alert : current.safety) {
    NotOnTrackFlag flag =
        MakeFlag(trajectory, NotOnTrackSignal::kSafety,
                 "docs/measures-decisions.md §10.4 rule 1 (safety)", alert.message, {});
    flag.alerts = {alert};
    result.flags.push_back(std::move(flag));
  }
  if (instrument.id != rules.instrument) {
    result.flags.push_back(
        MakeFlag(trajectory, NotOnTrackSignal::kNoSignal, "docs/measures-decisions.md §10.4",
                 fmt::format("no not-on-track rule set for {} (docs/measures-decisions.md §10.4 "
                             "defines the {} rule set)",
                             instrument.name, rules.instrument),
                 {}));
    return result;
  }
  if (!step_baseline.total_rounded || !current.total_rounded) {
    result.flags.push_back(MakeFlag(
        trajectory, NotOnTrackSignal::kNoSignal, "docs/measures-decisions.md §10.4",
        "no total: " +
            (current.total_rounded ? step_baseline.not_scored_reason : current.not_scored_reason),
        {}));
    return result;
  }
  trajectory.baseline = *step_baseline.total_rounded;
  trajectory.current = *current.total_rounded;
  trajectory.reliable_change = instrument.FindReliableChange("");
  trajectory.percentile = PercentileOf(context, rules);
  trajectory.window_annotation = WindowAnnotation(context, rules);
  const int t = context.elapsed + 1;
  if (context.norms && t >= 2) {
    StatusOr<EtrPoint> etr = EvaluateEtr(*context.norms, trajectory.baseline, t, trajectory.current,
                                         trajectory.percentile.value);
    if (!etr.ok()) return etr.status();
    trajectory.etr = *etr;
    result.etr = *etr;
  }
  result.flags.push_back(TrajectoryFlag(trajectory));
  return result;
}

}  // namespace refract::measures
