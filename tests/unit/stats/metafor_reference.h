// Test support: loading the metafor 3.8-1 reference files (tests/data/metafor/*.json) and
// comparing engine output with them, recording the largest deviation seen per block family.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "refract/stats/rma.h"

namespace refract::stats::testing {

inline const std::vector<std::string>& ReferenceDatasets() {
  static const std::vector<std::string> kNames = {"bcg", "normand1999", "raudenbush1985",
                                                  "hackshaw1998", "collins1985b"};
  return kNames;
}

// Parsed tests/data/metafor/ref-<name>.json (cached).
const nlohmann::json& LoadReference(const std::string& dataset);

// A JSON number, or one of the strings "NA", "NaN", "Inf", "-Inf" (NA and NaN give NaN).
double Num(const nlohmann::json& j);
// A JSON array of numbers (or a single unboxed number), flattened row-major when nested.
std::vector<double> Vec(const nlohmann::json& j);

// escalc yi/vi of the dataset (the engine's input), optionally with moderators from `inputs`.
RmaInput ReferenceInput(const nlohmann::json& ref, const std::vector<std::string>& moderators = {});

Tau2Method MethodFromName(const std::string& name);

// Relative deviation |actual - expected| / max(|expected|, 1e-8); NaN/NaN counts as 0 and NaN
// against a number as +inf.
double Deviation(double actual, double expected);

// EXPECTs Deviation <= tol under the current SCOPED_TRACE and records it under `family`.
void ExpectClose(const std::string& family, double actual, double expected, double tol);
void ExpectClose(const std::string& family, const std::vector<double>& actual,
                 const std::vector<double>& expected, double tol);

// Largest deviation recorded per family (printed by the test environment at exit).
std::map<std::string, double>& MaxDeviations();

}  // namespace refract::stats::testing
