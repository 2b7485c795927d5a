// Engine::Meta (include/refract/engine/meta.h): text -> table -> effects -> sensitivity filters ->
// pooled estimate and subgroups. The rules of each step live in refract::evidence; this file only
// checks the request and runs the steps in order.
#include "refract/engine/meta.h"

#include <fmt/format.h>

#include <map>
#include <utility>

#include "meta_analyses_internal.h"
#include "refract/engine/engine.h"
#include "refract/evidence/meta_csv.h"
#include "refract/evidence/metapsy.h"

namespace refract {
namespace {

// Metapsy's risk-of-bias score (data/metapsy/variable_description.json: rob, 0-4).
constexpr double kMetapsyRobMax = 4;

const std::map<std::string, stats::Tau2Method, std::less<>>& Methods() {
  static const std::map<std::string, stats::Tau2Method, std::less<>> kMethods = {
      {"FE", stats::Tau2Method::kFe}, {"DL", stats::Tau2Method::kDl},
      {"HE", stats::Tau2Method::kHe}, {"SJ", stats::Tau2Method::kSj},
      {"ML", stats::Tau2Method::kMl}, {"REML", stats::Tau2Method::kReml},
      {"EB", stats::Tau2Method::kEb}, {"PM", stats::Tau2Method::kPm}};
  return kMethods;
}

// Every option outside its domain, one FieldError each.
std::vector<FieldError> RequestErrors(const MetaRequest& r) {
  std::vector<FieldError> errors;
  const bool metapsy = r.format == MetaFormat::kMetapsy;
  if (metapsy && r.measure != "SMD") {
    errors.push_back({"measure", "Metapsy data are Hedges' g: the measure must be SMD"});
  } else if (!evidence::ParseMetaMeasure(r.measure).ok()) {
    errors.push_back(
        {"measure", fmt::format("'{}' is not one of SMD, MD, RR, OR, RD, ZCOR, GEN", r.measure)});
  }
  if (!Methods().contains(r.method) && !IsTableMethod(r.method)) {
    errors.push_back(
        {"method",
         fmt::format("'{}' is not one of FE, DL, HE, SJ, ML, REML, EB, PM, MH, PETO", r.method)});
  }
  if (!(r.level >= 50 && r.level <= 99.99)) {
    errors.push_back({"level", "must be between 50 and 99.99"});
  }
  if (!(r.rho >= 0 && r.rho <= 1)) errors.push_back({"rho", "must be between 0 and 1"});
  if (metapsy && r.min_rob && (*r.min_rob < 0 || *r.min_rob > kMetapsyRobMax)) {
    errors.push_back({"min_rob", "must be between 0 and 4 for Metapsy's rob score"});
  }
  if (metapsy && r.lower_is_better) {
    errors.push_back({"lower_is_better", "Metapsy's g is already positive when it favours arm 1"});
  }
  if (r.one_per_study && r.dependency == MetaDependency::kThreeLevel) {
    errors.push_back({"dependency", "three-level and one_per_study exclude each other"});
  }
  if (r.dependency == MetaDependency::kThreeLevel && r.method != "REML") {
    errors.push_back({"method", "the three-level model is fitted by REML only"});
  }
  if (r.decimal_mark != '.' && r.decimal_mark != ',') {
    errors.push_back({"decimal_mark", "must be '.' or ','"});
  }
  if (r.separator == r.decimal_mark || r.separator == '"' || r.separator == '\n') {
    errors.push_back({"separator", "must differ from the decimal mark, the quote and a newline"});
  }
  for (FieldError& e : meta_analyses::RequestErrors(r)) errors.push_back(std::move(e));
  return errors;
}

// The input columns kept as record attributes: only those the request reads (no per-row copy of
// the other columns): the `by` column, 'rob', and those of the further analyses (moderators, the
// cumulative order, the 2x2 counts of MH / PETO).
std::vector<std::string> AttributeColumnsFor(const MetaRequest& request) {
  std::vector<std::string> columns = meta_analyses::ColumnsRead(request);
  if (!request.by.empty()) columns.push_back(request.by);
  if (request.min_rob) columns.emplace_back("rob");
  return columns;
}

StatusOr<MetaResult> MapMetapsy(const MetaRequest& request, evidence::EffectRecords& records) {
  StatusOr<evidence::MetapsyData> data =
      evidence::ReadMetapsy(request.text, AttributeColumnsFor(request));
  if (!data.ok()) return data.status();
  records = std::move(data->comparisons);
  MetaResult result;
  result.format = "metapsy";
  result.measure_label = "Hedges' g";
  result.given = data->from_database;
  result.computed = data->recomputed;
  result.skipped = std::move(data->skipped);
  return result;
}

StatusOr<MetaResult> MapCsv(const MetaRequest& request, evidence::EffectRecords& records) {
  StatusOr<evidence::MetaMeasure> measure = evidence::ParseMetaMeasure(request.measure);
  if (!measure.ok()) return measure.status();
  const evidence::CsvDialect dialect{.delimiter = request.separator,
                                     .decimal_mark = request.decimal_mark};
  StatusOr<evidence::MetaCsvData> data =
      evidence::ReadMetaCsv(request.text, dialect, *measure, AttributeColumnsFor(request));
  if (!data.ok()) {
    return meta_analyses::WithSeparatorHint(data.status(), request.text, request.separator);
  }
  records = std::move(data->records);
  MetaResult result;
  result.format = "csv";
  result.log_ratio = evidence::IsLogRatio(*measure);
  result.measure_label = evidence::MetaMeasureLabel(*measure);
  result.given = data->given;
  result.computed = data->computed;
  result.skipped = std::move(data->skipped);
  return result;
}

// Sensitivity filters, the dependency handling (three-level fit or averaging), the k >= 2 rule.
Status ApplySensitivity(const MetaRequest& request, MetaResult& result,
                        evidence::EffectRecords& records) {
  if (request.min_rob) {
    StatusOr<evidence::EffectRecords> kept =
        evidence::KeepAtLeast(records, "rob", *request.min_rob);
    if (!kept.ok()) return kept.status();
    records = std::move(*kept);
    result.min_rob = request.min_rob;
  }
  const MetaDependency handling =
      request.one_per_study ? MetaDependency::kOnePerStudy : request.dependency;
  const stats::ThreeLevelOptions three_level{
      .test = request.knha ? stats::MvTest::kT : stats::MvTest::kZ, .level = request.level / 100};
  StatusOr<MetaDependencyResult> dependency =
      DescribeDependency(records, handling, request.rho, three_level);
  if (!dependency.ok()) return dependency.status();
  result.dependency = std::move(*dependency);
  if (handling == MetaDependency::kOnePerStudy) {
    records = evidence::AverageWithinStudy(records, request.rho, request.by);
    result.rho = request.rho;
  }
  if (records.size() < 2) {
    return Status::InvalidArgument(
        fmt::format("k = {} effect(s) to pool ({} row(s) without effect size data); a "
                    "meta-analysis needs k >= 2",
                    records.size(), result.skipped.size()));
  }
  return Status::Ok();
}

stats::RmaOptions RmaOptionsFor(const MetaRequest& request) {
  stats::RmaOptions options;
  options.method = IsTableMethod(request.method) ? stats::Tau2Method::kFe
                                                 : Methods().find(request.method)->second;
  options.test = request.knha ? stats::TestType::kKnha : stats::TestType::kZ;
  options.level = request.level / 100;
  return options;
}

}  // namespace

StatusOr<MetaResult> Engine::Meta(const MetaRequest& request) const {
  if (std::vector<FieldError> errors = RequestErrors(request); !errors.empty()) {
    return Status::InvalidFields(std::move(errors));
  }
  evidence::EffectRecords records;
  StatusOr<MetaResult> result = request.format == MetaFormat::kMetapsy
                                    ? MapMetapsy(request, records)
                                    : MapCsv(request, records);
  if (!result.ok()) return result;
  result->measure = request.measure;
  if (request.lower_is_better) {
    for (evidence::EffectRecord& record : records) record.yi = -record.yi;
    result->negated = true;
  }
  if (Status s = ApplySensitivity(request, *result, records); !s.ok()) return s;
  const stats::RmaOptions options = RmaOptionsFor(request);
  StatusOr<evidence::PooledEstimate> overall = evidence::Pool(records, options);
  if (!overall.ok()) return overall.status();
  result->overall = std::move(*overall);
  if (!request.by.empty()) {
    StatusOr<evidence::SubgroupAnalysis> groups =
        evidence::PoolBySubgroup(records, request.by, options);
    if (!groups.ok()) return groups.status();
    result->subgroups = std::move(*groups);
  }
  if (Status s = meta_analyses::Run(request, records, options, *result); !s.ok()) return s;
  result->records = std::move(records);
  return result;
}

}  // namespace refract
