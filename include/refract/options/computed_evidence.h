// Evidence computed by Refract (docs/options.md, "Evidence computed by Refract"): effects
// recomputed from the per-arm counts that the catalogue copies from each entry's primary source,
// and syntheses pooled by the evidence engine from the Metapsy psychotherapy-trials database.
// Shown beside the published values; never a replacement for them.
//
// Arm effects. An entry with exactly two arms that both give events and n, from a single trial
// (k absent or 1) and with a known direction, gets the log risk ratio and log odds ratio of arm 1
// vs arm 2 with Wald 95% CIs, as metafor's escalc (refract::stats::ComputeBinary, 1/2 added to all
// cells of a table with a zero cell). Entries with more arms, with percentages only, or pooled
// over several studies are not recomputed: summed 2x2 tables must not be collapsed across studies
// (Heijnen WT, et al. J Clin Psychopharmacol 2010;30:616-619 is the example: its crude pooled
// counts do not reproduce its stratified Mantel-Haenszel OR).
//
// Syntheses. A SynthesisSpec selects Metapsy comparisons by column values, optionally keeps one
// effect per study (evidence::AverageWithinStudy, rho 0.5), pools them with refract::stats::FitRma
// (metafor's rma.uni) and, when asked, repeats the pool without high risk of bias (Metapsy rob of
// at least the spec's low_risk_min_rob, which the loader takes from evidence_syntheses.json:
// metapsyTools' default filter keeps rob >= 3). Metapsy's g is positive when the psychotherapy arm
// has fewer symptoms (data/metapsy/README.md), so every synthesis favours "higher".
//
// Pure: no I/O. Errors (kInvalidArgument) name the synthesis id and the rule.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "refract/base/status.h"
#include "refract/evidence/effect_record.h"
#include "refract/knowledge/knowledge.h"
#include "refract/options/catalogue.h"
#include "refract/stats/rma.h"

namespace refract {

// A ratio or difference with its 95% CI, on the natural scale (ratios exponentiated).
struct Estimate {
  double value = 0;
  double ci_low = 0, ci_high = 0;
};

struct ArmEffect {
  Estimate risk_ratio;
  Estimate odds_ratio;
  std::string arms;    // "ISTDP 11/30 vs TAU 1/30"
  std::string method;  // how it was computed
};

// The arm effect of `entry`, or nullopt when the entry does not qualify (see the header comment).
std::optional<ArmEffect> ComputeArmEffect(const EvidenceEntry& entry);

// Whether a CI lies entirely on the favourable side of "no effect" (0 for differences and SMDs, 1
// for ratios). False for kNotComparative / kUnknown entries and pre-post effect sizes.
bool ShowsClearBenefit(EffectMeasure measure, Favours favours, double ci_low, double ci_high);

// Whether the entry reports a result: a value, or arms with counts or percentages.
bool HasResult(const EvidenceEntry& entry);

// TRD or inadequate response to >= 1 antidepressant: the populations a next step is for.
bool IsResistantPopulation(EvidencePopulation population);

// The entry's 95% CI: as published, or value +- 1.96 SE when only an SE is given.
std::optional<std::pair<double, double>> EntryInterval(const EvidenceEntry& entry);

enum class SynthesisScope {
  kOption,  // evidence for this option; counts toward its evidence score
  kClass,   // context for the class (e.g. psychotherapy added to usual care in TRD); shown only
  kExploratory,  // an exploratory pool of this option's trials (few trials, or a trial's primary
                 // and secondary outcomes averaged); shown only, never the option's own evidence
};
std::string_view ToString(SynthesisScope scope);  // "option", "class", "exploratory"

struct SynthesisSpec {
  std::string id;
  std::string label;
  std::vector<std::string> interventions;  // catalogue ids it is shown under
  SynthesisScope scope = SynthesisScope::kOption;
  EvidencePopulation population = EvidencePopulation::kGeneralDepression;
  std::optional<int> min_failed_treatments;  // as EvidenceEntry (PopulationRuleViolation)
  // Metapsy column -> accepted values; a comparison is selected when every column matches.
  std::vector<std::pair<std::string, std::vector<std::string>>> select;
  bool one_effect_per_study = true;
  bool low_risk_of_bias_sensitivity = false;
  double low_risk_min_rob = 0;  // the sensitivity keeps rows with rob >= this (set by the loader)
  stats::Tau2Method method = stats::Tau2Method::kReml;
  std::string compare_with;  // study_id of the published entry shown beside it, or empty
  std::string note;
  Provenance provenance;
};

// What an evidence level claims, checked against the option's entries and option-scope syntheses
// (docs/options.md): "" when they support it, else the missing piece in words.
std::string UnsupportedLevel(const Intervention& option,
                             std::span<const SynthesisSpec* const> option_syntheses);

struct PooledSummary {
  int comparisons = 0;   // Metapsy rows selected
  int studies = 0;       // distinct studies pooled
  int participants = 0;  // per study, the largest comparison's n_arm1 + n_arm2 (else totaln_arm*)
  Estimate g;            // pooled Hedges' g and its 95% CI
  double se = 0;
  std::optional<std::pair<double, double>> prediction_interval;  // k >= 3
  double tau2 = 0, i2 = 0;
  std::string model;  // "REML, one effect per study (rho 0.5)"
};

struct ComputedSynthesis {
  SynthesisSpec spec;
  PooledSummary pooled;
  std::optional<PooledSummary> low_risk_of_bias;  // rob >= low_risk_min_rob, when requested
  std::vector<std::string> study_labels;          // the studies pooled, in data order
};

// Runs every spec on `comparisons` (Metapsy rows mapped by evidence::MapMetapsy). Errors: a spec
// that selects no row, a column that no row has, or a failed fit.
StatusOr<std::vector<ComputedSynthesis>> RunSyntheses(
    std::span<const SynthesisSpec> specs, std::span<const evidence::EffectRecord> comparisons);

// Syntheses shown under `intervention_id`, in spec order.
std::vector<const ComputedSynthesis*> SynthesesFor(std::span<const ComputedSynthesis> syntheses,
                                                   std::string_view intervention_id);

}  // namespace refract
