// Thase & Rush (1997) staging, staging-decisions.md §4.1. Stage definitions [V]; the algorithm is
// the "independent satisfaction" rule [D, A3]: Stage III needs a failed TCA *and* Stage II met
// without it; Stage IV needs a failed MAOI and Stage II met without TCA and MAOI; Stage V needs a
// failed bilateral ECT.
#include <fmt/format.h>

#include <set>

#include "model_common.h"
#include "models.h"

namespace refract {
namespace {

using staging_internal::NewResult;

constexpr const char* kRoman[] = {"0", "I", "II", "III", "IV", "V"};

int ComputeStage(const std::set<DrugClass>& classes, bool failed_bilateral_ect, bool lenient) {
  auto without = [&](std::initializer_list<DrugClass> removed) {
    size_t n = classes.size();
    for (DrugClass c : removed) n -= classes.count(c);
    return n;
  };
  int stage = classes.empty() ? 0 : classes.size() == 1 ? 1 : 2;
  const bool tca = classes.contains(DrugClass::kTca);
  if (tca && (lenient ? classes.size() >= 2 : without({DrugClass::kTca}) >= 2)) stage = 3;
  const bool maoi = classes.contains(DrugClass::kMaoi);
  if (stage == 3 && maoi &&
      (lenient ? classes.size() >= 3 : without({DrugClass::kTca, DrugClass::kMaoi}) >= 2)) {
    stage = 4;
  }
  if (stage == 4 && failed_bilateral_ect) stage = 5;
  return stage;
}

std::string NextStep(int stage) {
  switch (stage) {
    case 0:
      return "an adequate failed trial of any antidepressant would give Stage I";
    case 1:
      return "an adequate failed trial from a distinctly different antidepressant class would give "
             "Stage II";
    case 2:
      return "an adequate failed TCA trial (with Stage II met by two other classes) would give "
             "Stage III";
    case 3:
      return "an adequate failed MAOI trial would give Stage IV";
    case 4:
      return "a failed course of bilateral ECT would give Stage V";
    default:
      return "highest stage reached";
  }
}

}  // namespace

ModelResult StageThaseRush(const StagingContext& context) {
  ModelResult result = NewResult("thase_rush_1997", "Thase & Rush (1997)",
                                 "Thase ME, Rush AJ. J Clin Psychiatry 1997;58(Suppl 13):23-29");
  const AdequacyRule rule =
      staging_internal::ModelRule(context.knowledge, "thase_rush_1997.min_weeks");
  SelectionSpec spec{
      {TreatmentKind::kAntidepressant, TreatmentKind::kCombination, TreatmentKind::kEct},
      rule,
      FailureRule::kShortOfResponse,
      [](const Treatment& treatment) -> std::string {
        if (treatment.kind != TreatmentKind::kEct ||
            treatment.laterality == EctLaterality::kBilateral) {
          return "";
        }
        return "only a bilateral ECT course counts for Stage V";
      }};
  const Selection selection = SelectFailedTrials(context, spec);
  RecordSelection(selection, result);

  std::set<DrugClass> classes;
  bool failed_bilateral_ect = false;
  for (const CountedTrial& trial : selection.counted) {
    if (trial.treatment->kind == TreatmentKind::kEct) {
      failed_bilateral_ect = true;
    } else {
      classes.insert(ClassOf(*trial.treatment, context.knowledge));
    }
  }
  const int stage = ComputeStage(classes, failed_bilateral_ect, context.options.thase_rush_lenient);
  result.stage = stage;
  result.summary = fmt::format("Stage {}", kRoman[stage]);
  if (context.options.describe) {
    for (DrugClass c : classes) {
      result.components.push_back(
          {std::string(DisplayName(c)), 1, "class with an adequate failed trial"});
    }
  }
  if (context.options.explain) {
    result.assumptions = {
        staging_internal::DescribeWeeksRule(*rule.min_weeks),
        staging_internal::DescribeFailureRule(FailureRule::kShortOfResponse, context.knowledge),
        staging_internal::Decided(
            "A3", context.options.thase_rush_lenient
                      ? "the TCA or MAOI may be one of the classes that reach Stage II (lenient "
                        "reading)"
                      : "the TCA or MAOI cannot be one of the two classes that reach Stage II: "
                        "Stage III needs two other classes besides the TCA, Stage IV two other "
                        "classes besides the TCA and the MAOI (strict reading)"),
        staging_internal::FromSource(
            "augmentation is not counted by this model (Fava 2003 critique; confirmed in the "
            "source)"),
        staging_internal::FromSource(
            "only bilateral ECT counts for Stage V (confirmed in the source); bifrontal and "
            "unilateral ECT are not counted (a Refract decision)")};
  }
  if (stage < 5 && context.options.explain) result.next_steps.push_back(NextStep(stage));
  return result;
}

}  // namespace refract
