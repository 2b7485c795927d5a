#include "refract/app/derived_outcomes.h"

#include <fmt/format.h>

#include <string_view>
#include <vector>

namespace refract {
namespace {

struct Window {
  Date baseline_from;
  Date baseline_to;
  Date end_from;
  Date end_to;
};

Window MakeWindow(const Treatment& treatment, Date as_of, const KnowledgeBase& kb) {
  auto days = [&](ParamId id) { return static_cast<int>(kb.Param(id).value); };
  return {AddDays(treatment.start, -days("outcome.derived_baseline_days_before")),
          AddDays(treatment.start, days("outcome.derived_baseline_days_after")),
          AddDays(treatment.start, days("outcome.derived_min_days")),
          AddDays(EffectiveEnd(treatment, as_of), days("outcome.derived_end_days_after"))};
}

// One scored administration of a series with the trial it was tagged to.
struct Score {
  const measures::ScoredAdministration* administration = nullptr;
  std::string_view tag;  // "" when untagged

  Date date() const { return *administration->date; }
  int total() const { return *administration->total_rounded; }
};

std::vector<Score> Scores(const InstrumentSeries& series) {
  std::vector<Score> scores;
  for (size_t i = 0; i < series.administrations.size(); ++i) {
    const measures::ScoredAdministration& administration = series.administrations[i];
    if (!administration.total_rounded || !administration.date) continue;
    const std::string_view tag =
        i < series.tagged_treatment.size() ? series.tagged_treatment[i] : std::string_view();
    scores.push_back({&administration, tag});
  }
  return scores;
}

std::string InWords(const Score& score) {
  return fmt::format("{} on {}", score.total(), score.date().ToString());
}

DerivedOutcome Derived(const InstrumentSeries& series, const Score& baseline, const Score& end,
                       std::string detail) {
  return {{series.instrument_id, baseline.total(), end.total()}, std::move(detail)};
}

// Rule 1: the earliest and the latest administration tagged to the trial.
std::optional<DerivedOutcome> FromTagged(const InstrumentSeries& series, const Treatment& treatment,
                                         const Window& window) {
  std::vector<Score> tagged;
  for (const Score& score : Scores(series)) {
    if (score.tag == treatment.id) tagged.push_back(score);
  }
  if (tagged.size() < 2) return std::nullopt;
  const Score& baseline = tagged.front();
  const Score& end = tagged.back();
  if (end.date() <= baseline.date() || end.date() < window.end_from) return std::nullopt;
  return Derived(series, baseline, end,
                 fmt::format("from the {} scores tagged to {}: {} -> {}", series.name, treatment.id,
                             InWords(baseline), InWords(end)));
}

// The latest score in [from, to] that `usable` accepts; one tagged to the trial wins.
template <typename Usable>
std::optional<Score> InWindow(const std::vector<Score>& scores, Date from, Date to,
                              const std::string& trial_id, Usable usable) {
  std::optional<Score> latest;
  std::optional<Score> tagged;
  for (const Score& score : scores) {
    if (score.date() < from || score.date() > to || !usable(score)) continue;
    latest = score;
    if (score.tag == trial_id) tagged = score;
  }
  return tagged ? tagged : latest;
}

std::string TagNote(const Score& score) {
  return score.tag.empty() ? "" : fmt::format(" (tagged to {})", score.tag);
}

// Rule 2: the date windows around the trial.
std::optional<DerivedOutcome> FromWindows(const InstrumentSeries& series,
                                          const Treatment& treatment, const Window& window) {
  const std::vector<Score> scores = Scores(series);
  const std::optional<Score> baseline = InWindow(scores, window.baseline_from, window.baseline_to,
                                                 treatment.id, [](const Score&) { return true; });
  const std::optional<Score> end =
      InWindow(scores, window.end_from, window.end_to, treatment.id,
               [&](const Score& score) { return score.tag.empty() || score.tag == treatment.id; });
  if (!baseline || !end || end->date() <= baseline->date()) return std::nullopt;
  return Derived(
      series, *baseline, *end,
      fmt::format("from the {} scores dated around {}: {}{} -> {}{}", series.name, treatment.id,
                  InWords(*baseline), TagNote(*baseline), InWords(*end), TagNote(*end)));
}

using Rule = std::optional<DerivedOutcome> (*)(const InstrumentSeries&, const Treatment&,
                                               const Window&);

}  // namespace

std::optional<DerivedOutcome> DeriveOutcome(const Treatment& treatment, Date as_of,
                                            const MeasuresReport& measures,
                                            const MeasuresKnowledge& measures_knowledge,
                                            const KnowledgeBase& knowledge) {
  const Window window = MakeWindow(treatment, as_of, knowledge);
  for (Rule rule : {Rule{FromTagged}, Rule{FromWindows}}) {
    for (measures::Rater rater : {measures::Rater::kClinician, measures::Rater::kSelf}) {
      for (const measures::InstrumentDefinition& instrument : measures_knowledge.instruments) {
        if (instrument.rater != rater ||
            instrument.direction != measures::Direction::kHigherWorse ||
            !knowledge.FindInstrument(instrument.id)) {
          continue;
        }
        const InstrumentSeries* series = FindSeries(measures, instrument.id);
        if (!series) continue;
        if (std::optional<DerivedOutcome> derived = rule(*series, treatment, window)) {
          return derived;
        }
      }
    }
  }
  return std::nullopt;
}

}  // namespace refract
