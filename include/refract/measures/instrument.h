// Symptom instruments as data: items, ranges, aggregation, bands, thresholds and safety items.
//
// An InstrumentDefinition is loaded from knowledge/instruments/<id>.json (refract::io, format
// refract-instrument/1); the core never hard-codes a cut-off. Every threshold row carries the
// measures-decisions.md row it comes from and that row's tag (UNCERTAIN/UNVERIFIED -> U, POLICY ->
// D), so that results relying on an unconfirmed value can be flagged provisional
// (measures-decisions.md "Rule"). Item labels are short paraphrases; none ship where licensing is
// unclear or forbids them (measures-decisions.md §3 QIDS-SR16, §6 BDI-II, §7 PANAS and WHO-5);
// MADRS has item titles only, never anchor text (§5). Value types only; no I/O.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "refract/knowledge/knowledge.h"

namespace refract::measures {

// measures-decisions.md §0.2: every instrument is higher = worse except PANAS Positive Affect and
// WHO-5.
enum class Direction { kHigherWorse, kHigherBetter };
enum class Rater { kSelf, kClinician };
// kSum: sum of scored items. kDomainMax: the highest item inside each domain, then the sum over
// domains (QIDS-SR16, measures-decisions.md §3). kSubscales: no total, each subscale summed (PANAS,
// §7.1).
enum class Aggregation { kSum, kDomainMax, kSubscales };
// kComplete: any unanswered scored item -> no total. kProrate: up to `max_missing` unanswered items
// are replaced by the mean of the answered ones (total = sum * n / answered, measures-decisions.md
// §1.4). kDomain: a domain is computable when one of its items is answered (measures-decisions.md
// §3 POLICY).
enum class MissingPolicy { kComplete, kProrate, kDomain };

std::string_view ToString(Direction direction);  // "higher_worse", "higher_better"
std::string_view ToString(Rater rater);          // "self", "clinician"

struct ItemDefinition {
  int number = 0;     // 1-based; position number - 1 in ItemResponses::items
  std::string label;  // paraphrased short label, or empty (licensing)
  int min = 0;
  int max = 0;
  bool scored = true;                    // PHQ-9 / GAD-7 difficulty item: false
  std::optional<int> not_assessed_code;  // HAM-D item 16: 3 = "not assessed" (scored as unanswered)
  std::vector<std::string> variants;  // HAM-D item 16: {"A", "B"}; the response names the one rated
  std::string loinc;                  // empty where measures-decisions.md gives no code
  // The exact patient-facing wording (instruments with a Wording; every scored item has it), or
  // empty.
  std::string text;
  Provenance provenance;
};

// One response option as the patient reads it ("Not at all" = 0).
struct ResponseLabel {
  int value = 0;
  std::string label;
};

// The published patient-facing form of a free-to-reproduce self-report instrument (PHQ-9,
// GAD-7), for patients answering on their own: the question stem, the response labels (one per
// value of the item range) and the attribution the copyright holder asks for. The item texts are
// ItemDefinition::text.
struct Wording {
  std::string stem;
  std::vector<ResponseLabel> responses;
  std::string attribution;
  Provenance provenance;
};

// Ordered lower bounds (measures-decisions.md §0.3): the band of a total is the last band whose
// `min` <= total.
struct Band {
  int min = 0;
  std::string label;
};

struct BandScheme {
  std::string id;  // "zimmerman2013", "camcops", "snaith1986", ...
  std::string name;
  std::vector<Band> bands;
  Provenance provenance;
};

// A group of items scored by its highest answered item (QIDS-SR16 domains, measures-decisions.md
// §3).
struct Domain {
  std::string name;
  std::vector<int> items;  // item numbers
};

// A separately scored sum (PANAS Positive / Negative Affect, measures-decisions.md §7.1).
struct Subscale {
  std::string id;  // "pa", "na"
  std::string name;
  std::vector<int> items;
  Direction direction = Direction::kHigherWorse;
  Provenance provenance;
};

struct MissingRule {
  MissingPolicy policy = MissingPolicy::kComplete;
  int max_missing = 0;  // kProrate only
  Provenance provenance;
};

// measures-decisions.md §12: the self-harm item, raw value only (never imputed). `alert_at` (the
// screening cut-off) and `urgent_at` (the urgent threshold) are the §12 POLICY thresholds; they
// name the threshold band of a positive item, never its severity (always critical).
struct SafetyItem {
  int item = 0;
  int min = 0;
  int max = 0;
  int alert_at = 1;
  int urgent_at = 2;
  Provenance provenance;
};

enum class CutoffScope { kTotal, kAnyItem };
enum class Comparison { kAtLeast, kAtMost };

// A named screening cut-off, e.g. WHO-5 "poor well-being" raw <= 12 or "any item <= 1" (§7.2).
struct Cutoff {
  std::string id;
  std::string label;
  CutoffScope scope = CutoffScope::kTotal;
  Comparison comparison = Comparison::kAtLeast;
  int value = 0;
  Provenance provenance;
};

// PHQ-9 "clinically significant improvement" (Kroenke 2001, measures-decisions.md §9.2 [M28]):
// follow-up <= max_total and reduction >= min_reduction_pct.
struct SignificantImprovementRule {
  int max_total = 0;
  int min_reduction_pct = 0;
  Provenance provenance;
};

struct InstrumentDefinition {
  std::string id;  // "phq9", "gad7", "qids_sr16", "hamd17", "madrs", "panas", "who5", "bdi2"
  std::string version;
  std::string name;
  std::string full_name;
  Rater rater = Rater::kSelf;
  std::string time_frame;
  Direction direction = Direction::kHigherWorse;
  std::string licensing;
  Provenance provenance;

