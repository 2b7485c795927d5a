// Reading the dates of a refract-patient/1 record (private to refract::io; docs/patient-record.md,
// "Dates" and "Partial dates"). Every date but `as_of` may be "YYYY-MM-DD", "YYYY-MM" or "YYYY": a
// partial date is imputed by the knowledge rule (dates.imputed_*, domain/partial_date.h), and the
// field's PartialDate keeps its precision and possible days. Any reader of the same JSON tree (a
// YAML front end, say) gets the same dates.
#pragma once

#include <optional>
#include <string_view>

#include "json_reader.h"
#include "refract/domain/partial_date.h"
#include "refract/knowledge/knowledge.h"

namespace refract::io_internal {

// What every date of one record is read against.
struct RecordDates {
  Date as_of;
  DateImputation rule;
};

// The imputation rule from knowledge parameters dates.imputed_day_of_month,
// dates.imputed_month_of_year and dates.imputed_day_of_year_month.
DateImputation ImputationRule(const KnowledgeBase& knowledge);

// Reads `key` as a day, month or year; reports a malformed date ("must be a date YYYY-MM-DD,
// YYYY-MM (year-month) or YYYY (year) (got '2024-13')"). A date whose period starts after as_of is
// returned as that first day, not imputed: the record rules report it (domain/record_rules.h).
// nullopt when absent or invalid.
std::optional<ImputedDate> ReadRecordDate(ObjectReader& reader, std::string_view key, Need need,
                                          const RecordDates& dates, ErrorList& errors);

}  // namespace refract::io_internal
