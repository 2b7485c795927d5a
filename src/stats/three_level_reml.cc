// EvaluateReml and AverageInformationDirection (three_level_reml.h).
#include "three_level_reml.h"

#include <cmath>
#include <numbers>

namespace refract::stats::internal {
namespace {

// Per-cluster quantities of the first pass (they do not depend on mu).
struct Block {
  double sum_a = 0;  // A = sum a
  double g = 0;      // 1 / (1 + s_b A)
};

// Sums over clusters of the second pass (they need mu).
struct Sums {
  double rss = 0;                                      // r'V^-1 r
  double trace_w = 0, uu = 0;                          // tr(V^-1), u'u with u = V^-1 1
  double trace_j1 = 0, trace_j2 = 0;                   // sum A g, sum (A g)^2
  double quad_between = 0, quad_within = 0;            // q'Jq, q'q
  double h11 = 0, h12 = 0, h22 = 0, uh1 = 0, uh2 = 0;  // h'V^-1 h and u'h, h1 = Jq, h2 = q
};

void AddBlock(const ClusteredData& d, std::size_t c, const Block& b, double mu,
              const VarianceComponents& theta, Sums* s) {
  const double sb = theta[0];
  double sum_ar = 0, sum_a2 = 0;
  for (std::size_t i = d.start[c]; i < d.start[c + 1]; ++i) {
    const double a = 1 / (d.v[i] + theta[1]);
    sum_ar += a * (d.y[i] - mu);
    sum_a2 += a * a;
  }
  const double shrink = sb * b.g * sum_ar;  // q_i = a_i (r_i - shrink)
  double sum_aq = 0, sum_aqq = 0, sum_qq = 0;
  for (std::size_t i = d.start[c]; i < d.start[c + 1]; ++i) {
    const double a = 1 / (d.v[i] + theta[1]);
    const double r = d.y[i] - mu;
    const double q = a * (r - shrink);
    s->rss += a * r * r;
    sum_aq += a * q;
    sum_aqq += a * q * q;
    sum_qq += q * q;
  }
  s->rss -= sb * b.g * sum_ar * sum_ar;
  const double ag = b.sum_a * b.g;
  const double jq = b.g * sum_ar;  // 1'q within the cluster
  s->trace_w += b.sum_a - sb * b.g * sum_a2;
  s->uu += b.g * b.g * sum_a2;
  s->trace_j1 += ag;
  s->trace_j2 += ag * ag;
  s->quad_between += jq * jq;
  s->quad_within += sum_qq;
  s->h11 += jq * jq * b.sum_a - sb * b.g * (jq * b.sum_a) * (jq * b.sum_a);
  s->h12 += jq * sum_aq - sb * b.g * (jq * b.sum_a) * sum_aq;
  s->h22 += sum_aqq - sb * b.g * sum_aq * sum_aq;
  s->uh1 += b.g * jq * b.sum_a;
  s->uh2 += b.g * sum_aq;
}

}  // namespace

RemlEvaluation EvaluateReml(const ClusteredData& d, const VarianceComponents& theta) {
  const std::size_t clusters = d.start.size() - 1;
  std::vector<Block> blocks(clusters);
  double log_det = 0, sum_w = 0, sum_wy = 0;
  for (std::size_t c = 0; c < clusters; ++c) {
    double sum_ay = 0;
    for (std::size_t i = d.start[c]; i < d.start[c + 1]; ++i) {
      const double a = 1 / (d.v[i] + theta[1]);
      blocks[c].sum_a += a;
      sum_ay += a * d.y[i];
      log_det -= std::log(a);
    }
    const double one_plus = 1 + theta[0] * blocks[c].sum_a;
    blocks[c].g = 1 / one_plus;
    log_det += std::log(one_plus);
    sum_w += blocks[c].sum_a * blocks[c].g;
    sum_wy += blocks[c].g * sum_ay;
  }
  RemlEvaluation e;
  e.sum_w = sum_w;
  e.mu = sum_wy / sum_w;
  Sums s;
  for (std::size_t c = 0; c < clusters; ++c) AddBlock(d, c, blocks[c], e.mu, theta, &s);
  const double k = static_cast<double>(d.y.size());
  e.ll = -0.5 * (k - 1) * std::log(2 * std::numbers::pi) + 0.5 * std::log(k) - 0.5 * log_det -
         0.5 * std::log(sum_w) - 0.5 * s.rss;
  const double trace_p = s.trace_w - s.uu / sum_w;
  const double trace_pj = s.trace_j1 - s.trace_j2 / sum_w;
  e.score = {0.5 * (s.quad_between - trace_pj), 0.5 * (s.quad_within - trace_p)};
  const double i12 = 0.5 * (s.h12 - s.uh1 * s.uh2 / sum_w);
  e.information = {0.5 * (s.h11 - s.uh1 * s.uh1 / sum_w), i12, i12,
                   0.5 * (s.h22 - s.uh2 * s.uh2 / sum_w)};
  return e;
}

std::array<double, 2> AverageInformationDirection(const RemlEvaluation& e,
                                                  const VarianceComponents& theta) {
  const bool free[2] = {theta[0] > 0 || e.score[0] > 0, theta[1] > 0 || e.score[1] > 0};
  const auto& info = e.information;
  auto diagonal_step = [&](int j) {
    return info[3 * j] > 0 ? e.score[j] / info[3 * j] : e.score[j];
  };
  std::array<double, 2> direction = {0, 0};
  if (free[0] && free[1]) {
    const double det = info[0] * info[3] - info[1] * info[2];
    if (info[0] > 0 && det > 0) {
      direction[0] = (info[3] * e.score[0] - info[1] * e.score[1]) / det;
      direction[1] = (info[0] * e.score[1] - info[2] * e.score[0]) / det;
      return direction;
    }
  }
  for (int j = 0; j < 2; ++j) {
    if (free[j]) direction[j] = diagonal_step(j);
  }
  return direction;
}

}  // namespace refract::stats::internal
