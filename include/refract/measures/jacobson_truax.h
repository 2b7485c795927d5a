// Jacobson & Truax (1991) reliable change and clinical significance (measures-decisions.md §9.3
// [M24][M25]).
//
//   SE = s1 * sqrt(1 - r_xx);  S_diff = sqrt(2) * SE;  RC = (X - B) / S_diff
//   reliable change <=> |RC| > z (z = 1.96);  minimum reliable raw change = ceil(z * S_diff)
//   a = M1 - k*s1,  b = M0 + k*s0,  c = (s0*M1 + s1*M0) / (s0 + s1)   (k = 2 SD, configurable)
// For higher-better scales a = M1 + k*s1 and b = M0 - k*s0, and all signs flip.
// A cut-off is "crossed" when the baseline is in the clinical range (B >= cut-off) and the
// follow-up is strictly beyond it (X < cut-off): strict `<` is the measures-decisions.md §9.3
// POLICY, so a score exactly on b = 9.0 has not crossed. A patient starting beyond the cut-off can
// only be improved, never recovered. Classes: recovered (reliable improvement and crossed),
// improved (reliable improvement, not crossed), unchanged (|RC| <= z), deteriorated (reliable
// worsening). At |RC| = z exactly the change is not reliable, consistent with |RC| > z (the §9.3
// table's "RC <= -1.96" differs only on that null set). No norms ship with Refract
// (measures-decisions.md gives none): the caller passes them.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "refract/base/status.h"
#include "refract/measures/instrument.h"
#include "refract/measures/parameters.h"

namespace refract::measures {

struct JacobsonTruaxNorms {
  std::string id{};                // where the norms come from (recorded with every result)
  double clinical_sd = 0;          // s1: SD of pre-treatment or normative clinical scores
  double reliability = 0;          // r_xx, in [0, 1)
  std::string reliability_kind{};  // "internal consistency" or "test-retest" (§9.3: record which)
  std::optional<double> clinical_mean{};    // M1: criteria a and c
  std::optional<double> functional_mean{};  // M0: criteria b and c
  std::optional<double> functional_sd{};    // s0: criteria b and c
};

enum class JtClass { kRecovered, kImproved, kUnchanged, kDeteriorated };
std::string_view ToString(
    JtClass jt_class);  // "recovered", "improved", "unchanged", "deteriorated"

struct JtCriterion {
  double cutoff = 0;
  bool crossed = false;
  JtClass classification = JtClass::kUnchanged;
};

struct JacobsonTruaxResult {
  std::string norms_id;
  double se = 0;
  double s_diff = 0;
  double rc = 0;
  int min_reliable_change = 0;
  bool reliable = false;
  JtClass reliable_change_class = JtClass::kUnchanged;  // class ignoring cut-offs (never recovered)
  std::optional<JtCriterion> a;                         // needs M1
  std::optional<JtCriterion> b;                         // needs M0, s0
  std::optional<JtCriterion> c;                         // needs M1, M0, s0
};

// kInvalidArgument when s1 <= 0, r_xx is outside [0, 1) or s0 <= 0.
StatusOr<JacobsonTruaxResult> JacobsonTruax(int baseline, int follow_up, Direction direction,
                                            const JacobsonTruaxNorms& norms,
                                            const JacobsonTruaxParameters& parameters);

}  // namespace refract::measures
