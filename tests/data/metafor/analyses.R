# Reference outputs of R metafor 3.8-1 for the analyses of `refract meta` (leave-one-out,
# cumulative, meta-regression, predict, Egger's regression test, trim-and-fill, Q-profile CIs,
# Mantel-Haenszel and Peto, the two subgroup tests, and the REML fallback data set).
#
# Run from the project root (R 4.2.2, Debian r-cran-metafor 3.8-1):
#   Rscript tests/data/metafor/analyses.R
# (and influence diagnostics)
# Writes tests/data/metafor/analyses/<name>.csv (the input of `refract meta`, yi/vi with 17
# significant digits) and <name>.json (metafor's results, 15 significant digits).
suppressPackageStartupMessages(library(metafor))

# A minimal JSON writer (base R only): numbers with 15 significant digits, non-finite and NA
# numbers as strings ("NA", "Inf", ...), length-1 vectors as scalars, NULL fields left out.
to_json <- function(x, indent = "") {
  inner <- paste0(indent, "  ")
  if (is.list(x)) {
    x <- x[!vapply(x, is.null, logical(1))]
    if (is.null(names(x))) {
      items <- vapply(x, to_json, character(1), indent = inner)
      return(paste0("[\n", inner, paste(items, collapse = paste0(",\n", inner)), "\n", indent, "]"))
    }
    items <- mapply(function(n, v) paste0("\"", n, "\": ", to_json(v, inner)), names(x), x)
    return(paste0("{\n", inner, paste(items, collapse = paste0(",\n", inner)), "\n", indent, "}"))
  }
  one <- function(v) {
    if (is.na(v)) return("\"NA\"")
    if (is.numeric(v)) {
      if (!is.finite(v)) return(paste0("\"", as.character(v), "\""))
      return(formatC(v, digits = 15, format = "g"))
    }
    if (is.logical(v)) return(if (v) "true" else "false")
    paste0("\"", gsub("\"", "\\\\\"", as.character(v)), "\"")
  }
  values <- vapply(x, one, character(1))
  if (length(values) == 1) values else paste0("[", paste(values, collapse = ", "), "]")
}

out_dir <- "tests/data/metafor/analyses"
dir.create(out_dir, showWarnings = FALSE)

write_csv <- function(d, name) {
  num <- vapply(d, is.numeric, logical(1))
  d[num] <- lapply(d[num], function(x) ifelse(is.na(x), "NA", sprintf("%.17g", x)))
  write.csv(d, file.path(out_dir, paste0(name, ".csv")), row.names = FALSE, quote = TRUE,
            na = "NA")
}

write_json_ref <- function(x, name) {
  writeLines(to_json(x), file.path(out_dir, paste0(name, ".json")))
}

subset_columns <- function(x) {
  list(estimate = as.numeric(x$estimate), se = as.numeric(x$se), zval = as.numeric(x$zval),
       pval = as.numeric(x$pval), ci_lb = as.numeric(x$ci.lb), ci_ub = as.numeric(x$ci.ub),
       q = as.numeric(x$Q), q_p = as.numeric(x$Qp), tau2 = as.numeric(x$tau2),
       i2 = as.numeric(x$I2), h2 = as.numeric(x$H2))
}

fit_columns <- function(f) {
  list(names = rownames(f$beta), estimate = as.numeric(f$beta), se = as.numeric(f$se),
       zval = as.numeric(f$zval), pval = as.numeric(f$pval), ci_lb = as.numeric(f$ci.lb),
       ci_ub = as.numeric(f$ci.ub), tau2 = f$tau2, se_tau2 = f$se.tau2, i2 = f$I2, h2 = f$H2,
       r2 = if (is.null(f$R2)) "NA" else f$R2, qe = f$QE, qe_df = f$k - f$p, qe_p = f$QEp,
       qm = f$QM, qm_df = f$m, qm_p = f$QMp)
}

confint_columns <- function(f) {
  ci <- confint(f)$random
  list(tau2 = as.numeric(ci["tau^2", ]), tau = as.numeric(ci["tau", ]),
       i2 = as.numeric(ci["I^2(%)", ]), h2 = as.numeric(ci["H^2", ]))
}

influence_columns <- function(inf) {
  i <- inf$inf
  list(rstudent = i$rstudent, dffits = i$dffits, cook_d = i$cook.d, cov_r = i$cov.r,
       tau2_del = i$tau2.del, qe_del = i$QE.del, hat = i$hat, weight = i$weight,
       dfbetas = as.numeric(inf$dfbs[[1]]), influential = inf$is.infl)
}

