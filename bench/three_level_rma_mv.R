# R metafor timing of the three-level model on the data of bench/three_level_bench.cc, for
# bench/RESULTS.md. Usage (project root): Rscript bench/three_level_rma_mv.R [REPEATS]
suppressPackageStartupMessages(library(metafor))
args <- commandArgs(trailingOnly = TRUE)
repeats <- if (length(args) >= 1) as.integer(args[1]) else 3
mp <- read.table("data/metapsy/depression-psyctr.csv", sep = ";", dec = ",", header = TRUE,
                 quote = "\"", na.strings = "NA", encoding = "UTF-8", check.names = FALSE,
                 comment.char = "", stringsAsFactors = FALSE)
mp <- mp[!is.na(mp$.g) & !is.na(mp$.g_se), ]
metapsy <- data.frame(yi = mp$.g, vi = mp$.g_se^2, study = mp$study, es_id = seq_len(nrow(mp)))
konst <- dat.konstantopoulos2011
time_fit <- function(label, expr_fun) {
  t <- system.time(for (i in seq_len(repeats)) expr_fun()) / repeats
  cat(sprintf("%-28s %10.1f ms elapsed, %10.1f ms CPU (user + system) per fit (%d repeats)\n",
              label, 1000 * t[["elapsed"]], 1000 * (t[["user.self"]] + t[["sys.self"]]), repeats))
}
time_fit("metapsy (k = 900)", function()
  rma.mv(yi, vi, random = ~ 1 | study / es_id, data = metapsy, method = "REML"))
time_fit("konstantopoulos2011 (k = 56)", function()
  rma.mv(yi, vi, random = ~ 1 | district / school, data = konst, method = "REML"))
