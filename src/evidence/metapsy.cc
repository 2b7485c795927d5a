#include "refract/evidence/metapsy.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>
#include <utility>

#include "refract/stats/effect_size.h"
#include "row_access.h"

namespace refract::evidence {
namespace {

constexpr std::array<const char*, 6> kRawColumns = {"n_arm1", "mean_arm1", "sd_arm1",
                                                    "n_arm2", "mean_arm2", "sd_arm2"};

// "Study, 2018 (instrument)", with the multi-arm specification when present.
std::string LabelOf(const RowAccess& row) {
  std::string label = row.Text("study");
  std::string arm = row.Text("multi_arm1");
  if (!arm.empty() && arm != "NA") label += " " + arm;
  std::string instrument = row.Text("instrument");
  if (!instrument.empty() && instrument != "NA") label += " (" + instrument + ")";
  return label;
}

// g from the raw means/SDs/ns; nullopt when one of them is missing.
StatusOr<std::optional<std::pair<double, double>>> RecomputeG(const RowAccess& row) {
  std::array<double, kRawColumns.size()> v{};
  for (size_t i = 0; i < kRawColumns.size(); ++i) {
    StatusOr<double> value = row.Number(kRawColumns[i]);
    if (!value.ok()) return value.status();
    if (std::isnan(*value)) return std::optional<std::pair<double, double>>();
    v[i] = *value;
  }
  stats::ContinuousRow raw{v[0], v[1], v[2], v[3], v[4], v[5]};
  StatusOr<stats::SmdDetail> smd = stats::SmdWithDetail(raw, stats::SmdVariance::kLargeSample, 1);
  if (!smd.ok()) {
    return Status::InvalidArgument(row.Where("mean_arm1..sd_arm2") + ": " + smd.status().message());
  }
  // Depression scores: lower is better, so arm 1 - arm 2 < 0 favours arm 1; flip to g > 0.
  return std::optional<std::pair<double, double>>(std::make_pair(-smd->yi, smd->vi));
}

// Fills yi/vi/source; returns false when the row has no usable data.
StatusOr<bool> ResolveEffect(const RowAccess& row, EffectRecord& record) {
  StatusOr<double> g = row.Number(".g");
  if (!g.ok()) return g.status();
  StatusOr<double> se = row.Number(".g_se");
  if (!se.ok()) return se.status();
  if (!std::isnan(*g) && !std::isnan(*se)) {
    if (!(*se > 0))
      return Status::InvalidArgument(row.Where(".g_se") + ": standard error must be > 0");
    record.yi = *g;
    record.vi = *se * *se;
    record.source = EffectSource::kGiven;
    return true;
  }
  StatusOr<std::optional<std::pair<double, double>>> raw = RecomputeG(row);
  if (!raw.ok()) return raw.status();
  if (!raw->has_value()) return false;
  record.yi = (*raw)->first;
  record.vi = (*raw)->second;
  record.source = EffectSource::kComputedFromRaw;
  return true;
}

}  // namespace

namespace {

Status CheckHeader(const CsvTable& table) {
  for (const char* required : {"study", ".g", ".g_se"}) {
    if (!table.ColumnIndex(required)) {
      return Status::InvalidArgument(std::string("column '") + required +
                                     "': required by the "
                                     "Metapsy data standard but missing from the header");
    }
  }
  return Status::Ok();
}

Status MapRecord(const CsvTable& table, const CsvRecord& record, const AttributeColumns& attributes,
                 MetapsyData& data) {
  RowAccess row(table, record, kMetapsyDialect.decimal_mark);
  EffectRecord effect;
  StatusOr<bool> usable = ResolveEffect(row, effect);
  if (!usable.ok()) return usable.status();
  if (!*usable) {
    data.skipped.push_back("line " + std::to_string(record.line) +
                           ": no .g/.g_se and no complete means/SDs/ns");
    return Status::Ok();
  }
  (effect.source == EffectSource::kGiven ? data.from_database : data.recomputed)++;
  effect.study = row.Text("study");
  effect.label = LabelOf(row);
  effect.line = record.line;
  effect.attributes = row.Attributes(attributes);
  data.comparisons.push_back(std::move(effect));
  return Status::Ok();
}

bool IsInputColumn(std::string_view name) {
  for (const char* fixed : {"study", ".g", ".g_se", "multi_arm1", "instrument"}) {
    if (name == fixed) return true;
  }
  return std::find(kRawColumns.begin(), kRawColumns.end(), name) != kRawColumns.end();
}

}  // namespace

StatusOr<MetapsyData> MapMetapsy(const CsvTable& table) {
  if (Status status = CheckHeader(table); !status.ok()) return status;
  MetapsyData data;
  for (const CsvRecord& record : table.records) {
    if (Status status = MapRecord(table, record, std::nullopt, data); !status.ok()) return status;
  }
  return data;
}

StatusOr<MetapsyData> ReadMetapsy(std::string_view bytes, std::span<const std::string> attributes) {
  MetapsyData data;
  data.comparisons.reserve(static_cast<size_t>(std::count(bytes.begin(), bytes.end(), '\n')));
  bool checked = false;
  auto keep = [attributes](std::string_view name) {
    return IsInputColumn(name) ||
           std::find(attributes.begin(), attributes.end(), name) != attributes.end();
  };
  StatusOr<CsvTable> header =
      StreamCsv(bytes, kMetapsyDialect, keep, [&](const CsvTable& table, const CsvRecord& record) {
        if (!checked) {
          if (Status status = CheckHeader(table); !status.ok()) return status;
          checked = true;
        }
        return MapRecord(table, record, attributes, data);
      });
  if (!header.ok()) return header.status();
  if (!checked) {
    if (Status status = CheckHeader(*header); !status.ok()) return status;
  }
  return data;
}

}  // namespace refract::evidence
