#include "refract/stats/effect_size.h"

#include <cmath>
#include <initializer_list>
#include <limits>
#include <string>
#include <string_view>

#include "distributions.h"

namespace refract::stats {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

Status FieldError(std::string_view field, int row, std::string_view rule) {
  return Status::InvalidArgument(std::string(field) + "[" + std::to_string(row) +
                                 "]: " + std::string(rule));
}

bool AnyMissing(std::initializer_list<double> values) {
  for (double value : values) {
    if (std::isnan(value)) return true;
  }
  return false;
}

// Appends one missing (NaN) row.
void PushMissing(EffectSizes& out) {
  out.yi.push_back(kNaN);
  out.vi.push_back(kNaN);
}

Status CheckContinuousSizes(const ContinuousRow& row, int index) {
  if (!(row.n1 > 0)) return FieldError("n1", index, "must be > 0");
  if (!(row.n2 > 0)) return FieldError("n2", index, "must be > 0");
  if (!(row.sd1 >= 0)) return FieldError("sd1", index, "must be >= 0");
  if (!(row.sd2 >= 0)) return FieldError("sd2", index, "must be >= 0");
  return Status::Ok();
}

bool IsFinite(const ContinuousRow& row) {
  return std::isfinite(row.n1) && std::isfinite(row.m1) && std::isfinite(row.sd1) &&
         std::isfinite(row.n2) && std::isfinite(row.m2) && std::isfinite(row.sd2);
}

// Applies escalc's add/to/drop00 rules to one table; returns false when the table is dropped.
bool CorrectTable(BinaryRow& t, const ZeroCellOptions& options, bool any_zero_in_data) {
  bool double_zero = (t.ai == 0 && t.ci == 0) || (t.bi == 0 && t.di == 0);
  if (options.drop00 && double_zero) return false;
  bool has_zero = t.ai == 0 || t.bi == 0 || t.ci == 0 || t.di == 0;
  bool add = options.to == ZeroCellRule::kAll ||
             (options.to == ZeroCellRule::kOnlyZero && has_zero) ||
             (options.to == ZeroCellRule::kIfAnyZeroAll && any_zero_in_data);
  if (add) {
    t.ai += options.add;
    t.bi += options.add;
    t.ci += options.add;
    t.di += options.add;
  }
  return true;
}

Status CheckTable(const BinaryRow& t, int index) {
  if (!(t.ai >= 0)) return FieldError("ai", index, "must be >= 0");
  if (!(t.bi >= 0)) return FieldError("bi", index, "must be >= 0");
  if (!(t.ci >= 0)) return FieldError("ci", index, "must be >= 0");
  if (!(t.di >= 0)) return FieldError("di", index, "must be >= 0");
  if (!std::isfinite(t.ai + t.bi + t.ci + t.di)) return FieldError("ai", index, "must be finite");
  if (t.ai + t.bi <= 0) return FieldError("ai+bi", index, "arm 1 total must be > 0");
  if (t.ci + t.di <= 0) return FieldError("ci+di", index, "arm 2 total must be > 0");
  return Status::Ok();
}

// yi/vi of one corrected table (metafor's escalc, the addyi = addvi = TRUE branch).
void BinaryEffect(const BinaryRow& t, EffectMeasure measure, EffectSizes& out) {
  double n1 = t.ai + t.bi;
  double n2 = t.ci + t.di;
  double p1 = t.ai / n1;
  double p2 = t.ci / n2;
  switch (measure) {
    case EffectMeasure::kLogRr:
      out.yi.push_back(std::log(p1) - std::log(p2));
      out.vi.push_back(1 / t.ai - 1 / n1 + 1 / t.ci - 1 / n2);
      return;
    case EffectMeasure::kLogOr:
      out.yi.push_back(std::log(p1 / (1 - p1)) - std::log(p2 / (1 - p2)));
      out.vi.push_back(1 / t.ai + 1 / t.bi + 1 / t.ci + 1 / t.di);
      return;
    default:
      out.yi.push_back(p1 - p2);
      out.vi.push_back(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2);
      return;
  }
}

bool AnyZeroCell(std::span<const BinaryRow> rows) {
  for (const BinaryRow& t : rows) {
    if (t.ai == 0 || t.bi == 0 || t.ci == 0 || t.di == 0) return true;
  }
  return false;
}

}  // namespace

double HedgesCorrection(double m) {
  return std::exp(std::lgamma(m / 2) - std::log(std::sqrt(m / 2)) - std::lgamma((m - 1) / 2));
}

StatusOr<SmdDetail> SmdWithDetail(const ContinuousRow& row, SmdVariance vtype, int row_index) {
  if (Status status = CheckContinuousSizes(row, row_index); !status.ok()) return status;
  if (!IsFinite(row)) return FieldError("m1", row_index, "all values must be finite");
  SmdDetail detail;
  detail.m = row.n1 + row.n2 - 2;
  if (!(detail.m > 1)) return FieldError("n1+n2", row_index, "must be > 3");
  detail.sd_pooled =
      std::sqrt(((row.n1 - 1) * row.sd1 * row.sd1 + (row.n2 - 1) * row.sd2 * row.sd2) / detail.m);
  if (!(detail.sd_pooled > 0)) return FieldError("sd1,sd2", row_index, "pooled SD must be > 0");
  detail.d = (row.m1 - row.m2) / detail.sd_pooled;
  detail.c = HedgesCorrection(detail.m);
  detail.yi = detail.c * detail.d;
  double base = 1 / row.n1 + 1 / row.n2;
  if (vtype == SmdVariance::kLargeSample) {
    detail.vi = base + detail.yi * detail.yi / (2 * (row.n1 + row.n2));
  } else {
    double m = detail.m;
    detail.vi = base + (1 - (m - 2) / (m * detail.c * detail.c)) * detail.yi * detail.yi;
  }
  return detail;
}

