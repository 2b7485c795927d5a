#include "refract/domain/trial_dates.h"

#include <algorithm>
#include <vector>

namespace refract {
namespace {

struct ChainLink {
  Date* value;
  std::optional<PartialDate>* partial;
};

// The trial's dates in the order they must keep.
std::vector<ChainLink> Chain(Treatment& treatment) {
  std::vector<ChainLink> chain = {{&treatment.start, &treatment.start_partial}};
  for (DoseStep& step : treatment.doses) chain.push_back({&step.from, &step.from_partial});
  if (treatment.end) chain.push_back({&*treatment.end, &treatment.end_partial});
  return chain;
}

Date Earliest(const ChainLink& link) {
  return *link.partial ? (*link.partial)->earliest : *link.value;
}
Date Latest(const ChainLink& link) { return *link.partial ? (*link.partial)->latest : *link.value; }

}  // namespace

void ConstrainTrialDates(Treatment& treatment) {
  std::vector<ChainLink> chain = Chain(treatment);
  std::vector<Date> earliest, latest;
  for (const ChainLink& link : chain) {
    earliest.push_back(Earliest(link));
    latest.push_back(Latest(link));
  }
  for (size_t i = 1; i < chain.size(); ++i) earliest[i] = std::max(earliest[i], earliest[i - 1]);
  for (size_t i = chain.size() - 1; i > 0; --i) latest[i - 1] = std::min(latest[i - 1], latest[i]);
  for (size_t i = 0; i < chain.size(); ++i) {
    std::optional<PartialDate>& partial = *chain[i].partial;
    if (!partial || earliest[i] > latest[i]) continue;
    partial->earliest = earliest[i];
    partial->latest = latest[i];
    *chain[i].value = std::clamp(*chain[i].value, earliest[i], latest[i]);
  }
}

void RepairTrialDates(Treatment& treatment, Date as_of) {
  if (treatment.end && *treatment.end < treatment.start) treatment.end = treatment.start;
  const Date end = treatment.end.value_or(as_of);
  Date floor = treatment.start;
  for (DoseStep& step : treatment.doses) {
    step.from = std::min(std::max(step.from, floor), end);
    floor = AddDays(step.from, 1);
  }
}

}  // namespace refract
