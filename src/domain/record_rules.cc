#include "refract/domain/record_rules.h"

#include <algorithm>
#include <map>
#include <tuple>

namespace refract {
namespace {

// The day a date can first be: for a partial date, its period's first day.
Date FirstDay(Date value, const std::optional<PartialDate>& partial) {
  return partial ? partial->earliest : value;
}

auto PartialKey(const std::optional<PartialDate>& partial) {
  return partial ? std::tuple(1, partial->precision, partial->earliest, partial->latest)
                 : std::tuple(0, DatePrecision::kDay, Date{}, Date{});
}

bool AdministrationBefore(const Administration& a, const Administration& b) {
  auto key = [](const Administration& x) {
    return std::tie(x.date, x.instrument, x.treatment, x.session, x.items, x.total, x.safety_item,
                    x.variants);
  };
  if (key(a) != key(b)) return key(a) < key(b);
  return PartialKey(a.date_partial) < PartialKey(b.date_partial);
}

std::string Index(std::string_view array, size_t i) {
  return std::string(array) + "[" + std::to_string(i) + "]";
}

class Checks {
 public:
  explicit Checks(Date as_of) : as_of_(as_of) {}

  void NotAfterAsOf(const std::string& path, Date value,
                    const std::optional<PartialDate>& partial) {
    if (FirstDay(value, partial) > as_of_) {
      Add(path, "must not be after as_of (" + as_of_.ToString() + ")");
    }
  }
  void Add(std::string path, std::string rule) {
    errors_.push_back({std::move(path), std::move(rule)});
  }
  Date as_of() const { return as_of_; }
  Status ToStatus() const { return errors_.empty() ? Status() : Status::InvalidFields(errors_); }

 private:
  Date as_of_;
  std::vector<FieldError> errors_;
};

void CheckTrialDates(const Treatment& t, const std::string& path, Checks& checks) {
  checks.NotAfterAsOf(path + ".start", t.start, t.start_partial);
  if (t.end) checks.NotAfterAsOf(path + ".end", *t.end, t.end_partial);
  if (t.end && *t.end < t.start) {
    checks.Add(path + ".end",
               "must not be before start (" + RecordedText(t.start, t.start_partial) + ")");
  }
  const Date end = t.end.value_or(checks.as_of());
  for (size_t i = 0; i < t.doses.size(); ++i) {
    const std::string from = path + ".doses[" + std::to_string(i) + "].from";
    checks.NotAfterAsOf(from, t.doses[i].from, t.doses[i].from_partial);
    if (t.doses[i].from < t.start) checks.Add(from, "must not be before the trial start");
    if (t.doses[i].from > end) checks.Add(from, "must not be after the trial end");
    if (i > 0 && t.doses[i].from <= t.doses[i - 1].from) {
      checks.Add(from, "dose steps must be in strictly increasing date order");
    }
  }
}

bool IsPharmacotherapy(TreatmentKind kind) {
  return kind == TreatmentKind::kAntidepressant || kind == TreatmentKind::kCombination ||
         kind == TreatmentKind::kAugmentation;
}

void CheckTrialReferences(const std::vector<Treatment>& treatments, Checks& checks) {
  std::map<std::string, const Treatment*, std::less<>> by_id;
  for (size_t i = 0; i < treatments.size(); ++i) {
    if (!treatments[i].id.empty() && !by_id.emplace(treatments[i].id, &treatments[i]).second) {
      checks.Add(Index("$.treatments", i) + ".id", "duplicate trial id '" + treatments[i].id + "'");
    }
  }
  for (size_t i = 0; i < treatments.size(); ++i) {
    const Treatment& t = treatments[i];
    const std::string path = Index("$.treatments", i);
    if (!t.augments.empty()) {
      auto it = by_id.find(t.augments);
      if (it == by_id.end() || it->second->kind != TreatmentKind::kAntidepressant ||
          it->second == &t) {
        checks.Add(path + ".augments",
                   "must name another trial of kind 'antidepressant' (got '" + t.augments + "')");
      }
    }
    if (!t.combined_with.empty()) {
      auto it = by_id.find(t.combined_with);
      if (it == by_id.end() || !IsPharmacotherapy(it->second->kind)) {
        checks.Add(path + ".combined_with",
                   "must name a pharmacotherapy trial (got '" + t.combined_with + "')");
      }
    }
  }
}

void CheckAssessments(const PatientRecord& record, Checks& checks) {
  for (size_t i = 0; i < record.assessments.size(); ++i) {
    const Administration& administration = record.assessments[i];
    const std::string path = Index("$.assessments", i);
    checks.NotAfterAsOf(path + ".date", administration.date, administration.date_partial);
    if (!administration.treatment.empty() && !FindTreatment(record, administration.treatment)) {
      checks.Add(path + ".treatment",
                 "must name a trial in treatments[] (got '" + administration.treatment + "')");
    }
  }
}

void CheckPreferences(const Preferences& preferences, Checks& checks) {
  for (const std::string& id : preferences.prefers) {
    if (std::find(preferences.declines.begin(), preferences.declines.end(), id) !=
        preferences.declines.end()) {
      checks.Add("$.preferences", "'" + id + "' is both preferred and declined");
    }
  }
}

}  // namespace

void NormalizeRecord(PatientRecord& record) {
  std::stable_sort(record.treatments.begin(), record.treatments.end(),
                   [](const Treatment& a, const Treatment& b) {
                     return std::tie(a.start, a.id) < std::tie(b.start, b.id);
                   });
  for (Treatment& treatment : record.treatments) {
    std::stable_sort(treatment.doses.begin(), treatment.doses.end(),
                     [](const DoseStep& a, const DoseStep& b) { return a.from < b.from; });
    std::sort(treatment.adverse_effects.begin(), treatment.adverse_effects.end());
  }
  SortAssessments(record.assessments);
  std::sort(record.preferences.prefers.begin(), record.preferences.prefers.end());
  std::sort(record.preferences.declines.begin(), record.preferences.declines.end());
}

void SortAssessments(std::vector<Administration>& assessments) {
  std::stable_sort(assessments.begin(), assessments.end(), AdministrationBefore);
}

Status ValidateRecord(const PatientRecord& record) {
  Checks checks(record.as_of);
  if (record.demographics.birth_date) {
    checks.NotAfterAsOf("$.demographics.birth_date", *record.demographics.birth_date,
                        record.demographics.birth_date_partial);
  }
  checks.NotAfterAsOf("$.episode.onset", record.episode.onset, record.episode.onset_partial);
  CheckPreferences(record.preferences, checks);
  for (size_t i = 0; i < record.treatments.size(); ++i) {
    CheckTrialDates(record.treatments[i], Index("$.treatments", i), checks);
  }
  CheckTrialReferences(record.treatments, checks);
  CheckAssessments(record, checks);
  return checks.ToStatus();
}

}  // namespace refract