StatusOr<EffectSizes> ComputeSmd(std::span<const ContinuousRow> rows, SmdVariance vtype) {
  EffectSizes out;
  for (size_t i = 0; i < rows.size(); ++i) {
    const ContinuousRow& row = rows[i];
    if (AnyMissing({row.n1, row.m1, row.sd1, row.n2, row.m2, row.sd2})) {
      PushMissing(out);
      continue;
    }
    StatusOr<SmdDetail> detail = SmdWithDetail(row, vtype, static_cast<int>(i) + 1);
    if (!detail.ok()) return detail.status();
    out.yi.push_back(detail->yi);
    out.vi.push_back(detail->vi);
  }
  return out;
}

StatusOr<EffectSizes> ComputeMd(std::span<const ContinuousRow> rows) {
  EffectSizes out;
  for (size_t i = 0; i < rows.size(); ++i) {
    const ContinuousRow& row = rows[i];
    int index = static_cast<int>(i) + 1;
    if (AnyMissing({row.n1, row.m1, row.sd1, row.n2, row.m2, row.sd2})) {
      PushMissing(out);
      continue;
    }
    if (!(row.n1 > 0)) return FieldError("n1", index, "must be > 0");
    if (!(row.n2 > 0)) return FieldError("n2", index, "must be > 0");
    if (!(row.sd1 >= 0)) return FieldError("sd1", index, "must be >= 0");
    if (!(row.sd2 >= 0)) return FieldError("sd2", index, "must be >= 0");
    if (!IsFinite(row)) return FieldError("m1", index, "all values must be finite");
    out.yi.push_back(row.m1 - row.m2);
    out.vi.push_back(row.sd1 * row.sd1 / row.n1 + row.sd2 * row.sd2 / row.n2);
  }
  return out;
}

StatusOr<EffectSizes> ComputeBinary(std::span<const BinaryRow> rows, EffectMeasure measure,
                                    const ZeroCellOptions& options) {
  if (measure != EffectMeasure::kLogRr && measure != EffectMeasure::kLogOr &&
      measure != EffectMeasure::kRd) {
    return Status::InvalidArgument("measure: must be RR, OR or RD for 2x2 tables");
  }
  if (!(options.add >= 0)) return Status::InvalidArgument("add: must be >= 0");
  bool any_zero = AnyZeroCell(rows);
  EffectSizes out;
  for (size_t i = 0; i < rows.size(); ++i) {
    BinaryRow table = rows[i];
    if (AnyMissing({table.ai, table.bi, table.ci, table.di})) {
      PushMissing(out);
      continue;
    }
    if (Status status = CheckTable(table, static_cast<int>(i) + 1); !status.ok()) return status;
    if (!CorrectTable(table, options, any_zero)) {
      PushMissing(out);
      continue;
    }
    BinaryEffect(table, measure, out);
  }
  return out;
}

StatusOr<EffectSizes> ComputeZcor(std::span<const CorrelationRow> rows) {
  EffectSizes out;
  for (size_t i = 0; i < rows.size(); ++i) {
    const CorrelationRow& row = rows[i];
    int index = static_cast<int>(i) + 1;
    if (AnyMissing({row.r, row.n})) {
      PushMissing(out);
      continue;
    }
    if (!(row.r > -1 && row.r < 1)) return FieldError("r", index, "must be in (-1, 1)");
    if (!(row.n > 3) || !std::isfinite(row.n)) return FieldError("n", index, "must be > 3");
    out.yi.push_back(std::atanh(row.r));
    out.vi.push_back(1 / (row.n - 3));
  }
  return out;
}

StatusOr<EffectSizes> ComputeLogRatioFromCi(std::span<const RatioWithCi> rows, double level) {
  if (!(level > 0 && level < 1)) return Status::InvalidArgument("level: must be in (0, 1)");
  double z = internal::NormalUpperQuantile((1 - level) / 2);
  EffectSizes out;
  for (size_t i = 0; i < rows.size(); ++i) {
    const RatioWithCi& row = rows[i];
    int index = static_cast<int>(i) + 1;
    if (AnyMissing({row.ratio, row.lb, row.ub})) {
      PushMissing(out);
      continue;
    }
    if (!(row.lb > 0)) return FieldError("lb", index, "must be > 0");
    if (!(row.ratio >= row.lb)) return FieldError("ratio", index, "must be >= lb");
    if (!(row.ub >= row.ratio) || !std::isfinite(row.ub)) {
      return FieldError("ub", index, "must be finite and >= ratio");
    }
    double se = (std::log(row.ub) - std::log(row.lb)) / (2 * z);
    out.yi.push_back(std::log(row.ratio));
    out.vi.push_back(se * se);
  }
  return out;
}

}  // namespace refract::stats
