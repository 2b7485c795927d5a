// FitRma: input validation, NA handling and the model-size checks of metafor 3.8-1 rma.uni
// (tests/data/metafor/README.md section 0).
#include "refract/stats/rma.h"

#include <cmath>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "rma_internal.h"
#include "small_matrix.h"

namespace refract::stats {
namespace internal {
namespace {

constexpr double kRankTol = 1e-10;  // Relative Cholesky pivot tolerance for X'X.

Status ValidateOptions(const RmaOptions& o) {
  if (!(o.level > 0.0 && o.level < 1.0)) {
    return Status::InvalidArgument("level: must lie in (0, 1) (got " + FormatNumber(o.level) + ")");
  }
  const RmaControl& c = o.control;
  if (!(c.threshold > 0.0) || !(c.tol > 0.0) || !(c.step_adjustment > 0.0) ||
      c.max_iterations < 1) {
    return Status::InvalidArgument(
        "control: threshold, tol and step_adjustment must be > 0 and max_iterations >= 1");
  }
  return Status::Ok();
}

Status ValidateShapes(const RmaInput& in) {
  if (in.vi.size() != in.yi.size()) {
    return Status::InvalidArgument("vi: length " + std::to_string(in.vi.size()) +
                                   " does not match yi length " + std::to_string(in.yi.size()));
  }
  if (in.moderators.size() != in.yi.size() * in.num_moderators) {
    return Status::InvalidArgument(
        "moderators: size " + std::to_string(in.moderators.size()) +
        " must be k * num_moderators = " + std::to_string(in.yi.size() * in.num_moderators));
  }
  return Status::Ok();
}

bool RowHasMissing(const RmaInput& in, std::size_t i) {
  if (std::isnan(in.yi[i]) || std::isnan(in.vi[i])) return true;
  for (std::size_t j = 0; j < in.num_moderators; ++j) {
    if (std::isnan(in.moderators[i * in.num_moderators + j])) return true;
  }
  return false;
}

std::string Cell(const char* field, std::size_t i) {
  return std::string(field) + "[" + std::to_string(i) + "]";
}

// Checks a complete row: finite values and a positive sampling variance.
Status ValidateRow(const RmaInput& in, std::size_t i) {
  if (!std::isfinite(in.yi[i])) {
    return Status::InvalidArgument(Cell("yi", i) + ": effect size must be finite (got " +
                                   FormatNumber(in.yi[i]) + ")");
  }
  if (!(in.vi[i] > 0.0)) {
    return Status::InvalidArgument(Cell("vi", i) + ": sampling variance must be > 0 (got " +
                                   FormatNumber(in.vi[i]) + ")");
  }
  if (!std::isfinite(in.vi[i])) {
    return Status::InvalidArgument(Cell("vi", i) + ": sampling variance must be finite (got " +
                                   FormatNumber(in.vi[i]) + ")");
  }
  for (std::size_t j = 0; j < in.num_moderators; ++j) {
    const double x = in.moderators[i * in.num_moderators + j];
    if (!std::isfinite(x)) {
      return Status::InvalidArgument("moderators[" + std::to_string(i) + "][" + std::to_string(j) +
                                     "]: moderator must be finite (got " + FormatNumber(x) + ")");
    }
  }
  return Status::Ok();
}

}  // namespace

std::string FormatNumber(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", x);
  return buf;
}

StatusOr<Design> BuildDesign(const RmaInput& in, const RmaOptions& options) {
  if (Status s = ValidateOptions(options); !s.ok()) return s;
  if (Status s = ValidateShapes(in); !s.ok()) return s;
  const std::size_t p = in.num_moderators + 1;
  std::vector<double> y, v, x;
  std::vector<std::size_t> rows;
  for (std::size_t i = 0; i < in.yi.size(); ++i) {
    if (RowHasMissing(in, i)) {
      if (options.missing == MissingPolicy::kError) {
        return Status::InvalidArgument("row " + std::to_string(i) +
                                       ": missing value (NaN) in yi, vi or a moderator");
      }
      continue;
    }
    if (Status s = ValidateRow(in, i); !s.ok()) return s;
    y.push_back(in.yi[i]);
    v.push_back(in.vi[i]);
    x.push_back(1.0);
    for (std::size_t j = 0; j < in.num_moderators; ++j) {
      x.push_back(in.moderators[i * in.num_moderators + j]);
    }
    rows.push_back(i);
  }
  if (y.empty()) {
    return Status::InvalidArgument("yi: no studies left (k = 0); at least one complete row needed");
  }
  Design d = MakeDesign(std::move(y), std::move(v), std::move(x), p, std::move(rows));
  Matrix xtx(p * p, 0.0), inv;
  for (std::size_t i = 0; i < d.k; ++i) {
    for (std::size_t a = 0; a < p; ++a) {
      for (std::size_t b = 0; b < p; ++b) xtx[a * p + b] += d.x[i * p + a] * d.x[i * p + b];
    }
  }
  if (!CholeskyInvert(xtx, p, kRankTol, &inv, &d.log_det_xtx)) {
    return Status::InvalidArgument(
        "moderators: model matrix (intercept + moderators) is not of full column rank");
  }
  return d;
}

Design InterceptOnly(const Design& d) {
  Design out = MakeDesign(d.y, d.v, std::vector<double>(d.k, 1.0), 1, d.rows);
  out.log_det_xtx = std::log(static_cast<double>(d.k));
  return out;
}

}  // namespace internal

std::string Tau2MethodName(Tau2Method method) {
  switch (method) {
    case Tau2Method::kFe:
      return "FE";
    case Tau2Method::kDl:
      return "DL";
    case Tau2Method::kHe:
      return "HE";
    case Tau2Method::kSj:
      return "SJ";
    case Tau2Method::kMl:
      return "ML";
    case Tau2Method::kReml:
      return "REML";
    case Tau2Method::kEb:
      return "EB";
    case Tau2Method::kPm:
      return "PM";
  }
  return "?";
}

StatusOr<RmaResult> FitRma(const RmaInput& input, const RmaOptions& options) {
  StatusOr<internal::Design> d = internal::BuildDesign(input, options);
  if (!d.ok()) return d.status();
  return internal::FitDesign(*d, options);
}

}  // namespace refract::stats
