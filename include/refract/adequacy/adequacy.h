// Adequacy of one treatment trial (staging-decisions.md §2): was it given at an adequate dose, for
// long enough, with adequate adherence, sessions and therapist? Each check is reported with a
// machine-readable id, pass/fail and a human-readable detail, so a clinician can verify the verdict
// by hand.
//
// Engine rule (staging-decisions.md §2.4 [D]):
//   adequate = days_at_or_above_min_dose >= 7 * min_weeks
//          AND (adherence unknown OR adherence_pct >= min_adherence)
// Titration days below the minimum dose do not count (§2.1 [D]). Trial end dates are exclusive: a
// trial from 2025-01-01 to 2025-02-12 lasted 42 days = 6 weeks. Unknown adherence passes with the
// flag `adherence_unverified` (§2.4 [D]).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "refract/domain/patient.h"
#include "refract/knowledge/knowledge.h"

namespace refract {

// What a model accepts as adequate. Pointers refer to parameters owned by the KnowledgeBase.
struct AdequacyRule {
  const Parameter* min_weeks = nullptr;        // antidepressant and combination trials
  const Parameter* min_pt_sessions = nullptr;  // psychotherapy
  bool require_experienced_therapist = false;
};

// The rule used for the per-trial view (trials[] and "never adequately tried"): 6 weeks
// (adequacy.default_min_weeks) and Markowitz 2022 psychotherapy (>= 9 sessions, experienced
// therapist).
AdequacyRule DefaultAdequacyRule(const KnowledgeBase& knowledge);

struct AdequacyCheck {
  std::string
      id;  // "dose", "weeks_at_min_dose", "adherence", "sessions", "therapist", "modality", ...
  bool passed = false;
  std::string detail;
};

struct AdequacyVerdict {
  bool applicable = true;  // false for intensified care (a setting, not a trial)
  bool adequate = false;
  // False when assessed with AdequacyDetail::kVerdictOnly: the checks' details and stop_note are
  // then empty; every other field is the same.
  bool explained = true;
  std::vector<AdequacyCheck> checks;
  std::vector<std::string> uncertain_params;  // [U] values the verdict relied on
  bool adherence_unverified = false;
  double weeks_total = 0;
  std::optional<double> weeks_at_min_dose;  // medication trials
  // Why the trial stopped and its adverse effects, in words ("stopped for intolerance: akathisia"),
  // or "" when neither is recorded.
  std::string stop_note;

  // The details of the failed checks, joined with "; " (empty when adequate).
  std::string FailedSummary() const;
};

// kVerdictOnly skips the words (the checks' details, stop_note) for callers that read only the
// verdict, its checks' ids and outcomes, and its uncertain parameters.
enum class AdequacyDetail { kInWords, kVerdictOnly };

AdequacyVerdict AssessAdequacy(const Treatment& treatment, Date as_of,
                               const KnowledgeBase& knowledge, const AdequacyRule& rule,
                               AdequacyDetail detail = AdequacyDetail::kInWords);

}  // namespace refract
