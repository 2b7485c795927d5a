// Scoring one administration of an instrument (measures-decisions.md §0-§8).
//
// Contract of Score():
//   * kInvalidArgument, naming the item and its range, when an item value lies outside its
//     declared range (never clamped, §0.1); also for a response vector of the wrong length, a
//     variant missing or unknown (HAM-D 16 A/B), a total-only administration of an instrument
//     with subscales, a total or safety-item value out of range, or an unknown band scheme.
//   * Otherwise a ScoredAdministration. Too many unanswered items is a clinical result, not an
//     error: `total` is empty and `not_scored_reason` says why (missing-item rules, e.g. §1.4).
//   * total is a double (prorated totals are fractional); total_rounded rounds half up (§1.4
//     POLICY) and is what bands, cut-offs and change rules use.
//   * Safety alerts (safety.h) are always evaluated and stored, whether or not a total exists.
// Pure: no I/O, no clock. Example:
//   ItemResponses r{.items = {1, 2, 1, 0, 3, 1, 0, 2, 0}};
//   StatusOr<ScoredAdministration> s = Score(phq9, r);  // s->total_rounded == 10, "moderate"
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "refract/base/date.h"
#include "refract/base/status.h"
#include "refract/measures/instrument.h"
#include "refract/measures/safety.h"

namespace refract::measures {

// What was recorded at one administration. Either `items` (by item number: items[n - 1]; nullopt =
// unanswered; trailing unscored items such as PHQ-9 item 10 may be left off) or, for a total-only
// administration, `total` (and `safety_item` when the self-harm item's value was recorded).
struct ItemResponses {
  std::optional<Date> date{};
  std::vector<std::optional<int>> items{};
  std::map<int, std::string> variants{};  // item number -> variant rated, e.g. {16, "A"} (HAM-D)
  std::optional<int> total{};
  std::optional<int> safety_item{};
  std::string time_frame{};  // "" = the instrument's; PANAS frames vary and must be stored (§7.1)
};

struct SubscaleScore {
  std::string id;  // "pa", "na"
  Direction direction = Direction::kHigherWorse;
  int missing_items = 0;
  std::optional<int> total;  // empty when an item is unanswered (complete rule)
  std::string not_scored_reason;

  friend bool operator==(const SubscaleScore&, const SubscaleScore&) = default;
};

struct ScoredAdministration {
  std::string instrument_id;
  std::string instrument_version;
  Rater rater = Rater::kSelf;
  std::string time_frame;
  std::optional<Date> date;
  bool total_only = false;
  std::vector<std::optional<int>> items;
  std::map<int, std::string> variants;

  int missing_items = 0;  // unanswered scored items (QIDS: not counting excused domain partners)
  bool prorated = false;
  std::optional<double> total;
  std::optional<int> total_rounded;
  std::string not_scored_reason;  // set when `total` is empty
  std::string band_scheme;        // id of the scheme used ("" when the instrument has none)
  std::optional<std::string> band;
  std::optional<double> percentage;  // WHO-5: total x 4
  std::vector<SubscaleScore> subscales;
  std::vector<std::string> cutoffs_met;  // ids of the instrument's cut-offs that are met
  std::optional<int> safety_item_value;  // raw, never imputed
  std::vector<SafetyAlert> safety;

  const SubscaleScore* FindSubscale(std::string_view subscale_id) const;
};

struct ScoringOptions {
  std::string band_scheme{};  // "" = the instrument's default (e.g. HAM-D17: Zimmerman 2013)
};

StatusOr<ScoredAdministration> Score(const InstrumentDefinition& instrument,
                                     const ItemResponses& responses,
                                     const ScoringOptions& options = {});

// floor(value + 0.5): round half up (measures-decisions.md §1.4 POLICY).
int RoundHalfUp(double value);

}  // namespace refract::measures