predict_columns <- function(p, x) {
  list(x = x, pred = as.numeric(p$pred), se = as.numeric(p$se), ci_lb = as.numeric(p$ci.lb),
       ci_ub = as.numeric(p$ci.ub), pi_lb = as.numeric(p$pi.lb), pi_ub = as.numeric(p$pi.ub))
}

# Separate tau^2 per subgroup, then the Q of the subgroup estimates (an FE fit of them), and the
# mixed-effects moderator test with a common tau^2: rma(yi, vi, mods = ~ factor(by)).
subgroup_tests <- function(d, by) {
  groups <- sort(unique(d[[by]]))
  fits <- lapply(groups, function(g) rma(yi, vi, data = d[d[[by]] == g, ]))
  between <- rma(sapply(fits, function(f) as.numeric(f$beta)), sei = sapply(fits, `[[`, "se"),
                 method = "FE")
  me <- rma(yi, vi, mods = ~ factor(d[[by]]), data = d)
  list(by = by, groups = groups, q_between = between$QE, q_between_df = between$k - 1,
       q_between_p = between$QEp, qm = me$QM, qm_df = me$m, qm_p = me$QMp, qm_tau2 = me$tau2,
       qm_coef = as.numeric(me$beta))
}

tables_columns <- function(f) {
  list(estimate = as.numeric(f$beta), se = f$se, zval = f$zval, pval = f$pval, ci_lb = f$ci.lb,
       ci_ub = f$ci.ub, qe = f$QE, qe_p = f$QEp, i2 = f$I2, h2 = f$H2,
       cmh = if (is.null(f$MH)) "NA" else f$MH, cmh_p = if (is.null(f$MHp)) "NA" else f$MHp,
       tarone = if (is.null(f$TA)) "NA" else f$TA, tarone_p = if (is.null(f$TAp)) "NA" else f$TAp)
}

versions <- list(R = R.version.string, metafor = as.character(packageVersion("metafor")),
                 metadat = as.character(packageVersion("metadat")))

common <- function(d, name, source, order_col, mods, predict_x, by) {
  f <- rma(yi, vi, data = d)
  tf <- trimfill(f)
  rt <- regtest(f)
  mf <- rma(as.formula(paste("yi ~", mods)), vi, data = d)
  px <- matrix(predict_x, nrow = 1)
  list(dataset = name, source = source, versions = versions, k = f$k, fit = fit_columns(f),
       leave1out = subset_columns(leave1out(f)),
       cumulative = c(list(order = order_col), subset_columns(cumul(f, order = d[[order_col]]))),
       regtest = list(zval = rt$zval, pval = rt$pval, limit_estimate = as.numeric(rt$est),
                      limit_ci_lb = as.numeric(rt$ci.lb), limit_ci_ub = as.numeric(rt$ci.ub)),
       trimfill = list(k0 = tf$k0, side = tf$side, se_k0 = tf$se.k0,
                       estimate = as.numeric(tf$beta), se = tf$se, zval = tf$zval,
                       pval = tf$pval, ci_lb = tf$ci.lb, ci_ub = tf$ci.ub, tau2 = tf$tau2,
                       i2 = tf$I2, qe = tf$QE, qe_p = tf$QEp, k = tf$k),
       confint = confint_columns(f),
       influence = influence_columns(influence(f)),
       mods = c(list(formula = mods), fit_columns(mf)),
       predict = predict_columns(predict(mf, newmods = px), predict_x),
       subgroups = if (is.null(by)) NULL else subgroup_tests(d, by))
}

# dat.bcg: log risk ratios (escalc RR) with the 2x2 counts for Mantel-Haenszel and Peto.
bcg <- escalc(measure = "RR", ai = tpos, bi = tneg, ci = cpos, di = cneg, data = dat.bcg)
bcg_csv <- data.frame(study = bcg$author, year = bcg$year, ablat = bcg$ablat, alloc = bcg$alloc,
                      ai = bcg$tpos, bi = bcg$tneg, ci = bcg$cpos, di = bcg$cneg,
                      yi = as.numeric(bcg$yi), vi = as.numeric(bcg$vi))
write_csv(bcg_csv, "bcg")
ref <- common(bcg_csv, "dat.bcg", "metadat 1.2-0 dat.bcg (Colditz et al. 1994)", "year",
              "ablat + year", c(30, 1960), "alloc")
