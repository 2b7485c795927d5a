#include "refract/omop/cohort_output.h"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <nlohmann/json.hpp>

#include "refract/stats/proportion.h"

namespace refract::omop {
namespace {

using nlohmann::ordered_json;

bool NeedsQuotes(std::string_view text) {
  return std::any_of(text.begin(), text.end(),
                     [](char c) { return c == ',' || c == '"' || c == '\n'; });
}

// Appends `text` with its quotes doubled.
void AppendEscaped(std::string& out, std::string_view text) {
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
}

// Appends `text` as one CSV field: quoted, with its quotes doubled, when it holds a comma, a quote
// or a newline.
void AppendCsvField(std::string& out, std::string_view text) {
  if (!NeedsQuotes(text)) {
    out += text;
    return;
  }
  out += '"';
  AppendEscaped(out, text);
  out += '"';
}

// Appends `items` joined with ";" as one CSV field, quoted as above.
void AppendCsvField(std::string& out, const std::vector<std::string>& items) {
  const bool quoted = std::any_of(items.begin(), items.end(), NeedsQuotes);
  if (quoted) out += '"';
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += ';';
    if (quoted) {
      AppendEscaped(out, items[i]);
    } else {
      out += items[i];
    }
  }
  if (quoted) out += '"';
}

const char* TrueFalse(bool value) { return value ? "true" : "false"; }

const char* Optional(const std::optional<bool>& value) { return value ? TrueFalse(*value) : ""; }

std::string Percent(long k, long n) {
  if (n == 0) return "-";
  const auto [low, high] = stats::WilsonInterval(k, n);
  return fmt::format("{:.1f} % ({:.1f}-{:.1f})", 100.0 * k / n, 100 * low, 100 * high);
}

}  // namespace

std::string ResultNdjsonLine(const PersonResult& result) {
  ordered_json line;
  line["person_id"] = result.person_id;
  line["status"] = result.status;
  line["adequate_antidepressant_trials"] = result.adequate_antidepressant_trials;
  line["psychotherapy_never_adequate"] = result.psychotherapy_never_adequate;
  line["self_harm_alert"] = result.self_harm_alert;
  line["assumptions"] = result.assumptions;
  line["warnings"] = result.warnings;
  line["models"] = ordered_json::array();
  for (const ModelOutcome& model : result.models) {
    ordered_json entry;
    entry["model"] = model.model_id;
    entry["rule"] = model.rule;
    entry["summary"] = model.summary;
    entry["stage"] = model.stage ? ordered_json(*model.stage) : ordered_json(nullptr);
    entry["meets"] = model.meets ? ordered_json(*model.meets) : ordered_json(nullptr);
    entry["applicable"] = model.applicable;
    entry["provisional"] = model.provisional;
    entry["provisional_reasons"] = model.provisional_reasons;
    entry["counted_trials"] = model.counted_trials;
    line["models"].push_back(std::move(entry));
  }
  return line.dump() + "\n";
}

std::string ResultCsvHeader() {
  return "person_id,status,rule,model,summary,stage,meets,applicable,provisional,"
         "provisional_reasons,counted_trials,adequate_antidepressant_trials,"
         "psychotherapy_never_adequate,self_harm_alert,assumptions\n";
}

std::string ResultCsvRows(const PersonResult& result) {
  std::string tail = fmt::format(",{},{},{},", result.adequate_antidepressant_trials,
                                 TrueFalse(result.psychotherapy_never_adequate),
                                 TrueFalse(result.self_harm_alert));
  AppendCsvField(tail, result.assumptions);
  tail += '\n';
  const std::string head = fmt::format("{},{},", result.person_id, result.status);
  if (result.models.empty()) return head + ",,,,,,,," + tail;
  std::string rows;
  rows.reserve(result.models.size() * (head.size() + tail.size() + 96));
  for (const ModelOutcome& model : result.models) {
    rows += head;
    rows += model.rule;
    rows += ',';
    rows += model.model_id;
    rows += ',';
    AppendCsvField(rows, model.summary);
    rows += ',';
    if (model.stage) fmt::format_to(std::back_inserter(rows), "{}", *model.stage);
    rows += ',';
    rows += Optional(model.meets);
    rows += ',';
    rows += TrueFalse(model.applicable);
    rows += ',';
    rows += TrueFalse(model.provisional);
    rows += ',';
    AppendCsvField(rows, model.provisional_reasons);
    rows += ',';
    AppendCsvField(rows, model.counted_trials);
    rows += tail;
  }
  return rows;
}

