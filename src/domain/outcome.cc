#include "refract/domain/outcome.h"

namespace refract {

std::string_view ToString(OutcomeCategory category) {
  switch (category) {
    case OutcomeCategory::kNonresponse:
      return "nonresponse";
    case OutcomeCategory::kPartialResponse:
      return "partial_response";
    case OutcomeCategory::kResponse:
      return "response";
    case OutcomeCategory::kRemission:
      return "remission";
    case OutcomeCategory::kUnknown:
      return "unknown";
  }
  return "unknown";
}

OutcomeCategory ClassifyImprovement(int baseline, int end, ResponseThresholds thresholds) {
  const long long drop_x100 = 100LL * (static_cast<long long>(baseline) - end);
  if (drop_x100 >= static_cast<long long>(thresholds.response_pct) * baseline) {
    return OutcomeCategory::kResponse;
  }
  if (drop_x100 >= static_cast<long long>(thresholds.partial_pct) * baseline) {
    return OutcomeCategory::kPartialResponse;
  }
  return OutcomeCategory::kNonresponse;
}

double ImprovementPercent(int baseline, int end) {
  return 100.0 * static_cast<double>(baseline - end) / static_cast<double>(baseline);
}

}  // namespace refract
