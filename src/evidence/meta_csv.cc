#include "refract/evidence/meta_csv.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <optional>
#include <utility>

#include "refract/stats/effect_size.h"
#include "row_access.h"

namespace refract::evidence {
namespace {

// A raw input field: the refract::stats field name and the accepted column names.
struct Field {
  const char* stats_name;
  std::array<const char*, 2> columns;
};

constexpr std::array<Field, 6> kContinuous = {{{"n1", {"n1i", "n1"}},
                                               {"m1", {"m1i", "m1"}},
                                               {"sd1", {"sd1i", "sd1"}},
                                               {"n2", {"n2i", "n2"}},
                                               {"m2", {"m2i", "m2"}},
                                               {"sd2", {"sd2i", "sd2"}}}};
constexpr std::array<Field, 6> kBinary = {{{"ai", {"ai", "ai"}},
                                           {"bi", {"bi", "bi"}},
                                           {"ci", {"ci", "ci"}},
                                           {"di", {"di", "di"}},
                                           {"n1", {"n1i", "n1"}},
                                           {"n2", {"n2i", "n2"}}}};
constexpr std::array<Field, 2> kCorrelation = {{{"r", {"ri", "r"}}, {"n", {"ni", "n"}}}};

// The column of `field` present in the header ("" if none).
std::string ColumnOf(const CsvTable& table, const Field& field) {
  for (const char* name : field.columns) {
    if (table.ColumnIndex(name)) return name;
  }
  return "";
}

// Raw values of `fields` (NaN for missing), and a map stats field -> column for messages.
template <size_t N>
StatusOr<std::array<double, N>> ReadFields(const RowAccess& row, const CsvTable& table,
                                           const std::array<Field, N>& fields,
                                           std::map<std::string, std::string>& columns) {
  std::array<double, N> values{};
  for (size_t i = 0; i < N; ++i) {
    std::string column = ColumnOf(table, fields[i]);
    columns[fields[i].stats_name] = column.empty() ? fields[i].columns[0] : column;
    StatusOr<double> value = row.Number(column.empty() ? fields[i].columns[0] : column);
    if (!value.ok()) return value.status();
    values[i] = *value;
  }
  return values;
}

// "n1[1]: must be > 0" from refract::stats -> "line 5, column 'n1i': must be > 0".
Status Relabel(const Status& status, const RowAccess& row,
               const std::map<std::string, std::string>& columns) {
  const std::string& message = status.message();
  size_t bracket = message.find('[');
  size_t colon = message.find("]: ");
  if (bracket == std::string::npos || colon == std::string::npos) return status;
  std::string field = message.substr(0, bracket);
  auto it = columns.find(field);
  return Status::InvalidArgument(row.Where(it == columns.end() ? field : it->second) + ": " +
                                 message.substr(colon + 3));
}

// The effect computed from raw columns; nullopt when the row lacks them (skipped).
using MaybeEffect = std::optional<std::pair<double, double>>;

StatusOr<MaybeEffect> FromEffectSizes(StatusOr<stats::EffectSizes> es, const RowAccess& row,
                                      const std::map<std::string, std::string>& columns) {
  if (!es.ok()) return Relabel(es.status(), row, columns);
  if (std::isnan(es->yi[0]) || std::isnan(es->vi[0])) return MaybeEffect();
  if (!(es->vi[0] > 0)) {
    return Status::InvalidArgument("line " + std::to_string(row.line()) +
                                   ": computed sampling variance must be > 0 (got " +
                                   std::to_string(es->vi[0]) + ")");
  }
  return MaybeEffect(std::make_pair(es->yi[0], es->vi[0]));
}

StatusOr<MaybeEffect> ComputeContinuous(const RowAccess& row, const CsvTable& table,
                                        MetaMeasure measure) {
  std::map<std::string, std::string> columns;
  StatusOr<std::array<double, 6>> v = ReadFields(row, table, kContinuous, columns);
  if (!v.ok()) return v.status();
  std::array<stats::ContinuousRow, 1> raw = {
      {{(*v)[0], (*v)[1], (*v)[2], (*v)[3], (*v)[4], (*v)[5]}}};
  return FromEffectSizes(
      measure == MetaMeasure::kSmd ? stats::ComputeSmd(raw) : stats::ComputeMd(raw), row, columns);
}

StatusOr<MaybeEffect> ComputeBinary(const RowAccess& row, const CsvTable& table,
                                    MetaMeasure measure) {
  std::map<std::string, std::string> columns;
  StatusOr<std::array<double, 6>> v = ReadFields(row, table, kBinary, columns);
  if (!v.ok()) return v.status();
  auto [a, b, c, d, n1, n2] = *v;
  if (std::isnan(b) && !std::isnan(n1)) b = n1 - a;
  if (std::isnan(d) && !std::isnan(n2)) d = n2 - c;
  if (b < 0) return Status::InvalidArgument(row.Where(columns["ai"]) + ": must be <= n1i");
  if (d < 0) return Status::InvalidArgument(row.Where(columns["ci"]) + ": must be <= n2i");
  std::array<stats::BinaryRow, 1> raw = {{{a, b, c, d}}};
  stats::EffectMeasure em = measure == MetaMeasure::kRr   ? stats::EffectMeasure::kLogRr
                            : measure == MetaMeasure::kOr ? stats::EffectMeasure::kLogOr
                                                          : stats::EffectMeasure::kRd;
  return FromEffectSizes(stats::ComputeBinary(raw, em), row, columns);
}

StatusOr<MaybeEffect> ComputeCorrelation(const RowAccess& row, const CsvTable& table) {
  std::map<std::string, std::string> columns;
  StatusOr<std::array<double, 2>> v = ReadFields(row, table, kCorrelation, columns);
  if (!v.ok()) return v.status();
  std::array<stats::CorrelationRow, 1> raw = {{{(*v)[0], (*v)[1]}}};
  return FromEffectSizes(stats::ComputeZcor(raw), row, columns);
}

StatusOr<MaybeEffect> ComputeRaw(const RowAccess& row, const CsvTable& table, MetaMeasure measure) {
  switch (measure) {
    case MetaMeasure::kSmd:
    case MetaMeasure::kMd:
      return ComputeContinuous(row, table, measure);
    case MetaMeasure::kRr:
    case MetaMeasure::kOr:
    case MetaMeasure::kRd:
      return ComputeBinary(row, table, measure);
    case MetaMeasure::kZcor:
      return ComputeCorrelation(row, table);
    case MetaMeasure::kGen:
      break;
  }
  return MaybeEffect();
}

// Given yi with vi or sei; nullopt when yi or both variances are missing.
StatusOr<MaybeEffect> GivenEffect(const RowAccess& row) {
  StatusOr<double> yi = row.Number("yi"), vi = row.Number("vi"), sei = row.Number("sei");
  for (const StatusOr<double>* value : {&yi, &vi, &sei}) {
    if (!value->ok()) return value->status();
  }
  if (std::isnan(*yi) || (std::isnan(*vi) && std::isnan(*sei))) return MaybeEffect();
  if (!std::isnan(*vi)) {
    if (!(*vi > 0))
      return Status::InvalidArgument(row.Where("vi") + ": sampling variance must be > 0");
    return MaybeEffect(std::make_pair(*yi, *vi));
  }
  if (!(*sei > 0))
    return Status::InvalidArgument(row.Where("sei") + ": standard error must be > 0");
  return MaybeEffect(std::make_pair(*yi, *sei * *sei));
}

Status CheckHeader(const CsvTable& table, MetaMeasure measure) {
  if (!table.ColumnIndex("study")) {
    return Status::InvalidArgument("line 1: missing required column 'study'");
  }
  bool has_given = table.ColumnIndex("yi") && (table.ColumnIndex("vi") || table.ColumnIndex("sei"));
  if (has_given || measure != MetaMeasure::kGen) return Status::Ok();
  return Status::InvalidArgument("line 1: measure GEN needs columns 'yi' and 'vi' (or 'sei')");
}

constexpr std::array<std::pair<MetaMeasure, const char*>, 7> kMeasureNames = {{
    {MetaMeasure::kSmd, "SMD"},
    {MetaMeasure::kMd, "MD"},
    {MetaMeasure::kRr, "RR"},
    {MetaMeasure::kOr, "OR"},
    {MetaMeasure::kRd, "RD"},
    {MetaMeasure::kZcor, "ZCOR"},
    {MetaMeasure::kGen, "GEN"},
}};

}  // namespace

StatusOr<MetaMeasure> ParseMetaMeasure(std::string_view name) {
  for (const auto& [measure, text] : kMeasureNames) {
    if (name == text) return measure;
  }
  return Status::InvalidArgument("--measure: unknown measure '" + std::string(name) +
                                 "' (expected SMD, MD, RR, OR, RD, ZCOR or GEN)");
}

std::string MetaMeasureName(MetaMeasure measure) {
  for (const auto& [m, text] : kMeasureNames) {
    if (m == measure) return text;
  }
  return "GEN";
}

std::string MetaMeasureLabel(MetaMeasure measure) {
  switch (measure) {
    case MetaMeasure::kSmd:
      return "SMD (Hedges' g)";
    case MetaMeasure::kMd:
      return "Mean Difference";
    case MetaMeasure::kRr:
      return "Log Risk Ratio";
    case MetaMeasure::kOr:
      return "Log Odds Ratio";
    case MetaMeasure::kRd:
      return "Risk Difference";
    case MetaMeasure::kZcor:
      return "Fisher's z";
    case MetaMeasure::kGen:
      break;
  }
  return "Observed Outcome";
}

bool IsLogRatio(MetaMeasure measure) {
  return measure == MetaMeasure::kRr || measure == MetaMeasure::kOr;
}

namespace {

// Maps one record into `data`: an effect, a skipped line, or an error.
Status MapRecord(const CsvTable& table, const CsvRecord& record, MetaMeasure measure,
                 char decimal_mark, const AttributeColumns& attributes, MetaCsvData& data) {
  RowAccess row(table, record, decimal_mark);
  StatusOr<MaybeEffect> effect = GivenEffect(row);
  if (!effect.ok()) return effect.status();
  bool given = effect->has_value();
  if (!given) effect = ComputeRaw(row, table, measure);
  if (!effect.ok()) return effect.status();
  if (!effect->has_value()) {
    data.skipped.push_back("line " + std::to_string(record.line) + ": no effect size data");
    return Status::Ok();
  }
  std::string label = row.Text("label");
  EffectRecord out{.label = label.empty() ? row.Text("study") : std::move(label),
                   .study = row.Text("study"),
                   .yi = (*effect)->first,
                   .vi = (*effect)->second,
                   .source = given ? EffectSource::kGiven : EffectSource::kComputedFromRaw,
                   .line = record.line,
                   .attributes = row.Attributes(attributes)};
  (given ? data.given : data.computed)++;
  data.records.push_back(std::move(out));
  return Status::Ok();
}

// The columns a measure can read: study, label, yi/vi/sei and every raw-data alias.
bool IsInputColumn(std::string_view name) {
  for (const char* fixed : {"study", "label", "yi", "vi", "sei"}) {
    if (name == fixed) return true;
  }
  auto in = [name](const auto& fields) {
    return std::any_of(fields.begin(), fields.end(), [name](const Field& f) {
      return name == f.columns[0] || name == f.columns[1];
    });
  };
  return in(kContinuous) || in(kBinary) || in(kCorrelation);
}

}  // namespace

StatusOr<MetaCsvData> MapMetaCsv(const CsvTable& table, MetaMeasure measure, char decimal_mark) {
  if (Status status = CheckHeader(table, measure); !status.ok()) return status;
  MetaCsvData data;
  for (const CsvRecord& record : table.records) {
    Status status = MapRecord(table, record, measure, decimal_mark, std::nullopt, data);
    if (!status.ok()) return status;
  }
  return data;
}

StatusOr<MetaCsvData> ReadMetaCsv(std::string_view bytes, const CsvDialect& dialect,
                                  MetaMeasure measure, std::span<const std::string> attributes) {
  MetaCsvData data;
  data.records.reserve(static_cast<size_t>(std::count(bytes.begin(), bytes.end(), '\n')));
  bool checked = false;
  auto keep = [attributes](std::string_view name) {
    return IsInputColumn(name) ||
           std::find(attributes.begin(), attributes.end(), name) != attributes.end();
  };
  StatusOr<CsvTable> header =
      StreamCsv(bytes, dialect, keep, [&](const CsvTable& table, const CsvRecord& record) {
        if (!checked) {
          if (Status status = CheckHeader(table, measure); !status.ok()) return status;
          checked = true;
        }
        return MapRecord(table, record, measure, dialect.decimal_mark, attributes, data);
      });
  if (!header.ok()) return header.status();
  if (!checked) {
    if (Status status = CheckHeader(*header, measure); !status.ok()) return status;
  }
  return data;
}

}  // namespace refract::evidence