std::string ReportMarkdown(const PopulationSummary& summary, const OmopMapping& mapping) {
  std::string md = "# Population staging report (OMOP CDM)\n\n";
  md += std::string("> ") + kCohortDisclaimer + "\n\n";
  md += fmt::format("Persons: {}. Code tables: refract-omop-mapping {}.\n\n", summary.persons,
                    mapping.version);
  for (const std::string& variant : summary.staging_variants)
    md += "Staging variant: " + variant + ".\n\n";
  md += "| status | persons |\n|---|---|\n";
  for (const auto& [status, count] : summary.status_counts)
    md += fmt::format("| {} | {} |\n", status, count);
  md += fmt::format("\nPersons with a positive self-harm item (critical alert): **{}**.\n",
                    summary.self_harm_alerts);
  if (!summary.source_warnings.empty()) {
    md += "\n## Data warnings\n\n";
    for (const std::string& warning : summary.source_warnings) md += "- " + warning + "\n";
  }
  md +=
      "\n## Meeting each definition, and never an adequate psychotherapy\n\n"
      "Share with Wilson 95% confidence interval.\n\n"
      "| model | rule | meets | provisional | never adequate psychotherapy |\n"
      "|---|---|---|---|---|\n";
  for (const std::string& model : {std::string("two_failures"), summary.markowitz_id}) {
    for (const std::string& rule : summary.rules) {
      CategoryCount count;
      if (summary.meeting.contains(rule) && summary.meeting.at(rule).contains(model))
        count = summary.meeting.at(rule).at(model);
      md += fmt::format("| {} | {} | {} | {} | {} of {}: {} |\n", model, rule, count.persons,
                        count.provisional, count.psychotherapy_never_adequate, count.persons,
                        Percent(count.psychotherapy_never_adequate, count.persons));
    }
  }
  md +=
      "\n## Overlap: two-failure definition vs Markowitz 2022 (persons with MDD)\n\n"
      "| rule | both | two-failure only | Markowitz only | neither | two-failure only, never an "
      "adequate psychotherapy |\n|---|---|---|---|---|---|\n";
  for (const std::string& rule : summary.rules) {
    auto it = summary.overlap.find(rule);
    const auto cells =
        it == summary.overlap.end() ? std::array<std::array<long, 2>, 2>{} : it->second;
    auto extra = summary.two_failures_not_markowitz_no_psychotherapy.find(rule);
    md += fmt::format(
        "| {} | {} | {} | {} | {} | {} |\n", rule, cells[1][1], cells[1][0], cells[0][1],
        cells[0][0],
        extra == summary.two_failures_not_markowitz_no_psychotherapy.end() ? 0 : extra->second);
  }
  md +=
      "\n## Stage distribution per model\n\n"
      "| model | rule | result | persons | provisional | never adequate psychotherapy |\n"
      "|---|---|---|---|---|---|\n";
  for (const std::string& model : summary.model_ids) {
    for (const std::string& rule : summary.rules) {
      if (!summary.categories.contains(rule) || !summary.categories.at(rule).contains(model))
        continue;
      for (const auto& [category, count] : summary.categories.at(rule).at(model)) {
        md += fmt::format("| {} | {} | {} | {} | {} | {} |\n", model, rule, category, count.persons,
                          count.provisional,
                          Percent(count.psychotherapy_never_adequate, count.persons));
      }
    }
  }
  md += "\n## Assumptions\n\n| assumption | persons | rule |\n|---|---|---|\n";
  for (const auto& [id, count] : summary.assumption_counts)
    md += fmt::format("| {} | {} | {} |\n", id, count, AssumptionText(id, mapping));
  return md;
}