ref$mantel_haenszel <- list(
  OR = tables_columns(rma.mh(ai, bi, ci, di, data = bcg_csv, measure = "OR")),
  RR = tables_columns(rma.mh(ai, bi, ci, di, data = bcg_csv, measure = "RR")),
  RD = tables_columns(rma.mh(ai, bi, ci, di, data = bcg_csv, measure = "RD")))
ref$peto <- tables_columns(rma.peto(ai, bi, ci, di, data = bcg_csv))
write_json_ref(ref, "bcg")

# dat.hackshaw1998: log odds ratios as published (yi, vi given).
hs <- dat.hackshaw1998
hs_csv <- data.frame(study = paste(hs$author, hs$year), year = hs$year, design = hs$design,
                     yi = hs$yi, vi = hs$vi)
write_csv(hs_csv, "hackshaw1998")
write_json_ref(common(hs_csv, "dat.hackshaw1998",
                      "metadat 1.2-0 dat.hackshaw1998 (Hackshaw et al. 1997)", "year", "year",
                      1990, "design"), "hackshaw1998")

# dat.collins1985b: pre-eclampsia 2x2 tables (escalc OR) for Mantel-Haenszel and Peto, and the
# random-effects analyses of the log odds ratios.
co <- dat.collins1985b
co <- escalc(measure = "OR", ai = pre.xti, n1i = pre.nti, ci = pre.xci, n2i = pre.nci, data = co)
co_csv <- data.frame(study = co$author, year = co$year, ai = co$pre.xti,
                     bi = co$pre.nti - co$pre.xti, ci = co$pre.xci, di = co$pre.nci - co$pre.xci,
                     yi = as.numeric(co$yi), vi = as.numeric(co$vi))
write_csv(co_csv, "collins1985b")
ref <- common(co_csv, "dat.collins1985b", "metadat 1.2-0 dat.collins1985b (Collins et al. 1985)",
              "year", "year", 1965, NULL)
ref$mantel_haenszel <- list(
  OR = tables_columns(rma.mh(ai, bi, ci, di, data = co_csv, measure = "OR")),
  RR = tables_columns(rma.mh(ai, bi, ci, di, data = co_csv, measure = "RR")),
  RD = tables_columns(rma.mh(ai, bi, ci, di, data = co_csv, measure = "RD")))
ref$peto <- tables_columns(rma.peto(ai, bi, ci, di, data = co_csv))
write_json_ref(ref, "collins1985b")

# The Metapsy depression-psyctr table (data/metapsy): .g and .g_se as given, both subgroup tests
# by treatment format.
mp <- read.table("data/metapsy/depression-psyctr.csv", sep = ";", dec = ",", header = TRUE,
                 quote = "\"", check.names = FALSE, comment.char = "", stringsAsFactors = FALSE)
mp$yi <- mp$.g
mp$vi <- mp$.g_se^2
mp <- mp[!is.na(mp$yi) & !is.na(mp$vi), ]
write_json_ref(list(dataset = "data/metapsy/depression-psyctr.csv", versions = versions,
                    k = nrow(mp), subgroups = subgroup_tests(mp, "format")),
               "metapsy-format")

# A data set where metafor's default REML Fisher scoring does not converge: simulated (seed
# below) k = 5 studies; the reference REML optimum comes from metafor's own optimiser
# (control = list(optimizer = "optim")) converged tightly, and from a profile over tau^2.
set.seed(20261206)
repeat {
  k <- 5
  vi <- runif(k, 0.01, 1)
  yi <- rnorm(k, 0, sqrt(vi + 0.3))
  failed <- inherits(try(rma(yi, vi), silent = TRUE), "try-error")
  if (failed) break
}
fb_csv <- data.frame(study = paste0("S", seq_len(k)), yi = yi, vi = vi)
write_csv(fb_csv, "fallback")
fb <- rma(yi, vi, data = fb_csv, control = list(stepadj = 0.5, maxiter = 10000,
                                                threshold = 1e-12))
err <- try(rma(yi, vi, data = fb_csv), silent = TRUE)
write_json_ref(list(dataset = "simulated (this script, seed 20261206)", versions = versions,
                    metafor_default_error = as.character(attr(err, "condition")$message),
                    control = "stepadj = 0.5, maxiter = 10000, threshold = 1e-12",
                    fit = fit_columns(fb)), "fallback")
