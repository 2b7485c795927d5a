// Clinical knowledge as data: drugs, augmenting agents, psychotherapy modalities, instruments and
// numeric parameters, each with its source and verification tag (staging-decisions.md §0).
//
// The values come from versioned JSON files under knowledge/ (loaded by refract::io); the core only
// sees these value types. A threshold change is a data change. Tags: V confirmed in a retrieved
// source, E well established, U unconfirmed (results that rely on it are provisional), D
// implementer decision.
#pragma once

#include <array>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "refract/base/fixed_ids.h"

namespace refract {

enum class Tag { kVerified, kEstablished, kUnconfirmed, kDecision };

std::string_view ToString(Tag tag);  // "V", "E", "U", "D"

struct Provenance {
  Tag tag = Tag::kDecision;
  std::string source;  // e.g. "staging-decisions.md §2.2; S23 (COMP006 MGH-ATRQ transcription)"
};

// A numeric threshold. `range`, when present, is the span of values the sources leave open for a U
// parameter: a verdict that differs between range.first and range.second relied on the unconfirmed
// value. Without a range, a verdict relies on a U threshold only when that threshold is what failed
// the check.
struct Parameter {
  std::string id;
  double value = 0;
  Provenance provenance;
  std::optional<std::pair<double, double>> range;
};

// Another name clinicians write for a table entry: a UK or US brand (BNF, FDA label / DailyMed, EMC
// SmPC), a salt or a common abbreviation, with its source (knowledge/*.json "aliases").
struct NameAlias {
  std::string name;  // as written on the label: "Efexor XL", "Zoloft", "Priadel"
  Provenance provenance;
};

// Antidepressant classes (staging-decisions.md §1.1).
enum class DrugClass {
  kSsri,
  kSnri,
  kTca,
  kMaoi,
  kNdri,
  kNassa,
  kSerotoninModulator,
  kMelatonergic,
  kNri,
  kOther
};
std::string_view ToString(DrugClass drug_class);     // "ssri", "snri", ...
std::string_view DisplayName(DrugClass drug_class);  // "SSRI", "TCA", "serotonin modulator", ...

struct Antidepressant {
  std::string id;
  std::string name;
  DrugClass drug_class = DrugClass::kOther;
  std::map<std::string, double> min_dose_mg;  // by dose convention: "atrq", "usual", "ddd"
  // The licensed adult maximum daily dose (BNF, else the FDA label), when the table gives one;
  // with its own tag and source. For rules such as "the dose can still be increased" (NICE NG222
  // 1.9.4).
  std::optional<double> max_dose_mg;
  Provenance max_dose_provenance;
  std::string
      molecule;  // the same drug in another formulation (paroxetine_cr -> "paroxetine"), or ""
  std::optional<std::pair<double, double>> serum_window;  // ng/mL window that substitutes for dose
  bool oral = true;
  std::vector<NameAlias> aliases;
  Provenance provenance;
};

enum class AugmenterClass { kLithium, kAtypicalAntipsychotic, kThyroid, kOther };
std::string_view ToString(AugmenterClass augmenter_class);

struct AugmentingAgent {
  std::string id;
  std::string name;
  AugmenterClass augmenter_class = AugmenterClass::kOther;
  std::optional<double> min_dose_mg;
  std::optional<double> min_serum_mmol_l;
  // For an unconfirmed threshold: the span of values the sources leave open (e.g. lithium 0.5-0.6
  // mmol/L).
  std::optional<std::pair<double, double>> threshold_range;
  std::vector<NameAlias> aliases;
  Provenance provenance;
};

struct PsychotherapyModality {
  std::string id;
  std::string name;
  bool evidence_based =
      false;  // evidence-based antidepressant psychotherapy (ATHF-SF list, NVvP 2024)
  std::vector<NameAlias> aliases;
  Provenance provenance;
};

// An adverse effect a treatment may record (knowledge/adverse_effects.json): akathisia, sexual
// dysfunction, weight gain, ... with its source.
struct AdverseEffect {
  std::string id;
  std::string name;
  std::vector<NameAlias> aliases;
  Provenance provenance;
};

struct Instrument {
  std::string id;
  std::string name;
  int max_total = 0;
  int remission_max = 0;  // total <= remission_max is remission
  Provenance provenance;
};

// Every parameter id the engine reads (knowledge/parameters.json holds exactly these): a knowledge
// set missing one, or naming another, is rejected at load time.
inline constexpr std::array<std::string_view, 56> kRequiredParameters = {
    "outcome.response_pct",
    "outcome.partial_response_pct",
    "outcome.derived_baseline_days_before",
    "outcome.derived_baseline_days_after",
    "outcome.derived_end_days_after",
    "outcome.derived_min_days",
    "outcome.near_boundary_points",
    "dates.imputed_day_of_month",
    "dates.imputed_month_of_year",
    "dates.imputed_day_of_year_month",
    "adequacy.default_min_weeks",
    "adequacy.min_adherence_pct",
    "adequacy.augmentation_min_weeks",
    "adequacy.ect_min_sessions",
    "adequacy.rtms_min_sessions",
    "adequacy.esketamine_min_sessions",
    "adequacy.ketamine_min_sessions",
    "adequacy.psychotherapy_min_sessions",
    "episode.acute_max_days",
    "episode.subacute_max_days",
    "thase_rush_1997.min_weeks",
    "european_1999.min_weeks",
    "european_1999.crd_min_days",
    "european_1999.trd1_min_weeks",
    "european_1999.trd1_max_weeks",
    "european_1999.trd2_min_weeks",
    "european_1999.trd2_max_weeks",
    "european_1999.trd3_min_weeks",
    "european_1999.trd3_max_weeks",
    "european_1999.trd4_min_weeks",
    "european_1999.trd4_max_weeks",
    "european_1999.trd5_min_weeks",
    "european_1999.trd5_max_weeks",
    "mgh_2003.min_weeks",
    "mgh_2003.trial_points",
    "mgh_2003.dose_optimisation_points",
    "mgh_2003.duration_optimisation_points",
    "mgh_2003.duration_optimisation_weeks",
    "mgh_2003.augmentation_points",
    "mgh_2003.ect_points",
    "maudsley_2009.min_weeks",
    "maudsley_2009.mild_max",
    "maudsley_2009.moderate_max",
    "maudsley_2009.ad_level1_min_agents",
    "maudsley_2009.ad_level2_min_agents",
    "maudsley_2009.ad_level3_min_agents",
    "maudsley_2009.ad_level4_min_agents",
    "maudsley_2009.ad_level5_min_agents",
    "conway_2017.min_weeks",
    "conway_2017.min_pt_sessions",
    "markowitz_2022.min_weeks",
    "markowitz_2022.min_pt_sessions",
    "two_failures.min_weeks",
    "sforzini_2022.min_weeks",
    "sforzini_2022.trd_max_improvement_pct",
    "sforzini_2022.prd_max_improvement_pct",
};

// A parameter id: one written in the code is checked against kRequiredParameters when it compiles.
using ParamId = FixedId<kRequiredParameters>;

struct KnowledgeBase {
  std::string version;
  std::string dose_convention = "atrq";  // which min_dose_mg column adequacy uses
  std::vector<Antidepressant> antidepressants;
  std::vector<AugmentingAgent> augmenters;
  std::vector<PsychotherapyModality> psychotherapies;
  std::vector<AdverseEffect> adverse_effects;
  std::vector<Instrument> instruments;
  // One value per id of kRequiredParameters, so that a lookup cannot miss; the loader fills every
  // one from knowledge/parameters.json (a parameter it does not give is a load error).
  FixedTable<ParamId, Parameter> parameters;

  const Antidepressant* FindAntidepressant(std::string_view id) const;
  // The molecule a drug id stands for (paroxetine_cr -> "paroxetine"; staging-decisions.md A9): its
  // `molecule`, else the id itself (also for an id that is not in the table).
  std::string MoleculeOf(std::string_view drug_id) const;
  const AugmentingAgent* FindAugmenter(std::string_view id) const;
  const PsychotherapyModality* FindPsychotherapy(std::string_view id) const;
  const AdverseEffect* FindAdverseEffect(std::string_view id) const;
  const Instrument* FindInstrument(std::string_view id) const;
  const Parameter& Param(ParamId id) const { return parameters[id]; }
  // The minimum dose under `dose_convention`, falling back to "atrq" then "usual"; nullopt if none.
  std::optional<double> MinDose(const Antidepressant& drug) const;
};

}  // namespace refract