std::string ReportJson(const PopulationSummary& summary, const OmopMapping& mapping) {
  ordered_json report;
  report["format"] = "refract-cohort-report/1";
  report["disclaimer"] = kCohortDisclaimer;
  report["mapping_version"] = mapping.version;
  report["persons"] = summary.persons;
  report["staging_variants"] = summary.staging_variants;
  report["status_counts"] = summary.status_counts;
  report["self_harm_alerts"] = summary.self_harm_alerts;
  report["warnings"] = summary.source_warnings;
  ordered_json assumptions = ordered_json::array();
  for (const auto& [id, count] : summary.assumption_counts)
    assumptions.push_back({{"id", id}, {"persons", count}, {"text", AssumptionText(id, mapping)}});
  report["assumptions"] = assumptions;
  ordered_json rules = ordered_json::object();
  for (const std::string& rule : summary.rules) {
    ordered_json models = ordered_json::object();
    for (const std::string& model : summary.model_ids) {
      ordered_json entry;
      ordered_json categories = ordered_json::object();
      if (summary.categories.contains(rule) && summary.categories.at(rule).contains(model)) {
        for (const auto& [category, count] : summary.categories.at(rule).at(model)) {
          categories[category] = {
              {"persons", count.persons},
              {"provisional", count.provisional},
              {"psychotherapy_never_adequate", count.psychotherapy_never_adequate}};
        }
      }
      entry["results"] = categories;
      CategoryCount meeting;
      if (summary.meeting.contains(rule) && summary.meeting.at(rule).contains(model))
        meeting = summary.meeting.at(rule).at(model);
      const auto [low, high] =
          stats::WilsonInterval(meeting.psychotherapy_never_adequate, meeting.persons);
      entry["meets"] = {{"persons", meeting.persons},
                        {"provisional", meeting.provisional},
                        {"psychotherapy_never_adequate", meeting.psychotherapy_never_adequate},
                        {"share_never_adequate_ci95", {low, high}}};
      models[model] = entry;
    }
    ordered_json rule_entry;
    rule_entry["models"] = models;
    if (summary.overlap.contains(rule)) {
      const auto& cells = summary.overlap.at(rule);
      rule_entry["overlap_two_failures_markowitz"] = {{"both", cells[1][1]},
                                                      {"two_failures_only", cells[1][0]},
                                                      {"markowitz_only", cells[0][1]},
                                                      {"neither", cells[0][0]}};
    }
    auto extra = summary.two_failures_not_markowitz_no_psychotherapy.find(rule);
    rule_entry["two_failures_not_markowitz_no_psychotherapy"] =
        extra == summary.two_failures_not_markowitz_no_psychotherapy.end() ? 0 : extra->second;
    rules[rule] = rule_entry;
  }
  report["rules"] = rules;
  return report.dump(1) + "\n";
}

std::string ReportSvg(const PopulationSummary& summary) {
  struct Bar {
    std::string label;
    CategoryCount count;
  };
  std::vector<Bar> bars;
  for (const std::string& model : {std::string("two_failures"), summary.markowitz_id}) {
    for (const std::string& rule : summary.rules) {
      CategoryCount count;
      if (summary.meeting.contains(rule) && summary.meeting.at(rule).contains(model))
        count = summary.meeting.at(rule).at(model);
      bars.push_back({model + " (" + rule + ")", count});
    }
  }
  long most = 1;
  for (const Bar& bar : bars) most = std::max(most, bar.count.persons);
  const int row = 44, left = 260, width = 400;
  std::string svg = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"760\" height=\"{}\" "
      "font-family=\"sans-serif\" "
      "font-size=\"12\">\n<title>Persons meeting each definition, split by psychotherapy</title>\n"
      "<text x=\"10\" y=\"18\" font-weight=\"bold\">Meeting the definition: never an adequate "
      "psychotherapy (dark) vs had one (light); share with Wilson 95% CI</text>\n",
      80 + row * static_cast<int>(bars.size()));
  for (size_t i = 0; i < bars.size(); ++i) {
    const Bar& bar = bars[i];
    const int y = 40 + row * static_cast<int>(i);
    const double never = width * static_cast<double>(bar.count.psychotherapy_never_adequate) / most;
    const double had =
        width * static_cast<double>(bar.count.persons - bar.count.psychotherapy_never_adequate) /
        most;
    svg += fmt::format("<text x=\"10\" y=\"{}\">{}</text>\n", y + 16, bar.label);
    svg +=
        fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{:.1f}\" height=\"22\" fill=\"#7a1f3d\"/>\n",
                    left, y, never);
    svg += fmt::format(
        "<rect x=\"{:.1f}\" y=\"{}\" width=\"{:.1f}\" height=\"22\" fill=\"#e3b5c4\"/>\n",
        left + never, y, had);
    svg += fmt::format("<text x=\"{:.1f}\" y=\"{}\">{} of {}: {}</text>\n", left + never + had + 6,
                       y + 16, bar.count.psychotherapy_never_adequate, bar.count.persons,
                       Percent(bar.count.psychotherapy_never_adequate, bar.count.persons));
  }
  svg += fmt::format("<text x=\"10\" y=\"{}\" font-size=\"10\">{}</text>\n</svg>\n",
                     60 + row * static_cast<int>(bars.size()),
                     "Decision support / research use: coded data under stated assumptions.");
  return svg;
}

}  // namespace refract::omop