  // A depression-severity total that can record a treatment trial's outcome (staging-decisions.md
  // §3): the staging engine reads its total range and default remission threshold
  // (TrialOutcomeInstruments).
  bool trial_outcome = false;

  std::vector<ItemDefinition> items;  // empty for a totals-only instrument (BDI-II)
  bool totals_only = false;           // only a total (and the safety item value) is recorded
  Aggregation aggregation = Aggregation::kSum;
  Provenance aggregation_provenance;
  std::vector<Domain> domains;      // kDomainMax
  std::vector<Subscale> subscales;  // kSubscales
  int total_min = 0;                // not used for kSubscales
  int total_max = 0;
  MissingRule missing;

  std::vector<BandScheme> band_schemes;  // may be empty (PANAS)
  std::string default_band_scheme;
  std::vector<Parameter> remission;  // value = highest total that is remission; may be empty
  std::string default_remission;
  std::vector<Parameter> reliable_change;  // value = points; may be empty
  std::string default_reliable_change;
  std::optional<SignificantImprovementRule> significant_improvement;
  std::optional<SafetyItem> safety_item;
  std::vector<Cutoff> cutoffs;
  std::optional<Parameter>
      percentage_multiplier;  // WHO-5: raw x 4 -> 0-100 (measures-decisions.md §7.2)

  std::string loinc_panel;
  std::string loinc_total;
  std::optional<Wording> wording;  // only where the wording may be reproduced

  const ItemDefinition* FindItem(int number) const;
  const BandScheme* FindBandScheme(std::string_view scheme_id) const;    // "" = default
  const Parameter* FindRemission(std::string_view threshold_id) const;   // "" = default
  const Parameter* FindReliableChange(std::string_view value_id) const;  // "" = default
  const Subscale* FindSubscale(std::string_view subscale_id) const;
};

// nullptr when no definition has that id.
const InstrumentDefinition* FindInstrument(const std::vector<InstrumentDefinition>& instruments,
                                           std::string_view id);

// The trial-outcome instruments (trial_outcome set) as the adequacy engine reads them: name, total
// maximum, the default remission threshold as remission_max, and that threshold's provenance. The
// loader guarantees each has a total range and a default remission threshold.
std::vector<Instrument> TrialOutcomeInstruments(
    const std::vector<InstrumentDefinition>& instruments);

// The label of the band containing `total`, or nullptr when the scheme has no band at or below it.
const Band* FindBand(const BandScheme& scheme, int total);

}  // namespace refract::measures
