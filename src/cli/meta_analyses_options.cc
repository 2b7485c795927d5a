#include "meta_analyses_options.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>

namespace refract::cli {
namespace {

StatusOr<std::vector<double>> ParseRow(const std::string& text) {
  std::vector<double> values;
  std::string rest = text;
  std::replace(rest.begin(), rest.end(), ',', ' ');
  size_t pos = 0;
  while ((pos = rest.find_first_not_of(' ', pos)) != std::string::npos) {
    const size_t end = std::min(rest.find(' ', pos), rest.size());
    double value = 0;
    auto [ptr, ec] = std::from_chars(rest.data() + pos, rest.data() + end, value);
    if (ec != std::errc() || ptr != rest.data() + end || !std::isfinite(value)) {
      return Status::InvalidArgument(
          fmt::format("--predict '{}': '{}' is not a number", text, rest.substr(pos, end - pos)));
    }
    values.push_back(value);
    pos = end;
  }
  if (values.empty()) {
    return Status::InvalidArgument("--predict needs moderator values, e.g. --predict 30,1960");
  }
  return values;
}

// Request field -> flag: "one_per_study" -> "--one-per-study", "decimal_mark" -> "--decimal".
std::string FlagOf(std::string field) {
  if (field == "decimal_mark") return "--decimal";
  if (field == "separator") return "--sep";
  std::replace(field.begin(), field.end(), '_', '-');
  return "--" + field;
}

}  // namespace

void AddMetaAnalysisOptions(CLI::App& cmd, const std::shared_ptr<MetaAnalysisOptions>& options) {
  MetaAnalysesRequest& r = options->request;
  cmd.add_flag("--leave1out", r.leave1out, "leave-one-out analysis (metafor leave1out)");
  cmd.add_flag("--cumulative", r.cumulative, "cumulative meta-analysis (metafor cumul)");
  cmd.add_option("--order", r.order, "--cumulative: add studies in ascending order of this column");
  cmd.add_option("--mods", r.mods,
                 "meta-regression on these columns, \"x1 + x2\" (metafor rma(mods = ~ ...))");
  cmd.add_option("--predict", options->predict,
                 "--mods: predicted effect at these moderator values, e.g. 30,1960 (repeatable)");
  cmd.add_flag("--regtest", r.regtest, "Egger's regression test (metafor regtest)");
  cmd.add_flag("--trimfill", r.trimfill,
               "trim-and-fill, estimator L0 (metafor trimfill); with --funnel the imputed studies "
               "are drawn hollow");
  cmd.add_flag("--confint", r.confint, "Q-profile CIs for tau^2, I^2, H^2 (metafor confint)");
  cmd.add_flag("--influence", r.influence,
               "influence diagnostics: rstudent, DFFITS, Cook's distance, hat, ... (metafor "
               "influence)");
}

StatusOr<MetaAnalysesRequest> ParseMetaAnalysisOptions(const MetaAnalysisOptions& options) {
  MetaAnalysesRequest request = options.request;
  for (const std::string& row : options.predict) {
    StatusOr<std::vector<double>> values = ParseRow(row);
    if (!values.ok()) return values.status();
    request.predict.push_back(std::move(*values));
  }
  return request;
}

std::string MetaErrorMessage(const Status& status) {
  if (status.details().empty()) return status.message();
  std::string message;
  for (const FieldError& e : status.details()) {
    message += (message.empty() ? "" : "\n") + FlagOf(e.path) + ": " + e.rule;
  }
  return message;
}

}  // namespace refract::cli
