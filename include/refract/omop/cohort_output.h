// Text forms of `refract cohort` output (docs/omop.md): per-person results as NDJSON (one object
// per person) or CSV (one row per person, rule and model), and the population report as Markdown
// or JSON and an SVG chart. No I/O: the caller writes the strings.
#pragma once

#include <string>

#include "refract/omop/cohort.h"

namespace refract::omop {

inline constexpr const char* kCohortDisclaimer =
    "Decision support / research use: population results from coded OMOP data under the stated "
    "assumptions; not a diagnosis and not a treatment decision for any person. Provisional "
    "results rest on unconfirmed values or on the treatment-sequence outcome rule.";

// One NDJSON line (with the trailing newline).
std::string ResultNdjsonLine(const PersonResult& result);

std::string ResultCsvHeader();
// The CSV rows of one person (one per rule and model; one row with empty model for a person
// without a record), each ending with a newline.
std::string ResultCsvRows(const PersonResult& result);

std::string ReportMarkdown(const PopulationSummary& summary, const OmopMapping& mapping);
std::string ReportJson(const PopulationSummary& summary, const OmopMapping& mapping);
// A bar chart: for each model with a yes/no definition and each outcome rule, the persons meeting
// it, split into "never had an adequate psychotherapy" and "had one", with the share and its
// Wilson 95% interval.
std::string ReportSvg(const PopulationSummary& summary);

}  // namespace refract::omop
