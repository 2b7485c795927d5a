// The trial-, signal- and score-derived facts, conditions and situations of one patient
// (patient_facts.h).
#include <fmt/format.h>

#include <algorithm>

#include "patient_facts.h"

namespace refract::app_internal {
namespace {

bool IsTrue(const std::vector<Fact>& facts, std::string_view id) {
  auto it = std::find_if(facts.begin(), facts.end(), [&](const Fact& f) { return f.id == id; });
  return it != facts.end() && it->value.value_or(false);
}

Fact* Named(std::vector<Fact>& facts, std::string_view id) {
  auto it = std::find_if(facts.begin(), facts.end(), [&](const Fact& f) { return f.id == id; });
  return it == facts.end() ? nullptr : &*it;
}

bool Helped(OutcomeCategory outcome) {
  return outcome == OutcomeCategory::kResponse || outcome == OutcomeCategory::kRemission;
}

bool InClass(const TrialSummary& trial, std::string_view class_id) {
  return std::find(trial.treatment_classes.begin(), trial.treatment_classes.end(), class_id) !=
         trial.treatment_classes.end();
}

const TrialSummary* OngoingInClass(const std::vector<TrialSummary>& trials,
                                   std::initializer_list<std::string_view> classes) {
  for (const TrialSummary& trial : trials) {
    if (!trial.ongoing) continue;
    for (std::string_view class_id : classes) {
      if (InClass(trial, class_id)) return &trial;
    }
  }
  return nullptr;
}

bool IsAntidepressantTrial(TreatmentKind kind) {
  return kind == TreatmentKind::kAntidepressant || kind == TreatmentKind::kCombination;
}

// suicide_risk_high: the clinician's record, never a questionnaire item.
Fact SuicideRiskHigh(const std::vector<Fact>& conditions) {
  const Fact* active = nullptr;
  const Fact* attempt = nullptr;
  for (const Fact& fact : conditions) {
    if (fact.id == "active_suicidality") active = &fact;
    if (fact.id == "recent_suicide_attempt") attempt = &fact;
  }
  for (const Fact* fact : {active, attempt}) {
    if (fact && fact->value.value_or(false)) {
      return {"suicide_risk_high", true, fact->id + " recorded as present"};
    }
  }
  if (active && active->value && attempt && attempt->value) {
    return {"suicide_risk_high", false,
            "active suicidality and a recent attempt recorded as absent"};
  }
  return {"suicide_risk_high", std::nullopt,
          "active suicidality / recent suicide attempt not recorded: assess"};
}

// suicide_risk_high, or a current self-harm item at its instrument's urgent level.
Fact SuicideRiskSignal(const Fact& risk, const std::vector<SafetySignal>& signals) {
  if (risk.value.value_or(false)) return {"suicide_risk_signal", true, risk.detail};
  for (const SafetySignal& signal : signals) {
    if (signal.urgent_item) return {"suicide_risk_signal", true, signal.text};
  }
  return {"suicide_risk_signal", risk.value, risk.detail};
}

Fact PreviousEctResponse(const std::vector<TrialReport>& trials, const Fact& recorded) {
  if (recorded.value.value_or(false)) return recorded;
  for (const TrialReport& trial : trials) {
    if (trial.kind == TreatmentKind::kEct && Helped(trial.outcome.category)) {
      return {"previous_ect_response", true,
              fmt::format("{} (ECT from {}): {}", trial.id, trial.start.ToString(),
                          ToString(trial.outcome.category))};
    }
  }
  return recorded;
}

// The latest current-episode trial (not intensified care) with a recorded or derived outcome.
const TrialReport* LatestWithOutcome(const Assessment& assessment) {
  const TrialReport* latest = nullptr;
  for (const TrialReport& trial : assessment.trials) {
    if (!trial.in_current_episode || trial.kind == TreatmentKind::kIntensifiedCare ||
        trial.outcome.category == OutcomeCategory::kUnknown) {
      continue;
    }
    if (!latest || trial.start >= latest->start) latest = &trial;
  }
  return latest;
}

// A later administration of a trial-outcome instrument above its remission range, after a trial
// that ended in remission: the remission did not last.
std::optional<std::string> RelapseAfter(const TrialReport& trial, const Assessment& assessment,
                                        const KnowledgeBase& knowledge) {
  if (trial.ongoing || trial.outcome.category != OutcomeCategory::kRemission) return std::nullopt;
  for (const InstrumentSeries& series : assessment.measures.series) {
    const Instrument* instrument = knowledge.FindInstrument(series.instrument_id);
    if (!instrument) continue;
    for (const measures::ScoredAdministration& administration : series.administrations) {
      if (!administration.date || *administration.date <= trial.end ||
          !administration.total_rounded ||
          *administration.total_rounded <= instrument->remission_max) {
        continue;
      }
      return fmt::format("{} {} on {} (remission is <= {})", series.name,
                         *administration.total_rounded, administration.date->ToString(),
                         instrument->remission_max);
    }
  }
  return std::nullopt;
}

// "ongoing now: T5 (mirtazapine)", or that nothing is ongoing: what continuing means here.
std::string OngoingNow(const Assessment& assessment) {
  std::vector<std::string> ongoing;
  for (const TrialReport& trial : assessment.trials) {
    if (trial.in_current_episode && trial.ongoing) {
      ongoing.push_back(
          fmt::format("{} ({})", trial.id,
                      trial.agent.empty() ? std::string(ToString(trial.kind)) : trial.agent));
    }
  }
  return ongoing.empty() ? "nothing is ongoing: plan the continuation or maintenance treatment"
                         : fmt::format("ongoing now: {}", fmt::join(ongoing, ", "));
}

std::vector<Fact> BenefitSituations(const Assessment& assessment, const KnowledgeBase& knowledge) {
  const TrialReport* latest = LatestWithOutcome(assessment);
  if (!latest || !Helped(latest->outcome.category)) {
    const std::string why = latest ? fmt::format("the latest trial with an outcome ({}): {}",
                                                 latest->id, ToString(latest->outcome.category))
                                   : "no trial with an outcome in this episode";
    return {{"current_treatment_helping", false, why}, {"in_remission", false, why}};
  }
  const std::string label =
      fmt::format("{} ({}{}): {}", latest->id,
                  latest->agent.empty() ? std::string(ToString(latest->kind)) : latest->agent,
                  latest->ongoing ? ", ongoing" : "", ToString(latest->outcome.category));
  if (std::optional<std::string> relapse = RelapseAfter(*latest, assessment, knowledge)) {
    const std::string why = fmt::format("{}, then relapse: {}", label, *relapse);
    return {{"current_treatment_helping", false, why}, {"in_remission", false, why}};
  }
  const bool remission = latest->outcome.category == OutcomeCategory::kRemission;
  const std::string detail = fmt::format("latest outcome {}; {}", label, OngoingNow(assessment));
  return {{"current_treatment_helping", true, detail}, {"in_remission", remission, detail}};
}

double HighestDose(const PatientRecord& record, std::string_view trial_id) {
  double highest = 0;
  for (const Treatment& treatment : record.treatments) {
    if (treatment.id != trial_id) continue;
    for (const DoseStep& step : treatment.doses) highest = std::max(highest, step.mg_per_day);
  }
  return highest;
}

// The latest antidepressant trial failed adequately below the drug's maximum licensed dose.
Fact DoseBelowMaximum(const PatientRecord& record, const std::vector<TrialSummary>& trials,
                      const KnowledgeBase& knowledge) {
  const TrialSummary* latest = nullptr;
  for (const TrialSummary& trial : trials) {
    if (trial.kind == TreatmentKind::kAntidepressant && (!latest || trial.start >= latest->start)) {
      latest = &trial;
    }
  }
  const std::string id = "failed_antidepressant_below_maximum_dose";
  if (!latest || !latest->adequate ||
      (latest->outcome != OutcomeCategory::kNonresponse &&
       latest->outcome != OutcomeCategory::kPartialResponse)) {
    return {id, false, "the latest antidepressant trial did not fail adequately"};
  }
  const Antidepressant* drug = knowledge.FindAntidepressant(latest->agent);
  if (!drug || !drug->max_dose_mg) {
    return {
        id, std::nullopt,
        fmt::format("{} ({}): no maximum dose in the knowledge table", latest->id, latest->agent)};
  }
  const double dose = HighestDose(record, latest->id);
  return {id, dose < *drug->max_dose_mg,
          fmt::format("{} ({}) {}: {:g} mg/day, maximum licensed dose {:g} mg/day", latest->id,
                      latest->agent, ToString(latest->outcome), dose, *drug->max_dose_mg)};
}

// The latest adequate antidepressant trial gave a partial response.
Fact LatestPartialResponse(const std::vector<TrialSummary>& trials) {
  const TrialSummary* latest = nullptr;
  for (const TrialSummary& trial : trials) {
    if (trial.kind == TreatmentKind::kAntidepressant && trial.adequate &&
        (!latest || trial.start >= latest->start)) {
      latest = &trial;
    }
  }
  const bool partial = latest && latest->outcome == OutcomeCategory::kPartialResponse;
  return {"latest_antidepressant_partial_response", partial,
          latest ? fmt::format("{} ({}): {}", latest->id, latest->agent, ToString(latest->outcome))
                 : "no adequate antidepressant trial"};
}

}  // namespace

void AddTreatmentFacts(const std::vector<TrialSummary>& trials,
                       const std::vector<SafetySignal>& signals, const RankingKnowledge& ranking,
                       int failed_antidepressant_trials, std::vector<Fact>& facts) {
  const int trd = static_cast<int>(ranking.Weight("facts.trd_failed_trials").value);
  const bool severe = IsTrue(facts, "severity_high");
  facts.push_back({"trd_failures_reached", failed_antidepressant_trials >= trd,
                   fmt::format("{} failed antidepressant trial(s) (TRD from {})",
                               failed_antidepressant_trials, trd)});
  facts.push_back({"severe_after_failures", severe && failed_antidepressant_trials >= trd,
                   fmt::format("severity high: {}; {} failed antidepressant trial(s) (>= {})",
                               severe ? "yes" : "no", failed_antidepressant_trials, trd)});
  auto positive = std::find_if(signals.begin(), signals.end(), [](const SafetySignal& s) {
    return s.code != "SAFETY_ITEM_UNANSWERED";
  });
  facts.push_back(
      {"self_harm_signal", positive != signals.end(),
       positive == signals.end() ? "no current positive self-harm signal" : positive->text});
  facts.push_back(LatestPartialResponse(trials));
  const bool ongoing = AntidepressantOngoing(trials);
  facts.push_back(
      {"antidepressant_ongoing", ongoing,
       ongoing ? "an antidepressant trial is ongoing" : "no antidepressant trial is ongoing"});
  facts.push_back({"severe_without_antidepressant", severe && !ongoing,
                   fmt::format("severity high: {}; antidepressant ongoing: {}",
                               severe ? "yes" : "no", ongoing ? "yes" : "no")});
}

// Akathisia recorded on an atypical antipsychotic augmentation of the record (any episode).
Fact AntipsychoticAkathisia(const std::vector<TrialReport>& all_trials) {
  for (const TrialReport& trial : all_trials) {
    const bool akathisia = std::find(trial.adverse_effects.begin(), trial.adverse_effects.end(),
                                     "akathisia") != trial.adverse_effects.end();
    if (akathisia && trial.agent_class == "atypical_antipsychotic") {
      return {"antipsychotic_akathisia", true,
              fmt::format("akathisia recorded on {} ({})", trial.id, trial.agent)};
    }
  }
  return {"antipsychotic_akathisia", false, "no akathisia recorded on an antipsychotic"};
}

void AddDerivedConditions(const PatientRecord& record, const std::vector<TrialReport>& all_trials,
                          const std::vector<TrialSummary>& episode_trials,
                          const std::vector<SafetySignal>& signals, const std::vector<Fact>& facts,
                          std::vector<Fact>& conditions) {
  const Fact risk = SuicideRiskHigh(conditions);
  *Named(conditions, "suicide_risk_high") = risk;
  *Named(conditions, "suicide_risk_signal") = SuicideRiskSignal(risk, signals);
  Fact* ect = Named(conditions, "previous_ect_response");
  *ect = PreviousEctResponse(all_trials, *ect);
  const TrialSummary* maoi = OngoingInClass(episode_trials, {"ad_maoi"});
  *Named(conditions, "antipsychotic_akathisia") = AntipsychoticAkathisia(all_trials);
  *Named(conditions, "maoi_ongoing") =
      maoi ? Fact{"maoi_ongoing", true, fmt::format("{} ({}) ongoing", maoi->id, maoi->agent)}
           : Fact{"maoi_ongoing", false, "no ongoing MAOI trial"};
  Fact* serotonergic = Named(conditions, "serotonergic_medication");
  const TrialSummary* ongoing = OngoingInClass(
      episode_trials, {"ad_ssri", "ad_snri", "ad_tca", "ad_serotonin_modulator", "ad_maoi"});
  if (!record.conditions.contains("serotonergic_medication") && ongoing) {
    *serotonergic = {"serotonergic_medication", true,
                     fmt::format("{} ({}) ongoing", ongoing->id, ongoing->agent)};
  }
  for (const Fact& fact : facts) {
    if (fact.id == "age_65_or_over") *Named(conditions, "age_65_or_over") = fact;
  }
}

std::vector<Fact> DeriveSituations(const PatientRecord& record, const Assessment& assessment,
                                   const std::vector<TrialSummary>& episode_trials,
                                   const KnowledgeBase& knowledge) {
  std::vector<Fact> situations = {DoseBelowMaximum(record, episode_trials, knowledge)};
  const bool tried =
      std::any_of(episode_trials.begin(), episode_trials.end(),
                  [](const TrialSummary& t) { return IsAntidepressantTrial(t.kind); });
  situations.push_back({"no_antidepressant_in_episode", !tried,
                        tried ? "an antidepressant was tried in this episode"
                              : "no antidepressant trial in this episode"});
  situations.push_back({"antidepressant_tried_in_episode", tried,
                        tried ? "an antidepressant was tried in this episode"
                              : "no antidepressant trial in this episode"});
  const bool ongoing = AntidepressantOngoing(episode_trials);
  situations.push_back(
      {"no_antidepressant_ongoing", !ongoing,
       ongoing ? "an antidepressant trial is ongoing" : "no antidepressant trial is ongoing"});
  for (Fact& situation : BenefitSituations(assessment, knowledge)) {
    situations.push_back(std::move(situation));
  }
  return situations;
}

bool AntidepressantOngoing(const std::vector<TrialSummary>& trials) {
  return std::any_of(trials.begin(), trials.end(), [](const TrialSummary& t) {
    return t.ongoing && IsAntidepressantTrial(t.kind);
  });
}

std::vector<std::string> BipolarNotes(const std::vector<TrialSummary>& trials,
                                      const RankingKnowledge& ranking) {
  const bool antidepressant = AntidepressantOngoing(trials);
  const bool cover = OngoingInClass(trials, {"augmentation_lithium", "augmentation_antipsychotic"});
  if (!antidepressant || cover) return {};
  return {ranking.Message("bipolar_antidepressant_without_cover").text};
}

}  // namespace refract::app_internal
