// Small patient records built in C++ for unit tests (header-only).
//
// Defaults describe an unremarkable MDD patient staged on 2025-08-01 with an episode that began on
// 2024-01-01; a test states only what it is about:
//
//   PatientRecord record = RecordBuilder()
//                              .Add(AdTrial("T1", "sertraline", "2024-02-01", "2024-04-01", 50)
//                                       .Scores("madrs", 30, 26))
//                              .Build();
#pragma once

#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "refract/base/date.h"
#include "refract/domain/patient.h"

namespace refract::test_support {

// A date literal. Aborts on a malformed literal: that is a bug in the test, not in the code.
inline Date D(std::string_view iso) {
  const std::optional<Date> date = Date::Parse(iso);
  if (!date) std::abort();
  return *date;
}

class TreatmentBuilder {
 public:
  TreatmentBuilder(std::string id, TreatmentKind kind) {
    treatment_.id = std::move(id);
    treatment_.kind = kind;
  }

  TreatmentBuilder& Agent(std::string agent) {
    treatment_.agent = std::move(agent);
    return *this;
  }
  TreatmentBuilder& Start(std::string_view start) {
    treatment_.start = D(start);
    return *this;
  }
  TreatmentBuilder& End(std::string_view end) {
    treatment_.end = D(end);
    return *this;
  }
  TreatmentBuilder& Ongoing() {
    treatment_.end.reset();
    return *this;
  }
  // Adds a dose step; steps must be added in date order.
  TreatmentBuilder& Dose(std::string_view from, double mg_per_day) {
    DoseStep step;
    step.from = D(from);
    step.mg_per_day = mg_per_day;
    treatment_.doses.push_back(step);
    return *this;
  }
  TreatmentBuilder& NoDoses() {
    treatment_.doses.clear();
    return *this;
  }
  TreatmentBuilder& SerumLevel(double level) {
    treatment_.serum_level = level;
    return *this;
  }
  TreatmentBuilder& Augments(std::string base_id) {
    treatment_.augments = std::move(base_id);
    return *this;
  }
  TreatmentBuilder& CombinedWith(std::string trial_id) {
    treatment_.combined_with = std::move(trial_id);
    return *this;
  }
  TreatmentBuilder& Adherence(double pct) {
    treatment_.adherence_pct = pct;
    return *this;
  }
  TreatmentBuilder& Stop(StopReason reason) {
    treatment_.stop_reason = reason;
    return *this;
  }
  TreatmentBuilder& AdverseEffects(std::vector<std::string> ids) {
    treatment_.adverse_effects = std::move(ids);
    return *this;
  }
  TreatmentBuilder& Prospective(bool prospective = true) {
    treatment_.prospective = prospective;
    return *this;
  }
  TreatmentBuilder& Sessions(int sessions) {
    treatment_.sessions = sessions;
    return *this;
  }
  TreatmentBuilder& NoSessions() {
    treatment_.sessions.reset();
    return *this;
  }
  TreatmentBuilder& Therapist(TherapistExperience experience) {
    treatment_.therapist = experience;
    return *this;
  }
  TreatmentBuilder& Laterality(EctLaterality laterality) {
    treatment_.laterality = laterality;
    return *this;
  }
  TreatmentBuilder& Setting(CareSetting setting) {
    treatment_.setting = setting;
    return *this;
  }
  TreatmentBuilder& Scores(std::string instrument, std::optional<int> baseline,
                           std::optional<int> end) {
    treatment_.outcome.scores = ScoredOutcome{std::move(instrument), baseline, end};
    return *this;
  }
  TreatmentBuilder& Judgement(OutcomeCategory category) {
    treatment_.outcome.judgement = category;
    return *this;
  }

  Treatment Build() const { return treatment_; }
  operator Treatment() const { return treatment_; }  // NOLINT: builder converts implicitly

