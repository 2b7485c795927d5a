# Recomputes `refract meta --metapsy data/metapsy/depression-psyctr.csv --by condition_arm1` with
# R metafor, for comparison with Refract's output (R is not installed in the build environment).
#
# Usage (from the project root):  Rscript bench/metapsy_check.R [FILE] [METHOD] [MIN_ROB] [RHO]
#   METHOD  tau^2 estimator (default REML); MIN_ROB keeps rob >= MIN_ROB (default: no filter);
#   RHO     when given, one effect per study and subgroup: the mean of the study's effects with
#           variance (sum(v) + RHO * sum_{i != j} sqrt(v_i v_j)) / m^2, as refract's
#           --one-per-study --rho RHO.
# Prints, per condition_arm1 and overall: k, studies, estimate, ci.lb, ci.ub, pi.lb, pi.ub (metafor's
# default z-based PI), I2, tau2 -- the columns of refract's subgroup table.
suppressPackageStartupMessages(library(metafor))

args <- commandArgs(trailingOnly = TRUE)
file <- if (length(args) >= 1) args[1] else "data/metapsy/depression-psyctr.csv"
method <- if (length(args) >= 2) args[2] else "REML"
min_rob <- if (length(args) >= 3) as.numeric(args[3]) else NA
rho <- if (length(args) >= 4) as.numeric(args[4]) else NA

dat <- read.table(file, sep = ";", dec = ",", header = TRUE, quote = "\"", na.strings = "NA",
                  encoding = "UTF-8", check.names = FALSE, comment.char = "", stringsAsFactors = FALSE)
stopifnot(nrow(dat) == 900)
dat$vi <- dat$.g_se^2
dat$yi <- dat$.g
if (!is.na(min_rob)) dat <- dat[!is.na(dat$rob) & dat$rob >= min_rob, ]

average_within_study <- function(d, rho) {
  keys <- paste(d$study, d$condition_arm1, sep = "\r")
  rows <- lapply(split(seq_len(nrow(d)), factor(keys, levels = unique(keys))), function(i) {
    s <- sqrt(d$vi[i])
    m <- length(i)
    data.frame(study = d$study[i[1]], condition_arm1 = d$condition_arm1[i[1]],
               yi = mean(d$yi[i]), vi = (sum(s^2) + rho * (sum(s)^2 - sum(s^2))) / m^2)
  })
  do.call(rbind, rows)
}
if (!is.na(rho)) dat <- average_within_study(dat, rho)

summarise <- function(d, label) {
  fit <- rma(yi, vi, data = d, method = method)
  pred <- predict(fit)
  data.frame(group = label, k = fit$k, studies = length(unique(d$study)),
             estimate = as.numeric(fit$beta), ci.lb = fit$ci.lb, ci.ub = fit$ci.ub,
             pi.lb = pred$pi.lb, pi.ub = pred$pi.ub, I2 = fit$I2, tau2 = fit$tau2)
}

groups <- sort(unique(dat$condition_arm1))
table <- do.call(rbind, c(lapply(groups, function(g) summarise(dat[dat$condition_arm1 == g, ], g)),
                          list(summarise(dat, "(overall)"))))
print(table, digits = 6, row.names = FALSE)
