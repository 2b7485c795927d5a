#include "refract/app/derived_outcomes.h"

#include <fmt/format.h>

namespace refract {
namespace {

struct Window {
  Date baseline_from;
  Date baseline_to;
  Date end_from;
  Date end_to;
};

Window MakeWindow(const Treatment& treatment, Date as_of, const KnowledgeBase& kb) {
  auto days = [&](std::string_view id) { return static_cast<int>(kb.Param(id).value); };
  return {AddDays(treatment.start, -days("outcome.derived_baseline_days_before")),
          AddDays(treatment.start, days("outcome.derived_baseline_days_after")),
          AddDays(treatment.start, days("outcome.derived_min_days")),
          AddDays(EffectiveEnd(treatment, as_of), days("outcome.derived_end_days_after"))};
}

std::optional<DerivedOutcome> FromSeries(const InstrumentSeries& series, const Window& window) {
  const measures::ScoredAdministration* baseline = nullptr;
  const measures::ScoredAdministration* end = nullptr;
  for (const auto& administration : series.administrations) {
    if (!administration.total_rounded || !administration.date) continue;
    const Date date = *administration.date;
    if (date >= window.baseline_from && date <= window.baseline_to) baseline = &administration;
    if (date >= window.end_from && date <= window.end_to) end = &administration;
  }
  if (!baseline || !end || end->date <= baseline->date) return std::nullopt;
  return DerivedOutcome{{series.instrument_id, baseline->total_rounded, end->total_rounded},
                        fmt::format("derived from assessments: {} {} = {} -> {} = {}", series.name,
                                    baseline->date->ToString(), *baseline->total_rounded,
                                    end->date->ToString(), *end->total_rounded)};
}

}  // namespace

std::optional<DerivedOutcome> DeriveOutcome(const Treatment& treatment, Date as_of,
                                            const MeasuresReport& measures,
                                            const MeasuresKnowledge& measures_knowledge,
                                            const KnowledgeBase& knowledge) {
  const Window window = MakeWindow(treatment, as_of, knowledge);
  for (measures::Rater rater : {measures::Rater::kClinician, measures::Rater::kSelf}) {
    for (const measures::InstrumentDefinition& instrument : measures_knowledge.instruments) {
      if (instrument.rater != rater || instrument.direction != measures::Direction::kHigherWorse ||
          !knowledge.FindInstrument(instrument.id)) {
        continue;
      }
      const InstrumentSeries* series = FindSeries(measures, instrument.id);
      if (!series) continue;
      if (std::optional<DerivedOutcome> derived = FromSeries(*series, window)) return derived;
    }
  }
  return std::nullopt;
}

}  // namespace refract