 private:
  Treatment treatment_;
};

// An antidepressant monotherapy trial at one dose from start to end.
inline TreatmentBuilder AdTrial(std::string id, std::string drug, std::string_view start,
                                std::string_view end, double mg_per_day) {
  TreatmentBuilder builder(std::move(id), TreatmentKind::kAntidepressant);
  builder.Agent(std::move(drug)).Start(start).End(end).Dose(start, mg_per_day);
  return builder;
}

// A second antidepressant added to `base_id`.
inline TreatmentBuilder CombinationTrial(std::string id, std::string drug, std::string base_id,
                                         std::string_view start, std::string_view end,
                                         double mg_per_day) {
  TreatmentBuilder builder(std::move(id), TreatmentKind::kCombination);
  builder.Agent(std::move(drug))
      .Augments(std::move(base_id))
      .Start(start)
      .End(end)
      .Dose(start, mg_per_day);
  return builder;
}

// A non-antidepressant agent added to `base_id` at one dose (mg/day).
inline TreatmentBuilder AugmentationTrial(std::string id, std::string agent, std::string base_id,
                                          std::string_view start, std::string_view end,
                                          double mg_per_day) {
  TreatmentBuilder builder(std::move(id), TreatmentKind::kAugmentation);
  builder.Agent(std::move(agent))
      .Augments(std::move(base_id))
      .Start(start)
      .End(end)
      .Dose(start, mg_per_day);
  return builder;
}

// Lithium augmentation judged by serum level (no dose timeline).
inline TreatmentBuilder LithiumTrial(std::string id, std::string base_id, std::string_view start,
                                     std::string_view end, double mmol_l) {
  TreatmentBuilder builder(std::move(id), TreatmentKind::kAugmentation);
  builder.Agent("lithium").Augments(std::move(base_id)).Start(start).End(end).SerumLevel(mmol_l);
  return builder;
}

// A psychotherapy course with an experienced therapist.
inline TreatmentBuilder PsychotherapyTrial(std::string id, std::string modality,
                                           std::string_view start, std::string_view end,
                                           int sessions) {
  TreatmentBuilder builder(std::move(id), TreatmentKind::kPsychotherapy);
  builder.Agent(std::move(modality))
      .Start(start)
      .End(end)
      .Sessions(sessions)
      .Therapist(TherapistExperience::kExperienced);
  return builder;
}

// A course of `kind` (ECT, rTMS, iTBS, ketamine, esketamine) with `sessions` treatments.
inline TreatmentBuilder SessionCourse(std::string id, TreatmentKind kind, std::string_view start,
                                      std::string_view end, int sessions) {
  TreatmentBuilder builder(std::move(id), kind);
  builder.Start(start).End(end).Sessions(sessions);
  return builder;
}

class RecordBuilder {
 public:
  RecordBuilder() {
    record_.id = "test-patient";
    record_.as_of = D("2025-08-01");
    record_.episode.onset = D("2024-01-01");
  }

  RecordBuilder& Id(std::string id) {
    record_.id = std::move(id);
    return *this;
  }
  RecordBuilder& AsOf(std::string_view as_of) {
    record_.as_of = D(as_of);
    return *this;
  }
  RecordBuilder& Onset(std::string_view onset) {
    record_.episode.onset = D(onset);
    return *this;
  }
  RecordBuilder& Severity(refract::Severity severity, bool psychotic_features = false) {
    record_.episode.severity = severity;
    record_.episode.psychotic_features = psychotic_features;
    return *this;
  }
  RecordBuilder& Diagnosis(refract::Diagnosis diagnosis) {
    record_.diagnosis = diagnosis;
    return *this;
  }
  RecordBuilder& Clinical(ClinicalFactors clinical) {
    record_.clinical = std::move(clinical);
    return *this;
  }
  RecordBuilder& Add(Treatment treatment) {
    record_.treatments.push_back(std::move(treatment));
    return *this;
  }

  PatientRecord Build() const { return record_; }

 private:
  PatientRecord record_;
};

}  // namespace refract::test_support
