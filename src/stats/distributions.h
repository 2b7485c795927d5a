// Tail probabilities and quantiles of the normal, t, chi-square and F distributions used by the
// meta-analysis engine. Thin wrappers over Boost.Math with a no-throw policy: invalid arguments
// give NaN instead of an exception (the stats API never throws).
#pragma once

namespace refract::stats::internal {

double NormalUpperQuantile(double alpha);  // z with P(Z > z) = alpha.
double NormalTwoSidedP(double z);          // 2 P(Z > |z|).
double StudentTUpperQuantile(double alpha, double df);
double StudentTTwoSidedP(double t, double df);   // 2 P(T_df > |t|).
double ChiSquareUpperTail(double x, double df);  // P(X > x).
double ChiSquareQuantile(double p, double df);   // x with P(X <= x) = p.
double FUpperTail(double x, double df1, double df2);

}  // namespace refract::stats::internal
