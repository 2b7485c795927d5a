#include "refract/measures/talking_therapies.h"

#include <fmt/format.h>

#include "make_parameter.h"

namespace refract::measures {
namespace {

// The §9.5 "UNCERTAIN combination" of the two measures' reliable changes.
Parameter CombinationRule() {
  return internal::MakeParameter(
      "talking_therapies.combination_rule", 0,
      {Tag::kUnconfirmed,
       "docs/measures-decisions.md §9.5 POLICY pseudo-code: reliable improvement/deterioration "
       "when the "
       "measures "
       "move in opposite directions is UNCERTAIN; reported as MIXED_RELIABLE_CHANGE (§13.3)"});
}

Status CheckScore(const char* name, int value, int max) {
  if (value < 0 || value > max) {
    return Status::InvalidArgument(
        fmt::format("{}: {} is outside the range 0-{}", name, value, max));
  }
  return Status::Ok();
}

Status CheckScores(const TalkingTherapiesScores& scores) {
  if (scores.gad7_first.has_value() != scores.gad7_last.has_value()) {
    return Status::InvalidArgument("GAD-7: give both the first and the last score, or neither");
  }
  if (scores.sessions_attended < 0)
    return Status::InvalidArgument("sessions_attended must be >= 0");
  for (Status status : {CheckScore("PHQ-9 first", scores.phq9_first, 27),
                        CheckScore("PHQ-9 last", scores.phq9_last, 27),
                        CheckScore("GAD-7 first", scores.gad7_first.value_or(0), 21),
                        CheckScore("GAD-7 last", scores.gad7_last.value_or(0), 21)}) {
    if (!status.ok()) return status;
  }
  return Status::Ok();
}

RecoveryState RecoveryStateOf(const TalkingTherapiesResult& result) {
  if (!result.case_start) return RecoveryState::kNotAtCaseness;
  if (!result.finished_course) return RecoveryState::kNotFinishedCourse;
  if (result.reliable_recovery) return RecoveryState::kReliableRecovery;
  if (result.recovery) return RecoveryState::kRecovery;
  return RecoveryState::kNotRecovered;
}

ReliableChangeState ReliableChangeStateOf(const TalkingTherapiesResult& result) {
  const bool any_ri = result.ri_phq || result.ri_anx;
  const bool any_rd = result.rd_phq || result.rd_anx;
  if (any_ri && any_rd) return ReliableChangeState::kMixedReliableChange;
  if (result.reliable_improvement) return ReliableChangeState::kReliableImprovement;
  if (result.reliable_deterioration) return ReliableChangeState::kReliableDeterioration;
  return ReliableChangeState::kNoReliableChange;
}

}  // namespace

std::string_view ToString(RecoveryState state) {
  switch (state) {
    case RecoveryState::kNotAtCaseness:
      return "not_at_caseness";
    case RecoveryState::kNotFinishedCourse:
      return "not_finished_course";
    case RecoveryState::kNotRecovered:
      return "not_recovered";
    case RecoveryState::kRecovery:
      return "recovery";
    case RecoveryState::kReliableRecovery:
      return "reliable_recovery";
  }
  return "not_recovered";
}

std::string_view ToString(ReliableChangeState state) {
  switch (state) {
    case ReliableChangeState::kReliableImprovement:
      return "RELIABLE_IMPROVEMENT";
    case ReliableChangeState::kReliableDeterioration:
      return "RELIABLE_DETERIORATION";
    case ReliableChangeState::kMixedReliableChange:
      return "MIXED_RELIABLE_CHANGE";
    case ReliableChangeState::kNoReliableChange:
      return "NO_RELIABLE_CHANGE";
  }
  return "NO_RELIABLE_CHANGE";
}

StatusOr<TalkingTherapiesResult> ClassifyTalkingTherapies(
    const TalkingTherapiesScores& scores, const TalkingTherapiesParameters& parameters,
    AnxietyReliableChange anxiety_rc) {
  if (Status status = CheckScores(scores); !status.ok()) return status;
  const Parameter& anx_rc_parameter = anxiety_rc == AnxietyReliableChange::kBischoff2020
                                          ? parameters.gad7_reliable_change_bischoff
                                          : parameters.gad7_reliable_change;
  const int phq_cut = static_cast<int>(parameters.phq9_caseness.value);
  const int anx_cut = static_cast<int>(parameters.gad7_caseness.value);
  const int phq_rc = static_cast<int>(parameters.phq9_reliable_change.value);
  const int anx_rc = static_cast<int>(anx_rc_parameter.value);
  const bool has_anx = scores.gad7_first.has_value();
  const int anx_first = scores.gad7_first.value_or(0);
  const int anx_last = scores.gad7_last.value_or(0);

  TalkingTherapiesResult result;
  result.finished_course = scores.sessions_attended >= parameters.min_sessions.value;
  result.case_start = scores.phq9_first >= phq_cut || (has_anx && anx_first >= anx_cut);
  result.case_end = scores.phq9_last >= phq_cut || (has_anx && anx_last >= anx_cut);
  result.ri_phq = scores.phq9_first - scores.phq9_last >= phq_rc;
  result.rd_phq = scores.phq9_last - scores.phq9_first >= phq_rc;
  result.ri_anx = has_anx && anx_first - anx_last >= anx_rc;
  result.rd_anx = has_anx && anx_last - anx_first >= anx_rc;
  result.reliable_improvement =
      (result.ri_phq || result.ri_anx) && !(result.rd_phq || result.rd_anx);
  result.reliable_deterioration =
      (result.rd_phq || result.rd_anx) && !(result.ri_phq || result.ri_anx);
  result.recovery = result.case_start && !result.case_end;
  result.reliable_recovery = result.recovery && result.reliable_improvement;
  result.eligible_for_recovery = result.case_start && result.finished_course;
  result.recovery_state = RecoveryStateOf(result);
  result.reliable_change = ReliableChangeStateOf(result);
  result.anxiety_reliable_change =
      fmt::format("GAD-7 reliable change {} points ({})", anx_rc, anx_rc_parameter.id);
  result.basis = {parameters.phq9_caseness, parameters.phq9_reliable_change,
                  parameters.min_sessions, CombinationRule()};
  if (has_anx) {
    result.basis.push_back(parameters.gad7_caseness);
    result.basis.push_back(anx_rc_parameter);
  }
  return result;
}

}  // namespace refract::measures
