// Private to refract::engine: the hooks of Engine::Meta and the renderers for the further
// analyses of include/refract/engine/meta_analyses.h.
#pragma once

#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "refract/base/status.h"
#include "refract/engine/meta.h"
#include "refract/evidence/effect_record.h"
#include "refract/stats/rma.h"

namespace refract::meta_analyses {

// Combinations of options that cannot run, one FieldError each, naming the request field and the
// rule (e.g. {"predict", "needs mods: ..."}).
std::vector<FieldError> RequestErrors(const MetaRequest& request);

// The input columns the requested analyses read from each record's attributes: the moderator
// terms, the cumulative order column, and for MH / PETO the 2x2 counts (ai bi ci di n1i n2i). A
// column reader must keep them (Engine::Meta's column-selective input).
std::vector<std::string> ColumnsRead(const MetaRequest& request);

// Runs every requested analysis on the pooled `records` with the options of the pooled fit and
// stores it in result.analyses. Errors (kInvalidArgument) name the field: "mods: ...".
Status Run(const MetaRequest& request, std::span<const evidence::EffectRecord> records,
           const stats::RmaOptions& options, MetaResult& result);

// A failed CSV parse whose header holds no `separator` but a ';' or a tab: the message suggests
// that separator ("... use --sep ';'"). Otherwise `status` unchanged.
Status WithSeparatorHint(const Status& status, std::string_view text, char separator);

// Text in the layout of metafor's print methods, appended to `out`.
void AppendText(const MetaResult& result, std::string& out);
// The 2x2 pooling replaces the model results when present.
void AppendTablesText(const TablePooling& tables, std::string& out);
// The mixed-effects moderator test line of a subgroup analysis.
void AppendModeratorTestText(const ModeratorTest& test, std::string& out);
// "note: ..." when a fit's tau^2 came from the safeguarded optimiser; "" otherwise.
std::string FallbackNote(const stats::RmaResult& fit, const std::string& what);

// The JSON members documented in docs/meta-csv.md ("leave1out", "cumulative", ...), added to `out`.
void AddJson(const MetaResult& result, nlohmann::json& out);
nlohmann::json ModeratorTestJson(const ModeratorTest& test);
// {"solver": "...", "fallback": bool} of a fit.
nlohmann::json SolverJson(const stats::RmaResult& fit);

}  // namespace refract::meta_analyses
