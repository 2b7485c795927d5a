# Same timings as bench/stats_bench.cc, run in R with metafor (for bench/RESULTS.md,
# "Meta-analysis engine"). Usage: Rscript bench/metafor_compare.R
# Data are simulated like stats_bench.cc (v ~ U(0.01, 1), y ~ N(0.3, v + 0.1)); R's generator
# differs from std::mt19937_64, so the data sets are comparable in distribution, not identical.
suppressPackageStartupMessages(library(metafor))

simulate <- function(k) {
  vi <- runif(k, 0.01, 1)
  yi <- 0.3 + rnorm(k) * sqrt(vi + 0.1)
  list(yi = yi, vi = vi)
}

time_median <- function(expr_fn, reps) {
  times <- vapply(seq_len(reps), function(i) system.time(expr_fn())[["elapsed"]], numeric(1))
  median(times)
}

set.seed(42)
d20 <- simulate(20)
t20 <- time_median(function() for (i in 1:100) rma(d20$yi, d20$vi, method = "REML"), 5) / 100
d1000 <- simulate(1000)
t1000 <- time_median(function() rma(d1000$yi, d1000$vi, method = "REML"), 3)
d200 <- simulate(200)
fit200 <- rma(d200$yi, d200$vi, method = "REML")
tl1o <- time_median(function() leave1out(fit200), 3)
set.seed(2024)
failures <- 0
tsim <- system.time(for (r in 1:10000) {
  d <- simulate(20)
  fit <- try(rma(d$yi, d$vi, method = "REML"), silent = TRUE)
  if (inherits(fit, "try-error")) failures <- failures + 1
})[["elapsed"]]

cat(sprintf("metafor %s, %s\n", packageVersion("metafor"), R.version.string))
cat(sprintf("REML k=20: %.3f ms per fit\n", 1000 * t20))
cat(sprintf("REML k=1000: %.3f s per fit\n", t1000))
cat(sprintf("leave1out k=200: %.3f s\n", tl1o))
cat(sprintf("10,000 x REML k=20: %.2f s (%d Fisher-scoring failures)\n", tsim, failures))
