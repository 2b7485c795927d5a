// NHS Talking Therapies (formerly IAPT) outcomes, "IAPT-style": measures-decisions.md §9.5 POLICY.
//
//   case_start = phq_first >= 10 || anx_first >= 8;   case_end = phq_last >= 10 || anx_last >= 8
//   ri_x = first - last >= rc_x;   rd_x = last - first >= rc_x        (PHQ-9 6; GAD-7 4 or 6)
//   reliable_improvement   = (ri_phq || ri_anx) && !(rd_phq || rd_anx)     [U combination]
//   reliable_deterioration = (rd_phq || rd_anx) && !(ri_phq || ri_anx)     [U combination]
//   recovery = case_start && !case_end;   reliable_recovery = recovery && reliable_improvement
//   eligible_for_recovery = case_start && sessions_attended >= 2
// One measure reliably better and the other reliably worse is its own state
// (MIXED_RELIABLE_CHANGE). Without GAD-7 scores the anxiety terms are false (PHQ-9-only lens of the
// §9.6 worked example). GAD-7 reliable change: 4 (NHS TT) by default, 6 (Bischoff 2020) selectable;
// the result says which.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "refract/base/status.h"
#include "refract/knowledge/knowledge.h"
#include "refract/measures/parameters.h"

namespace refract::measures {

struct TalkingTherapiesScores {
  int phq9_first = 0;
  int phq9_last = 0;
  std::optional<int> gad7_first{};  // both or neither
  std::optional<int> gad7_last{};
  int sessions_attended = 0;
};

enum class AnxietyReliableChange { kNhsTalkingTherapies, kBischoff2020 };

enum class RecoveryState {
  kNotAtCaseness,      // first scores below both thresholds: recovery does not apply
  kNotFinishedCourse,  // at caseness but < 2 attended sessions: not eligible for recovery
  kNotRecovered,
  kRecovery,
  kReliableRecovery
};
enum class ReliableChangeState {
  kReliableImprovement,
  kReliableDeterioration,
  kMixedReliableChange,
  kNoReliableChange
};
std::string_view ToString(RecoveryState state);  // "not_at_caseness", ..., "reliable_recovery"
std::string_view ToString(
    ReliableChangeState state);  // "RELIABLE_IMPROVEMENT", ..., "MIXED_RELIABLE_CHANGE"

struct TalkingTherapiesResult {
  bool finished_course = false;
  bool case_start = false;
  bool case_end = false;
  bool ri_phq = false;
  bool rd_phq = false;
  bool ri_anx = false;
  bool rd_anx = false;
  bool reliable_improvement = false;
  bool reliable_deterioration = false;
  bool recovery = false;
  bool reliable_recovery = false;
  bool eligible_for_recovery = false;
  RecoveryState recovery_state = RecoveryState::kNotAtCaseness;
  ReliableChangeState reliable_change = ReliableChangeState::kNoReliableChange;
  std::string anxiety_reliable_change;  // label of the active GAD-7 RC value
  std::vector<Parameter> basis;

  bool provisional() const { return AnyUnconfirmed(basis); }
};

// kInvalidArgument when only one GAD-7 score is given, a score is outside its range (PHQ-9 0-27,
// GAD-7 0-21) or sessions_attended < 0.
StatusOr<TalkingTherapiesResult> ClassifyTalkingTherapies(
    const TalkingTherapiesScores& scores, const TalkingTherapiesParameters& parameters,
    AnxietyReliableChange anxiety_rc = AnxietyReliableChange::kNhsTalkingTherapies);

}  // namespace refract::measures
