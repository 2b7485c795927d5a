#include "refract/evidence/pooling.h"

#include <algorithm>
#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/distributions/normal.hpp>
#include <cmath>
#include <iomanip>
#include <locale>
#include <map>
#include <numeric>
#include <sstream>
#include <unordered_set>
#include <utility>

#include "refract/evidence/csv_reader.h"

namespace refract::evidence {
namespace {

namespace bm = boost::math;
using NoThrow = bm::policies::policy<bm::policies::domain_error<bm::policies::ignore_error>,
                                     bm::policies::overflow_error<bm::policies::ignore_error>>;

constexpr char kMixed[] = "mixed";

std::string MethodLabel(const stats::RmaResult& fit) {
  std::string label = fit.options.method == stats::Tau2Method::kFe
                          ? "FE"
                          : "RE (" + stats::Tau2MethodName(fit.options.method) + ")";
  if (fit.options.test == stats::TestType::kKnha) label += ", Knapp-Hartung";
  return label + ", k = " + std::to_string(fit.k);
}

// Q between subgroups from the subgroup estimates and their standard errors.
void SetSubgroupDifferenceTest(SubgroupAnalysis& analysis) {
  double sum_w = 0, sum_wy = 0;
  int fitted = 0;
  for (const SubgroupResult& g : analysis.groups) {
    if (!g.pooled) continue;
    double w = 1 / (g.pooled->fit.se[0] * g.pooled->fit.se[0]);
    sum_w += w;
    sum_wy += w * g.pooled->fit.estimate[0];
    ++fitted;
  }
  if (fitted < 2) return;
  double mean = sum_wy / sum_w, q = 0;
  for (const SubgroupResult& g : analysis.groups) {
    if (!g.pooled) continue;
    double diff = g.pooled->fit.estimate[0] - mean;
    q += diff * diff / (g.pooled->fit.se[0] * g.pooled->fit.se[0]);
  }
  analysis.q_between = q;
  analysis.q_between_df = fitted - 1;
  analysis.q_between_p =
      bm::cdf(bm::complement(bm::chi_squared_distribution<double, NoThrow>(fitted - 1), q));
}

// The mean of one study's effects (Borenstein et al. 2009, ch. 24).
EffectRecord AverageOf(const std::vector<const EffectRecord*>& effects, double rho) {
  EffectRecord out = *effects.front();
  double m = static_cast<double>(effects.size());
  double sum_y = 0, sum_v = 0, sum_s = 0;
  for (const EffectRecord* e : effects) {
    sum_y += e->yi;
    sum_v += e->vi;
    sum_s += std::sqrt(e->vi);
  }
  double sum_ss = sum_s * sum_s - sum_v;  // Σ_{i≠j} s_i s_j = (Σ s)² − Σ s²
  out.yi = sum_y / m;
  out.vi = (sum_v + rho * sum_ss) / (m * m);
  out.label = out.study;
  for (const EffectRecord* e : effects) {
    if (e->source != out.source) out.source = EffectSource::kComputedFromRaw;
    for (auto& [name, value] : out.attributes) {
      auto it = e->attributes.find(name);
      if (it == e->attributes.end() || it->second != value) value = kMixed;
    }
  }
  return out;
}

// Attribute text as a number, with either decimal mark ("NA" gives NaN).
std::optional<double> ParseNumberAttribute(const std::string& text) {
  if (std::optional<double> value = ParseNumber(text, '.')) return value;
  return ParseNumber(text, ',');
}

}  // namespace

StatusOr<PooledEstimate> PoolMembers(std::span<const EffectRecord> records,
                                     std::span<const size_t> members,
                                     const stats::RmaOptions& options, std::string group) {
  stats::RmaInput input;
  input.yi.reserve(members.size());
  input.vi.reserve(members.size());
  for (size_t row : members) {
    input.yi.push_back(records[row].yi);
    input.vi.push_back(records[row].vi);
  }
  std::string prefix = group.empty() ? "" : "subgroup '" + group + "': ";
  StatusOr<stats::RmaResult> fit = stats::FitRma(input, options);
  if (!fit.ok()) return Status::InvalidArgument(prefix + fit.status().message());
  StatusOr<stats::Prediction> prediction = stats::Predict(*fit);
  if (!prediction.ok()) return Status::InvalidArgument(prefix + prediction.status().message());
  PooledEstimate pooled;
  pooled.group = std::move(group);
  pooled.fit = std::move(*fit);
  pooled.prediction = *prediction;
  pooled.rows.reserve(pooled.fit.used_rows.size());
  std::unordered_set<std::string_view> studies;
  studies.reserve(pooled.fit.used_rows.size());
  for (size_t used : pooled.fit.used_rows) {
    pooled.rows.push_back(members[used]);
    studies.insert(records[members[used]].study);
  }
  pooled.k = pooled.rows.size();
  pooled.studies = studies.size();
  return pooled;
}

StatusOr<PooledEstimate> Pool(std::span<const EffectRecord> records,
                              const stats::RmaOptions& options, std::string group) {
  std::vector<size_t> all(records.size());
  std::iota(all.begin(), all.end(), size_t{0});
  return PoolMembers(records, all, options, std::move(group));
}

StatusOr<SubgroupAnalysis> PoolBySubgroup(std::span<const EffectRecord> records,
                                          std::string_view column,
                                          const stats::RmaOptions& options) {
  std::map<std::string_view, std::vector<size_t>> groups;
  for (size_t i = 0; i < records.size(); ++i) {
    auto it = records[i].attributes.find(column);
    if (it != records[i].attributes.end()) groups[it->second].push_back(i);
  }
  if (groups.empty()) {
    return Status::InvalidArgument("column '" + std::string(column) +
                                   "': no record has this column (cannot form subgroups)");
  }
  SubgroupAnalysis analysis;
  analysis.column = std::string(column);
  analysis.groups.reserve(groups.size());
  for (const auto& [value, members] : groups) {
    SubgroupResult result;
    result.group = std::string(value);
    StatusOr<PooledEstimate> pooled = PoolMembers(records, members, options, result.group);
    if (pooled.ok()) {
      result.pooled = std::move(*pooled);
    } else {
      result.error = pooled.status().message();
    }
    analysis.groups.push_back(std::move(result));
  }
  SetSubgroupDifferenceTest(analysis);
  return analysis;
}

EffectRecords AverageWithinStudy(std::span<const EffectRecord> records, double rho,
                                 std::string_view within_column) {
  using Key = std::pair<std::string, std::string>;
  std::vector<Key> order;
  std::map<Key, std::vector<const EffectRecord*>> by_study;
  for (const EffectRecord& r : records) {
    Key key{r.study, ""};
    if (!within_column.empty()) {
      auto it = r.attributes.find(within_column);
      if (it != r.attributes.end()) key.second = it->second;
    }
    auto [it, inserted] = by_study.try_emplace(key);
    if (inserted) order.push_back(key);
    it->second.push_back(&r);
  }
  EffectRecords out;
  for (const Key& key : order) out.push_back(AverageOf(by_study[key], rho));
  return out;
}

StatusOr<EffectRecords> KeepAtLeast(std::span<const EffectRecord> records, std::string_view column,
                                    double minimum) {
  EffectRecords out;
  for (const EffectRecord& r : records) {
    auto it = r.attributes.find(column);
    if (it == r.attributes.end()) {
      return Status::InvalidArgument("line " + std::to_string(r.line) + ", column '" +
                                     std::string(column) + "': missing");
    }
    std::optional<double> value = ParseNumberAttribute(it->second);
    if (!value) {
      return Status::InvalidArgument("line " + std::to_string(r.line) + ", column '" +
                                     std::string(column) + "': not a number '" + it->second + "'");
    }
    if (!std::isnan(*value) && *value >= minimum) out.push_back(r);
  }
  return out;
}

namespace {

std::string Decimal(double value, int digits) {
  std::ostringstream out;
  out.imbue(std::locale::classic());
  out << std::fixed << std::setprecision(digits) << value;
  return out.str();
}

std::string PText(double p) { return p < 0.001 ? "p < 0.001" : "p = " + Decimal(p, 3); }

ForestSummary SummaryOf(const PooledEstimate& pooled, std::string label) {
  const stats::RmaResult& fit = pooled.fit;
  ForestSummary s;
  s.label = std::move(label);
  s.pooled = true;
  s.estimate = pooled.prediction.pred;
  s.ci_lb = pooled.prediction.ci_lb;
  s.ci_ub = pooled.prediction.ci_ub;
  s.pi_lb = pooled.prediction.pi_lb;
  s.pi_ub = pooled.prediction.pi_ub;
  s.has_pi = fit.options.method != stats::Tau2Method::kFe;
  std::string tau2 = s.has_pi ? "τ² = " + Decimal(fit.tau2, 3) + ", " : "";
  s.heterogeneity = "Heterogeneity: " + tau2 + "I² = " + Decimal(fit.i2, 1) + "%, Q(" +
                    Decimal(fit.qe_df, 0) + ") = " + Decimal(fit.qe, 2) + ", " + PText(fit.qe_p);
  return s;
}

std::vector<ForestRow> RowsOf(const PooledEstimate& pooled, std::span<const EffectRecord> records) {
  double z = bm::quantile(bm::complement(bm::normal_distribution<double, NoThrow>(),
                                         (1 - pooled.fit.options.level) / 2));
  std::vector<ForestRow> rows;
  rows.reserve(pooled.rows.size());
  for (size_t i = 0; i < pooled.rows.size(); ++i) {
    const EffectRecord& r = records[pooled.rows[i]];
    double half = z * std::sqrt(r.vi);
    rows.push_back({r.label, r.yi, r.yi - half, r.yi + half, pooled.fit.weights_pct[i]});
  }
  return rows;
}

}  // namespace

ForestData MakeForestData(const PooledEstimate& pooled, std::span<const EffectRecord> records,
                          std::string measure, std::string title) {
  ForestData forest;
  forest.title = std::move(title);
  forest.measure = std::move(measure);
  forest.level = pooled.fit.options.level;
  forest.panels.push_back(
      {"", RowsOf(pooled, records), SummaryOf(pooled, MethodLabel(pooled.fit))});
  return forest;
}

ForestData MakeSubgroupForestData(const SubgroupAnalysis& analysis, const PooledEstimate& overall,
                                  std::span<const EffectRecord> records, std::string measure,
                                  std::string title) {
  ForestData forest = MakeForestData(overall, records, std::move(measure), std::move(title));
  forest.overall = forest.panels.front().summary;
  forest.overall->label = "Overall: " + forest.overall->label;
  forest.panels.clear();
  for (const SubgroupResult& g : analysis.groups) {
    ForestPanel panel;
    panel.heading = analysis.column + " = " + g.group;
    if (g.pooled) {
      panel.rows = RowsOf(*g.pooled, records);
      panel.summary = SummaryOf(*g.pooled, "Subtotal: " + MethodLabel(g.pooled->fit));
    } else {
      panel.summary.label = "Not pooled: " + g.error;
    }
    forest.panels.push_back(std::move(panel));
  }
  if (analysis.q_between) {
    forest.subgroup_test =
        "Test for subgroup differences: Q(" + Decimal(*analysis.q_between_df, 0) +
        ") = " + Decimal(*analysis.q_between, 2) + ", " + PText(*analysis.q_between_p);
  }
  return forest;
}

}  // namespace refract::evidence
