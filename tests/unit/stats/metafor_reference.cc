#include "metafor_reference.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iostream>
#include <limits>
#include <stdexcept>

namespace refract::stats::testing {

const nlohmann::json& LoadReference(const std::string& dataset) {
  static std::map<std::string, nlohmann::json> cache;
  auto it = cache.find(dataset);
  if (it != cache.end()) return it->second;
  const std::string path = "tests/data/metafor/ref-" + dataset + ".json";
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open " + path + " (run from the project root)");
  return cache[dataset] = nlohmann::json::parse(in);
}

double Num(const nlohmann::json& j) {
  if (j.is_number()) return j.get<double>();
  if (j.is_null()) return std::numeric_limits<double>::quiet_NaN();
  const std::string s = j.get<std::string>();
  if (s == "Inf") return std::numeric_limits<double>::infinity();
  if (s == "-Inf") return -std::numeric_limits<double>::infinity();
  if (s == "NA" || s == "NaN") return std::numeric_limits<double>::quiet_NaN();
  throw std::runtime_error("not a number: " + s);
}

std::vector<double> Vec(const nlohmann::json& j) {
  std::vector<double> out;
  if (!j.is_array()) return {Num(j)};
  for (const auto& e : j) {
    const std::vector<double> part = Vec(e);
    out.insert(out.end(), part.begin(), part.end());
  }
  return out;
}

RmaInput ReferenceInput(const nlohmann::json& ref, const std::vector<std::string>& moderators) {
  RmaInput in;
  in.yi = Vec(ref["escalc"]["yi"]);
  in.vi = Vec(ref["escalc"]["vi"]);
  in.num_moderators = moderators.size();
  std::vector<std::vector<double>> cols;
  for (const auto& name : moderators) cols.push_back(Vec(ref["inputs"][name]));
  for (std::size_t i = 0; i < in.yi.size(); ++i) {
    for (const auto& col : cols) in.moderators.push_back(col[i]);
  }
  return in;
}

Tau2Method MethodFromName(const std::string& name) {
  static const std::map<std::string, Tau2Method> kMethods = {
      {"FE", Tau2Method::kFe}, {"DL", Tau2Method::kDl}, {"HE", Tau2Method::kHe},
      {"SJ", Tau2Method::kSj}, {"ML", Tau2Method::kMl}, {"REML", Tau2Method::kReml},
      {"EB", Tau2Method::kEb}, {"PM", Tau2Method::kPm}};
  return kMethods.at(name);
}

double Deviation(double actual, double expected) {
  if (std::isnan(expected) || std::isnan(actual)) {
    return std::isnan(expected) && std::isnan(actual) ? 0.0
                                                      : std::numeric_limits<double>::infinity();
  }
  if (actual == expected) return 0.0;
  return std::fabs(actual - expected) / std::max(std::fabs(expected), 1e-8);
}

std::map<std::string, double>& MaxDeviations() {
  static std::map<std::string, double> deviations;
  return deviations;
}

void ExpectClose(const std::string& family, double actual, double expected, double tol) {
  const double dev = Deviation(actual, expected);
  double& worst = MaxDeviations()[family];
  worst = std::max(worst, dev);
  EXPECT_LE(dev, tol) << "actual " << actual << " expected " << expected;
}

void ExpectClose(const std::string& family, const std::vector<double>& actual,
                 const std::vector<double>& expected, double tol) {
  ASSERT_EQ(actual.size(), expected.size());
  for (std::size_t i = 0; i < actual.size(); ++i) {
    SCOPED_TRACE("index " + std::to_string(i));
    ExpectClose(family, actual[i], expected[i], tol);
  }
}

namespace {

// Prints the deviation summary after all tests.
class DeviationReport : public ::testing::Environment {
 public:
  void TearDown() override {
    if (MaxDeviations().empty()) return;
    std::cout << "[ metafor ] max relative deviation per block family:\n";
    for (const auto& [family, dev] : MaxDeviations()) {
      std::cout << "[ metafor ]   " << family << ": " << dev << "\n";
    }
  }
};

const auto* const kReport = ::testing::AddGlobalTestEnvironment(new DeviationReport);

}  // namespace

}  // namespace refract::stats::testing
