#include "date_json.h"

namespace refract::io_internal {

DateImputation ImputationRule(const KnowledgeBase& knowledge) {
  auto value = [&](ParamId id) { return static_cast<int>(knowledge.Param(id).value); };
  return {value("dates.imputed_day_of_month"), value("dates.imputed_month_of_year"),
          value("dates.imputed_day_of_year_month")};
}

std::optional<ImputedDate> ReadRecordDate(ObjectReader& reader, std::string_view key, Need need,
                                          const RecordDates& dates, ErrorList& errors) {
  if (reader.IsNumber(key)) {  // a year typed without quotes reads as a number in YAML
    reader.Number(key, need, -1e300, 1e300);
    errors.Add(reader.PathOf(key),
               "must be a date written as text: put a year alone in quotes (\"1978\")");
    return std::nullopt;
  }
  std::optional<std::string> text = reader.String(key, need);
  if (!text) return std::nullopt;
  std::optional<RecordedDate> recorded = ParseRecordedDate(*text);
  if (!recorded) {
    errors.Add(
        reader.PathOf(key),
        "must be a date YYYY-MM-DD, YYYY-MM (year-month) or YYYY (year) (got '" + *text + "')");
    return std::nullopt;
  }
  if (recorded->first_day > dates.as_of) {  // not imputed: ValidateRecord reports it
    return ImputedDate{recorded->first_day, std::nullopt};
  }
  return Impute(*recorded, dates.rule, dates.as_of);
}

}  // namespace refract::io_internal
