// A valid refract-patient/1 record as a JSON value, one treatment of each shape, for tests that
// break one field at a time (private to refract_io_tests).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace refract::io_test {

// Indices into "treatments" of ValidRecordJson().
inline constexpr int kSertraline = 0;     // T1: antidepressant, two dose steps, MADRS scores
inline constexpr int kLiothyronine = 1;   // A1: augmentation of T1 in mcg/day, judgement
inline constexpr int kCbt = 2;            // P1: psychotherapy combined with T1
inline constexpr int kEct = 3;            // E1: bilateral ECT, HAM-D17 scores
inline constexpr int kInpatient = 4;      // H1: intensified care
inline constexpr int kLithium = 5;        // L1: lithium augmentation of T1 by serum level
inline constexpr int kNortriptyline = 6;  // N1: antidepressant with a plasma level
inline constexpr int kMirtazapine = 7;    // C1: combination added to N1

inline nlohmann::json ValidRecordJson() {
  return nlohmann::json::parse(R"({
    "format": "refract-patient/1",
    "id": "p1",
    "as_of": "2025-08-01",
    "demographics": {"birth_date": "1980-05-05", "sex": "female", "education_years": 12},
    "diagnosis": "mdd",
    "episode": {"onset": "2024-01-01", "severity": "moderate", "psychotic_features": false,
                "lifetime_episodes": 2},
    "clinical": {"comorbid_anxiety": true, "functional_impairment": "moderate"},
    "treatments": [
      {"id": "T1", "kind": "antidepressant", "drug": "sertraline", "start": "2024-02-01",
       "end": "2024-04-01",
       "doses": [{"from": "2024-02-01", "mg_per_day": 50}, {"from": "2024-03-01", "mg_per_day": 100}],
       "adherence_pct": 90, "prospective": true, "stop_reason": "none",
       "outcome": {"instrument": "madrs", "baseline": 30, "end": 26}},
      {"id": "A1", "kind": "augmentation", "agent": "liothyronine", "augments": "T1",
       "start": "2024-03-01", "end": "2024-04-01", "doses": [{"from": "2024-03-01", "mcg_per_day": 25}],
       "outcome": {"judgement": "nonresponse"}},
      {"id": "P1", "kind": "psychotherapy", "modality": "cbt", "start": "2024-05-01",
       "end": "2024-08-01", "sessions": 12, "therapist": "experienced", "format": "individual",
       "combined_with": "T1", "outcome": {"judgement": "partial_response"}},
      {"id": "E1", "kind": "ect", "laterality": "bilateral", "start": "2024-09-01",
       "end": "2024-10-01", "sessions": 10,
       "outcome": {"instrument": "hamd17", "baseline": 28, "end": 20}},
      {"id": "H1", "kind": "intensified_care", "setting": "inpatient", "start": "2024-09-01",
       "end": "2024-10-15"},
      {"id": "L1", "kind": "augmentation", "agent": "lithium", "augments": "T1",
       "start": "2024-03-01", "end": "2024-04-01", "serum_level_mmol_l": 0.6},
      {"id": "N1", "kind": "antidepressant", "drug": "nortriptyline", "start": "2024-11-01",
       "doses": [{"from": "2024-11-01", "mg_per_day": 50}], "serum_level_ng_ml": 90},
      {"id": "C1", "kind": "combination", "drug": "mirtazapine", "augments": "N1",
       "start": "2024-12-01", "doses": [{"from": "2024-12-01", "mg_per_day": 15}]}
    ]
  })");
}

// The lines of a multi-line error message.
inline std::vector<std::string> Lines(const std::string& message) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start <= message.size()) {
    const size_t end = message.find('\n', start);
    lines.push_back(message.substr(start, end == std::string::npos ? end : end - start));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return lines;
}

}  // namespace refract::io_test
