# Reference output of metafor's three-level model (rma.mv, effects nested in clusters) for
# refract::stats::FitThreeLevel. Writes tests/data/metafor/ref-threelevel.json.
#
# Usage (from the project root, R >= 4.2 with metafor 3.8-1; JSON written by to_json below):
#   Rscript tests/data/metafor/ref-threelevel.R
#
# Data sets:
#   konstantopoulos2011: metadat's dat.konstantopoulos2011 (56 schools in 11 districts), the
#     canonical three-level example of metafor: random = ~ 1 | district/school.
#   metapsy: data/metapsy/depression-psyctr.csv (Metapsy depression psychotherapy vs control), as
#     metapsyTools' runMetaAnalysis "threelevel" model fits it: yi = .g, V = .g_se^2,
#     random = ~ 1 | study/es.id with es.id the row number, method = "REML", test "z" or "t".
# For each data set and test ("z", "t"): the fit (estimate, se, zval, pval, ci, sigma2 per level,
# QE, logLik/deviance/AIC/BIC/AICc under REML), predict() (pi.lb, pi.ub) and the multilevel I^2
# per level with the "typical" sampling variance (k - p) / tr(P), P = W - W X (X'WX)^-1 X'W,
# W = diag(1/vi) (metafor's FAQ "I^2 for multilevel and multivariate models"; Cheung 2014).
suppressPackageStartupMessages(library(metafor))

# Minimal JSON writer: numbers with 17 significant digits (exact doubles), NA/NaN/Inf as strings,
# length-1 vectors unboxed, named lists as objects.
to_json <- function(x) {
  scalar <- function(v) {
    if (is.character(v)) return(paste0('"', gsub('"', '\\"', v, fixed = TRUE), '"'))
    if (is.na(v)) return('"NA"')
    if (is.infinite(v)) return(if (v > 0) '"Inf"' else '"-Inf"')
    if (is.logical(v)) return(if (v) "true" else "false")
    sprintf("%.17g", v)
  }
  if (is.list(x)) {
    items <- vapply(x, to_json, "")
    if (is.null(names(x))) return(paste0("[", paste(items, collapse = ", "), "]"))
    return(paste0("{\n", paste0('"', names(x), '": ', items, collapse = ",\n"), "\n}"))
  }
  if (length(x) == 1) return(scalar(x))
  paste0("[", paste(vapply(x, scalar, ""), collapse = ", "), "]")
}

i2_levels <- function(fit) {
  W <- diag(1 / fit$vi)
  X <- model.matrix(fit)
  P <- W - W %*% X %*% solve(t(X) %*% W %*% X) %*% t(X) %*% W
  v_typical <- (fit$k - fit$p) / sum(diag(P))
  list(v_typical = v_typical,
       i2_total = 100 * sum(fit$sigma2) / (sum(fit$sigma2) + v_typical),
       i2_levels = 100 * fit$sigma2 / (sum(fit$sigma2) + v_typical))
}

fit_block <- function(d, test) {
  fit <- rma.mv(yi, vi, random = ~ 1 | cluster / es_id, data = d, method = "REML", test = test)
  pred <- predict(fit)
  i2 <- i2_levels(fit)
  fs <- fitstats(fit)
  list(test = test,
       estimate = as.numeric(fit$beta), se = fit$se, zval = fit$zval, pval = fit$pval,
       ci_lb = fit$ci.lb, ci_ub = fit$ci.ub, ddf = if (test == "t") fit$ddf else "NA",
       pi_lb = pred$pi.lb, pi_ub = pred$pi.ub,
       sigma2 = fit$sigma2, n_levels = fit$s.nlevels,
       qe = fit$QE, qe_df = fit$k - fit$p, qe_p = fit$QEp,
       ll = as.numeric(fs[1]), deviance = as.numeric(fs[2]), aic = as.numeric(fs[3]),
       bic = as.numeric(fs[4]), aicc = as.numeric(fs[5]),
       v_typical = i2$v_typical, i2_total = i2$i2_total, i2_levels = i2$i2_levels)
}

dataset <- function(name, description, d) {
  list(dataset = name, description = description, k = nrow(d),
       inputs = list(yi = d$yi, vi = d$vi, cluster = as.character(d$cluster)),
       fits = list(fit_block(d, "z"), fit_block(d, "t")))
}

k11 <- dat.konstantopoulos2011
konst <- data.frame(yi = k11$yi, vi = k11$vi, cluster = k11$district, es_id = k11$school)

mp <- read.table("data/metapsy/depression-psyctr.csv", sep = ";", dec = ",", header = TRUE,
                 quote = "\"", na.strings = "NA", encoding = "UTF-8", check.names = FALSE,
                 comment.char = "", stringsAsFactors = FALSE)
mp <- mp[!is.na(mp$.g) & !is.na(mp$.g_se), ]
metapsy <- data.frame(yi = mp$.g, vi = mp$.g_se^2, cluster = mp$study, es_id = seq_len(nrow(mp)))

out <- list(
  versions = list(R = R.version.string, metafor = as.character(packageVersion("metafor")),
                  metadat = as.character(packageVersion("metadat")),
                  generated_utc = format(Sys.time(), "%Y-%m-%dT%H:%M:%SZ", tz = "UTC")),
  model = "rma.mv(yi, vi, random = ~ 1 | cluster/es_id, method = 'REML', test = z|t)",
  datasets = list(
    dataset("dat.konstantopoulos2011",
            "Konstantopoulos (2011): 56 schools (effects) in 11 districts (clusters)", konst),
    dataset("metapsy depression-psyctr",
            "Metapsy depression psychotherapy vs control: comparisons (.g, .g_se^2) in studies",
            metapsy)))

writeLines(to_json(out),
           "tests/data/metafor/ref-threelevel.json")
