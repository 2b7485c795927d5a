// The further analyses of Engine::Meta (include/refract/engine/meta_analyses.h): each is one call
// into refract::stats on the pooled effects; this file builds the inputs and checks the options.
#include "refract/engine/meta_analyses.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <optional>
#include <tuple>
#include <utility>

#include "meta_analyses_internal.h"
#include "meta_design.h"

namespace refract {

bool IsTableMethod(std::string_view method) { return method == "MH" || method == "PETO"; }

namespace meta_analyses {
namespace {

char DecimalMark(const MetaRequest& request) {
  return request.format == MetaFormat::kMetapsy ? ',' : request.decimal_mark;
}

void TableMethodErrors(const MetaRequest& r, std::vector<FieldError>& errors) {
  const std::string rule = fmt::format("{} pools 2x2 tables with a fixed effect", r.method);
  if (r.format != MetaFormat::kCsv) {
    errors.push_back({"method", rule + ": only for a CSV with ai bi ci di (or ai n1i ci n2i)"});
  }
  if (r.method == "PETO" && r.measure != "OR") {
    errors.push_back({"measure", "PETO pools log odds ratios: the measure must be OR"});
  } else if (r.measure != "OR" && r.measure != "RR" && r.measure != "RD") {
    errors.push_back({"measure", "MH needs the measure OR, RR or RD"});
  }
  if (!r.by.empty()) errors.push_back({"by", rule + ": not with subgroups"});
  if (r.knha) errors.push_back({"knha", rule + ": not with Knapp-Hartung inference"});
  if (r.one_per_study) errors.push_back({"one_per_study", rule + ": not with one per study"});
  if (r.analyses.Any()) {
    errors.push_back(
        {"method", rule + ": leave1out, cumulative, mods, predict, regtest, "
                          "trimfill, confint and influence need an rma model (FE ... PM)"});
  }
}

stats::RmaInput InputOf(std::span<const evidence::EffectRecord> records) {
  stats::RmaInput input;
  for (const evidence::EffectRecord& r : records) {
    input.yi.push_back(r.yi);
    input.vi.push_back(r.vi);
  }
  return input;
}

std::vector<LabelledSubsetFit> Label(std::vector<stats::SubsetFit> fits,
                                     std::span<const evidence::EffectRecord> records,
                                     std::span<const std::size_t> order) {
  std::vector<LabelledSubsetFit> rows;
  for (size_t i = 0; i < fits.size(); ++i) {
    rows.push_back({records[order.empty() ? i : order[i]].label, fits[i]});
  }
  return rows;
}

// Ascending by the column (numbers numerically, otherwise by text), missing last, ties in input
// order (as R's order()).
std::vector<std::size_t> OrderBy(std::span<const evidence::EffectRecord> records,
                                 const std::string& column, char decimal_mark) {
  std::vector<std::size_t> order(records.size());
  std::iota(order.begin(), order.end(), 0);
  const bool numeric = std::all_of(records.begin(), records.end(), [&](const auto& r) {
    return AttributeNumber(r, column, decimal_mark).has_value();
  });
  auto key = [&](std::size_t i) {
    const auto it = records[i].attributes.find(column);
    const std::string text = it == records[i].attributes.end() ? "NA" : it->second;
    const double number = numeric ? *AttributeNumber(records[i], column, decimal_mark) : 0;
    const bool missing = numeric ? std::isnan(number) : (text.empty() || text == "NA");
    return std::tuple(missing, number, text);
  };
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return key(a) < key(b); });
  return order;
}

Status RunSensitivity(const MetaRequest& request, std::span<const evidence::EffectRecord> records,
                      const stats::RmaOptions& options, MetaAnalysesResult& out) {
  const stats::RmaInput input = InputOf(records);
  if (request.analyses.leave1out) {
    auto fits = stats::LeaveOneOut(input, options);
    if (!fits.ok()) return fits.status().WithPrefix("leave1out: ");
    out.leave1out = Label(std::move(*fits), records, {});
  }
  if (request.analyses.cumulative) {
    const std::string& column = request.analyses.order;
    if (!column.empty() && std::none_of(records.begin(), records.end(), [&](const auto& r) {
          return r.attributes.contains(column);
        })) {
      return Status::InvalidFields({{"order", fmt::format("no column '{}' in the input", column)}});
    }
    std::vector<std::size_t> order;
    if (!column.empty()) order = OrderBy(records, column, DecimalMark(request));
    auto fits = stats::Cumulative(input, options, order);
    if (!fits.ok()) return fits.status().WithPrefix("cumulative: ");
    out.cumulative = Label(std::move(*fits), records, order);
    out.cumulative_order = column;
  }
  return Status::Ok();
}

Status RunBias(const MetaRequest& request, std::span<const evidence::EffectRecord> records,
               const MetaResult& result, MetaAnalysesResult& out) {
  const stats::RmaInput input = InputOf(records);
  const stats::RmaOptions& options = result.overall.fit.options;
  if (request.analyses.regtest) {
    auto test = stats::RegTest(input, options);
    if (!test.ok()) return test.status().WithPrefix("regtest: ");
    out.regtest = std::move(*test);
  }
  if (request.analyses.trimfill) {
    auto filled = stats::TrimFill(input, options);
    if (!filled.ok()) return filled.status().WithPrefix("trimfill: ");
    out.trimfill = std::move(*filled);
  }
  if (request.analyses.confint) {
    auto ci = stats::ConfintQProfile(input, result.overall.fit);
    if (!ci.ok()) return ci.status().WithPrefix("confint: ");
    out.confint = std::move(*ci);
  }
  if (request.analyses.influence) {
    auto rows = stats::Influence(input, result.overall.fit);
    if (!rows.ok()) return Status::InvalidFields({{"influence", rows.status().message()}});
    out.influence.emplace();
    for (size_t i = 0; i < rows->size(); ++i) {
      out.influence->push_back({records[i].label, (*rows)[i]});
    }
  }
  return Status::Ok();
}

Status RunRegression(const MetaRequest& request, std::span<const evidence::EffectRecord> records,
                     const stats::RmaOptions& options, MetaAnalysesResult& out) {
  StatusOr<std::vector<std::string>> terms = SplitTerms(request.analyses.mods);
  if (!terms.ok()) return terms.status();
  StatusOr<Design> design = BuildDesign(records, *terms, DecimalMark(request), false, "mods");
  if (!design.ok()) return design.status();
  stats::RmaInput input = InputOf(records);
  input.num_moderators = design->coefficients.size();
  input.moderators = std::move(design->x);
  StatusOr<stats::RmaResult> fit = stats::FitRma(input, options);
  if (!fit.ok()) return fit.status().WithPrefix("mods: ");
  MetaRegression regression{.formula = request.analyses.mods,
                            .coefficients = {"intrcpt"},
                            .factor_columns = design->factor_columns,
                            .fit = std::move(*fit),
                            .predict_at = request.analyses.predict,
                            .predictions = {}};
  for (const std::string& name : design->coefficients) regression.coefficients.push_back(name);
  for (const std::vector<double>& x : regression.predict_at) {
    StatusOr<stats::Prediction> p = stats::Predict(regression.fit, x);
    if (!p.ok()) {
      return Status::InvalidFields(
          {{"predict", fmt::format("{} value(s) per row, one per coefficient after the intercept "
                                   "({}): {}",
                                   regression.coefficients.size() - 1,
                                   fmt::join(design->coefficients, ", "), p.status().message())}});
    }
    regression.predictions.push_back(*p);
  }
  out.regression = std::move(regression);
  return Status::Ok();
}

Status RunModeratorTest(const MetaRequest& request, std::span<const evidence::EffectRecord> records,
                        const stats::RmaOptions& options, MetaAnalysesResult& out) {
  const std::vector<std::string> terms = {request.by};
  StatusOr<Design> design = BuildDesign(records, terms, DecimalMark(request), true, "by");
  if (!design.ok()) return design.status();
  if (design->levels.size() < 2) return Status::Ok();
  stats::RmaInput input = InputOf(records);
  input.num_moderators = design->coefficients.size();
  input.moderators = std::move(design->x);
  StatusOr<stats::RmaResult> fit = stats::FitRma(input, options);
  if (!fit.ok()) return fit.status().WithPrefix("by (moderator test): ");
  out.subgroup_moderator_test = ModeratorTest{request.by, design->levels, std::move(*fit)};
  return Status::Ok();
}

// The 2x2 counts of a record: ai bi ci di, or ai n1i ci n2i. With lower_is_better the arms are
// swapped, which negates the log odds ratio, log risk ratio and risk difference as the request's
// effects are negated.
StatusOr<stats::BinaryRow> TableOf(const evidence::EffectRecord& r, char decimal_mark,
                                   bool lower_is_better) {
  auto number = [&](std::string_view column) {
    std::optional<double> value = AttributeNumber(r, column, decimal_mark);
    return value ? *value : std::nan("");
  };
  stats::BinaryRow row{number("ai"), number("bi"), number("ci"), number("di")};
  if (std::isnan(row.bi)) row.bi = number("n1i") - row.ai;
  if (std::isnan(row.di)) row.di = number("n2i") - row.ci;
  for (double count : {row.ai, row.bi, row.ci, row.di}) {
    if (!std::isfinite(count) || count < 0) {
      return Status::InvalidFields(
          {{"method", fmt::format("line {}: MH and PETO need the counts ai, bi, ci, di (or ai, "
                                  "n1i, ci, n2i) as numbers >= 0 in every row",
                                  r.line)}});
    }
  }
  if (lower_is_better) return stats::BinaryRow{row.ci, row.di, row.ai, row.bi};
  return row;
}

Status RunTables(const MetaRequest& request, std::span<const evidence::EffectRecord> records,
                 MetaAnalysesResult& out) {
  std::vector<stats::BinaryRow> tables;
  for (const evidence::EffectRecord& r : records) {
    StatusOr<stats::BinaryRow> row = TableOf(r, DecimalMark(request), request.lower_is_better);
    if (!row.ok()) return row.status();
    tables.push_back(*row);
  }
  const stats::MhOptions options{.level = request.level / 100, .correct = true};
  const stats::MhMeasure measure = request.measure == "OR"   ? stats::MhMeasure::kOr
                                   : request.measure == "RR" ? stats::MhMeasure::kRr
                                                             : stats::MhMeasure::kRd;
  StatusOr<stats::TablePoolResult> pooled = request.method == "PETO"
                                                ? stats::Peto(tables, options)
                                                : stats::MantelHaenszel(tables, measure, options);
  if (!pooled.ok()) return pooled.status().WithPrefix("method: ");
  out.tables = TablePooling{request.method, request.measure, std::move(*pooled)};
  return Status::Ok();
}

// The analyses requested, by their request names (the command line's flags without "--").
std::vector<std::string> RequestedNames(const MetaAnalysesRequest& a) {
  std::vector<std::string> names;
  const std::pair<bool, const char*> flags[] = {
      {a.leave1out, "leave1out"},      {a.cumulative, "cumulative"}, {!a.mods.empty(), "mods"},
      {!a.predict.empty(), "predict"}, {a.regtest, "regtest"},       {a.trimfill, "trimfill"},
      {a.confint, "confint"},          {a.influence, "influence"}};
  for (const auto& [on, name] : flags) {
    if (on) names.emplace_back(name);
  }
  return names;
}

// The further analyses are metafor functions of rma.uni fits; the three-level model (rma.mv) has
// none of them here.
void ThreeLevelErrors(const MetaRequest& r, std::vector<FieldError>& errors) {
  if (r.dependency != MetaDependency::kThreeLevel || !r.analyses.Any()) return;
  errors.push_back(
      {"dependency", fmt::format("three-level: not with {} (defined here for the model of "
                                 "independent effects, metafor's rma.uni, not for the three-level "
                                 "rma.mv); use dependency independent or one-per-study for them",
                                 fmt::join(RequestedNames(r.analyses), ", "))});
}

}  // namespace

