#!/usr/bin/env bash
# Compares `refract meta --metapsy ... --by condition_arm1` (REML) with R metafor on the same Metapsy
# file, subgroup by subgroup, at full precision. Needs Rscript with metafor (Debian r-cran-metafor);
# skips otherwise. Usage: bench/metapsy_compare.sh [build/src/cli/refract]
set -euo pipefail
cd "$(dirname "$0")/.."
refract="${1:-build/src/cli/refract}"
if ! command -v Rscript >/dev/null 2>&1 || ! Rscript -e 'quit(status = !requireNamespace("metafor", quietly = TRUE))' >/dev/null 2>&1; then
  echo "metapsy_compare: R with metafor not found; skipping" >&2
  exit 0
fi
file=data/metapsy/depression-psyctr.csv
tmp=$(mktemp -d)
"$refract" meta --metapsy "$file" --by condition_arm1 --json > "$tmp/refract.json"
Rscript -e '
suppressPackageStartupMessages(library(metafor))
d <- read.table("'"$file"'", sep = ";", dec = ",", header = TRUE, quote = "\"", na.strings = "NA",
                encoding = "UTF-8", check.names = FALSE, comment.char = "", stringsAsFactors = FALSE)
out <- NULL
for (g in c(sort(unique(d$condition_arm1)), "(overall)")) {
  s <- if (g == "(overall)") d else d[d$condition_arm1 == g, ]
  f <- rma(s$.g, s$.g_se^2, method = "REML"); p <- predict(f)
  out <- rbind(out, data.frame(group = g, estimate = f$b[1], se = f$se, tau2 = f$tau2, i2 = f$I2,
                               pi_lb = p$pi.lb, pi_ub = p$pi.ub))
}
write.csv(out, "'"$tmp/metafor.csv"'", row.names = FALSE)
' 
python3 - "$tmp/refract.json" "$tmp/metafor.csv" <<'PY'
import csv, json, sys
refract = json.load(open(sys.argv[1]))
groups = {g["group"]: g for g in refract["subgroups"]["groups"]}
groups["(overall)"] = refract["overall"]
worst = 0.0
for row in csv.DictReader(open(sys.argv[2])):
    mine = groups[row["group"]]
    for key, theirs in (("estimate", "estimate"), ("se", "se"), ("tau2", "tau2"), ("i2", "i2"),
                        ("pi_lb", "pi_lb"), ("pi_ub", "pi_ub")):
        diff = abs(float(mine[key]) - float(row[theirs]))
        worst = max(worst, diff)
        if diff > 1e-6:
            print(f"MISMATCH {row['group']} {key}: refract {mine[key]} metafor {row[theirs]}")
print(f"metapsy_compare: {len(groups)} analyses, max abs difference {worst:.2e}")
sys.exit(1 if worst > 1e-6 else 0)
PY
