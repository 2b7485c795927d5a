// The moderator facts and caution conditions of one patient (app/next_steps.h).
#include "patient_facts.h"

#include <fmt/format.h>

namespace refract::app_internal {
namespace {

Fact Known(std::string id, bool value, std::string detail) {
  return {std::move(id), value, std::move(detail)};
}

Fact FromOptional(std::string id, const std::optional<bool>& value, std::string_view field) {
  if (!value) return {std::move(id), std::nullopt, std::string(field) + " not recorded"};
  return {std::move(id), *value, fmt::format("{}: {}", field, *value ? "yes" : "no")};
}

// Whole years from `birth` to `on`.
int AgeInYears(Date birth, Date on) {
  const std::chrono::year_month_day b{birth.days()};
  const std::chrono::year_month_day o{on.days()};
  int years = static_cast<int>(o.year()) - static_cast<int>(b.year());
  if (o.month() < b.month() || (o.month() == b.month() && o.day() < b.day())) --years;
  return years;
}

std::string_view MentalizingName(MentalizingCapacity capacity) {
  switch (capacity) {
    case MentalizingCapacity::kLow:
      return "low";
    case MentalizingCapacity::kModerate:
      return "moderate";
    case MentalizingCapacity::kHigh:
      return "high";
  }
  return "?";
}

std::string_view AreaName(InterpersonalArea area) {
  switch (area) {
    case InterpersonalArea::kNone:
      return "none";
    case InterpersonalArea::kGrief:
      return "grief";
    case InterpersonalArea::kRoleDispute:
      return "role dispute";
    case InterpersonalArea::kRoleTransition:
      return "role transition";
    case InterpersonalArea::kInterpersonalDeficits:
      return "interpersonal deficits";
  }
  return "?";
}

void AddEpisodeFacts(const PatientRecord& record, const RankingKnowledge& ranking,
                     std::vector<Fact>& facts) {
  const Severity severity = record.episode.severity;
  const bool severe = severity == Severity::kSevere || severity == Severity::kSeverePsychotic;
  facts.push_back(Known("severity_high", severe, fmt::format("severity {}", ToString(severity))));
  const bool mild = severity == Severity::kMild || severity == Severity::kSubsyndromal;
  facts.push_back(Known("severity_mild", mild, fmt::format("severity {}", ToString(severity))));
  const int days = DaysBetween(record.episode.onset, record.as_of);
  const int long_days = static_cast<int>(ranking.Weight("facts.long_episode_days").value);
  const bool long_episode = days > long_days;
  facts.push_back(
      Known("episode_over_2_years", long_episode,
            fmt::format("episode {} days ({} {})", days, long_episode ? ">" : "<=", long_days)));
  facts.push_back(Known("severe_non_chronic", severe && !long_episode,
                        fmt::format("severity {}, episode {} days", ToString(severity), days)));
  const std::optional<bool>& adversity = record.clinical.childhood_adversity;
  facts.push_back(FromOptional("childhood_adversity", adversity, "childhood adversity"));
  Fact chronic_adversity{"chronic_with_childhood_adversity", std::nullopt,
                         "childhood adversity not recorded"};
  if (adversity) {
    chronic_adversity.value = *adversity && long_episode;
    chronic_adversity.detail =
        fmt::format("childhood adversity {}, episode {} days", *adversity ? "yes" : "no", days);
  }
  facts.push_back(std::move(chronic_adversity));
}

void AddPersonFacts(const PatientRecord& record, const RankingKnowledge& ranking,
                    std::vector<Fact>& facts) {
  const int low_years = static_cast<int>(ranking.Weight("facts.low_education_years").value);
  if (const std::optional<int>& years = record.demographics.education_years) {
    facts.push_back(Known("education_8_years_or_less", *years <= low_years,
                          fmt::format("{} years of education", *years)));
  } else {
    facts.push_back({"education_8_years_or_less", std::nullopt, "education years not recorded"});
  }
  const int older = static_cast<int>(ranking.Weight("facts.older_age_years").value);
  if (const std::optional<Date>& birth = record.demographics.birth_date) {
    const int age = AgeInYears(*birth, record.as_of);
    facts.push_back(Known("age_65_or_over", age >= older, fmt::format("age {}", age)));
  } else {
    facts.push_back({"age_65_or_over", std::nullopt, "birth date not recorded"});
  }
}

void AddClinicalFacts(const PatientRecord& record, std::vector<Fact>& facts) {
  const ClinicalFactors& clinical = record.clinical;
  if (clinical.interpersonal_problem_area) {
    const InterpersonalArea area = *clinical.interpersonal_problem_area;
    facts.push_back(Known("interpersonal_problem_area", area != InterpersonalArea::kNone,
                          fmt::format("interpersonal problem area: {}", AreaName(area))));
  } else {
    facts.push_back(
        {"interpersonal_problem_area", std::nullopt, "interpersonal problem area not recorded"});
  }
  for (auto [id, level] : {std::pair{"low_mentalizing", MentalizingCapacity::kLow},
                           std::pair{"high_mentalizing", MentalizingCapacity::kHigh}}) {
    if (clinical.mentalizing) {
      facts.push_back(Known(id, *clinical.mentalizing == level,
                            fmt::format("mentalizing {}", MentalizingName(*clinical.mentalizing))));
    } else {
      facts.push_back({id, std::nullopt, "mentalizing not recorded"});
    }
  }
  facts.push_back(FromOptional("comorbid_anxiety", clinical.comorbid_anxiety, "comorbid anxiety"));
  facts.push_back(
      FromOptional("personality_disorder", clinical.personality_disorder, "personality disorder"));
  facts.push_back(FromOptional("psychosocial_stressors", clinical.psychosocial_stressors,
                               "psychosocial stressors"));
  facts.push_back(
      FromOptional("atypical_features", clinical.atypical_features, "atypical features"));
}

}  // namespace

std::vector<Fact> DeriveFacts(const PatientRecord& record, const RankingKnowledge& ranking,
                              int failed_antidepressant_trials) {
  std::vector<Fact> facts;
  AddEpisodeFacts(record, ranking, facts);
  AddPersonFacts(record, ranking, facts);
  AddClinicalFacts(record, facts);
  facts.push_back(Known("prior_medication_failure", failed_antidepressant_trials > 0,
                        fmt::format("{} adequate failed antidepressant trial(s) this episode",
                                    failed_antidepressant_trials)));
  const int many = static_cast<int>(ranking.Weight("facts.many_episodes").value);
  if (const std::optional<int>& episodes = record.episode.lifetime_episodes) {
    facts.push_back(Known("four_or_more_episodes", *episodes >= many,
                          fmt::format("{} lifetime episode(s)", *episodes)));
  } else {
    facts.push_back({"four_or_more_episodes", std::nullopt, "lifetime episodes not recorded"});
  }
  return facts;
}

std::vector<Fact> DeriveConditions(const PatientRecord& record,
                                   const std::vector<TrialReport>& all_trials,
                                   const std::vector<TrialSummary>& episode_trials,
                                   const std::vector<SafetySignal>& signals,
                                   const std::vector<Fact>& facts) {
  std::vector<Fact> conditions;
  for (std::string_view id : kCautionConditions) {
    Fact fact{std::string(id), std::nullopt, std::string(id) + " not recorded"};
    if (id == "bipolar") {
      fact = Known(fact.id, record.diagnosis == Diagnosis::kBipolar,
                   fmt::format("diagnosis {}", ToString(record.diagnosis)));
    } else if (id == "psychotic_features") {
      fact = Known(fact.id, record.episode.psychotic_features,
                   record.episode.psychotic_features ? "psychotic features in this episode"
                                                     : "no psychotic features recorded");
    } else if (id == "active_substance_use") {
      fact = FromOptional(fact.id, record.clinical.substance_use, "substance use");
    } else if (auto it = record.conditions.find(id); it != record.conditions.end()) {
      fact = Known(fact.id, it->second,
                   fmt::format("{}: {} (recorded)", id, it->second ? "present" : "absent"));
    } else if (id == "pregnancy" && record.demographics.sex == Sex::kMale) {
      fact = Known(fact.id, false, "sex male");
    }
    conditions.push_back(std::move(fact));
  }
  AddDerivedConditions(record, all_trials, episode_trials, signals, facts, conditions);
  return conditions;
}

}  // namespace refract::app_internal