std::vector<FieldError> RequestErrors(const MetaRequest& r) {
  std::vector<FieldError> errors;
  const MetaAnalysesRequest& a = r.analyses;
  if (IsTableMethod(r.method)) TableMethodErrors(r, errors);
  ThreeLevelErrors(r, errors);
  if (!a.order.empty() && !a.cumulative) {
    errors.push_back({"order", "orders the cumulative analysis: give cumulative too"});
  }
  if (!a.predict.empty() && a.mods.empty()) {
    errors.push_back({"predict",
                      "predicts at moderator values: give mods too (the pooled "
                      "estimate's prediction interval is always reported)"});
  }
  if (!a.mods.empty() && !r.by.empty()) {
    errors.push_back({"mods",
                      "not with by: refract fits no subgroup-by-moderator interactions "
                      "(metafor's mods = ~ x * by); add the by column to mods instead"});
  }
  return errors;
}

std::vector<std::string> ColumnsRead(const MetaRequest& request) {
  std::vector<std::string> columns;
  if (IsTableMethod(request.method)) {
    columns = {"ai", "bi", "ci", "di", "n1i", "n2i"};
  }
  if (!request.analyses.order.empty()) columns.push_back(request.analyses.order);
  if (StatusOr<std::vector<std::string>> terms = SplitTerms(request.analyses.mods); terms.ok()) {
    for (std::string& term : *terms) columns.push_back(std::move(term));
  }
  return columns;
}

Status Run(const MetaRequest& request, std::span<const evidence::EffectRecord> records,
           const stats::RmaOptions& options, MetaResult& result) {
  MetaAnalysesResult& out = result.analyses;
  if (IsTableMethod(request.method)) return RunTables(request, records, out);
  if (Status s = RunSensitivity(request, records, options, out); !s.ok()) return s;
  if (Status s = RunBias(request, records, result, out); !s.ok()) return s;
  if (!request.analyses.mods.empty()) {
    if (Status s = RunRegression(request, records, options, out); !s.ok()) return s;
  }
  if (!request.by.empty()) return RunModeratorTest(request, records, options, out);
  return Status::Ok();
}

}  // namespace meta_analyses
}  // namespace refract
