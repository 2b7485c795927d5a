#include "refract/omop/csv_source.h"

#include <fmt/format.h>

#include <cctype>
#include <charconv>
#include <filesystem>
#include <functional>
#include <limits>

#include "csv_stream.h"

namespace refract::omop {
namespace {

using internal::CsvRecord;
using internal::CsvStream;

// "PERSON.csv" or "person.csv" in `directory`, or "" when neither exists.
std::string TablePath(const std::string& directory, const std::string& table) {
  std::string lower = table;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const std::string& name : {table + ".csv", lower + ".csv"}) {
    const std::filesystem::path path = std::filesystem::path(directory) / name;
    if (std::filesystem::exists(path)) return path.string();
  }
  return "";
}

// Typed access to the named columns of one record, collecting the first malformed value.
class Row {
 public:
  Row(const CsvStream& stream, const CsvRecord& fields) : stream_(stream), fields_(fields) {}

  std::string_view Text(std::optional<size_t> column) const {
    return column ? fields_[*column] : std::string_view();
  }

  template <typename Number>
  std::optional<Number> Get(std::optional<size_t> column, const char* field) {
    const std::string_view text = Text(column);
    if (text.empty()) return std::nullopt;
    Number value{};
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size()) {
      Fail(field, "not a number");
      return std::nullopt;
    }
    return value;
  }

  std::optional<Date> GetDate(std::optional<size_t> column, const char* field) {
    const std::string_view text = Text(column);
    if (text.empty()) return std::nullopt;
    std::optional<Date> date = Date::Parse(text.substr(0, 10));
    if (!date || (text.size() > 10 && text[10] != ' ' && text[10] != 'T')) {
      Fail(field, "not a date (YYYY-MM-DD)");
    }
    return date;
  }

  Date RequireDate(std::optional<size_t> column, const char* field) {
    std::optional<Date> date = GetDate(column, field);
    if (!date && error_.empty()) Fail(field, "is required");
    return date.value_or(Date());
  }

  Status status() const { return error_.empty() ? Status::Ok() : Status::InvalidArgument(error_); }

 private:
  void Fail(const char* field, const char* rule) {
    if (error_.empty())
      error_ = fmt::format("{} row {}: {}: {}", stream_.name(), stream_.row(), field, rule);
  }
  const CsvStream& stream_;
  const CsvRecord& fields_;
  std::string error_;
};

// One person table read in step with person.csv.
class TableCursor {
 public:
  using Consume = std::function<Status(Row&)>;

  static StatusOr<TableCursor> Open(const std::string& directory, const std::string& table,
                                    Consume consume, std::vector<std::string>& warnings) {
    TableCursor cursor;
    cursor.consume_ = std::move(consume);
    const std::string path = TablePath(directory, table);
    if (path.empty()) {
      warnings.push_back(table + ".csv not found: read as an empty table");
      return cursor;
    }
    StatusOr<std::unique_ptr<CsvStream>> stream = CsvStream::Open(path, table + ".csv");
    if (!stream.ok()) return stream.status();
    cursor.stream_ = std::move(*stream);
    cursor.person_column_ = cursor.stream_->Column("person_id");
    if (!cursor.person_column_) {
      return Status::InvalidArgument(table + ".csv: header has no person_id column");
    }
    Status status = cursor.Advance();
    if (!status.ok()) return status;
    return cursor;
  }

  std::optional<size_t> Column(const std::string& name) const {
    return stream_ ? stream_->Column(name) : std::nullopt;
  }

  // Consumes the rows of `person_id`; rows of persons before it (not in person.csv) are skipped
  // and counted.
  Status ReadPerson(std::int64_t person_id) {
    while (peeked_ && peeked_person_ <= person_id) {
      if (peeked_person_ < person_id) {
        ++orphans_;
      } else {
        Row row(*stream_, fields_);
        Status status = consume_(row);
        if (!status.ok()) return status;
        status = row.status();
        if (!status.ok()) return status;
      }
      Status status = Advance();
      if (!status.ok()) return status;
    }
    return Status::Ok();
  }

  // Rows skipped because their person is not in person.csv (complete after DrainOrphans).
  long Orphans() const { return orphans_; }
  const std::string Name() const { return stream_ ? stream_->name() : ""; }
  void SetConsume(Consume consume) { consume_ = std::move(consume); }
  Status DrainOrphans() {
    while (peeked_) {
      ++orphans_;
      Status status = Advance();
      if (!status.ok()) return status;
    }
    return Status::Ok();
  }

 private:
  Status Advance() {
    StatusOr<bool> more = stream_->Next(fields_);
    if (!more.ok()) return more.status();
    peeked_ = *more;
    if (!peeked_) return Status::Ok();
    Row row(*stream_, fields_);
    std::optional<std::int64_t> person = row.Get<std::int64_t>(person_column_, "person_id");
    if (!row.status().ok()) return row.status();
    if (!person) {
      return Status::InvalidArgument(
          fmt::format("{} row {}: person_id: is required", stream_->name(), stream_->row()));
    }
    if (*person < peeked_person_) {
      return Status::InvalidArgument(fmt::format(
          "{} row {}: person_id {} after {}: the file must be sorted by person_id (sort it with "
          "tools/omop/sort_csv.py; docs/omop.md)",
          stream_->name(), stream_->row(), *person, peeked_person_));
    }
    peeked_person_ = *person;
    return Status::Ok();
  }

  std::unique_ptr<CsvStream> stream_;
  std::optional<size_t> person_column_;
  CsvRecord fields_;
  bool peeked_ = false;
  std::int64_t peeked_person_ = std::numeric_limits<std::int64_t>::min();
  long orphans_ = 0;
  Consume consume_;
};

class CsvSource final : public PersonSource {
 public:
  static StatusOr<std::unique_ptr<PersonSource>> Open(const std::string& directory);
  StatusOr<Vocabulary> ReadVocabulary(const VocabularyRequest& request) override;
  StatusOr<bool> Next(PersonRows& rows) override;
  std::vector<std::string> Warnings() const override { return warnings_; }

 private:
  Status OpenTables();
  Status ReadConcepts(const VocabularyRequest& request, Vocabulary& vocabulary);
  Status ReadAncestors(const std::set<ConceptId>& ancestors, Vocabulary& vocabulary);
  Status ReadStrengths(const std::set<ConceptId>& ingredients, Vocabulary& vocabulary);
  Status ReadVocabularyTable(const std::string& table,
                             const std::function<Status(CsvStream&, Row&)>& keep);

  std::string directory_;
  std::unique_ptr<CsvStream> person_;
  CsvRecord person_fields_;  // reused from person to person
  std::vector<TableCursor> tables_;
  PersonRows* current_ = nullptr;
  std::int64_t last_person_ = std::numeric_limits<std::int64_t>::min();
  std::vector<std::string> warnings_;
};

StatusOr<std::unique_ptr<PersonSource>> CsvSource::Open(const std::string& directory) {
  auto source = std::make_unique<CsvSource>();
  source->directory_ = directory;
  const std::string path = TablePath(directory, "PERSON");
  if (path.empty()) return Status::NotFound("no PERSON.csv (or person.csv) in " + directory);
  StatusOr<std::unique_ptr<CsvStream>> person = CsvStream::Open(path, "PERSON.csv");
  if (!person.ok()) return person.status();
  source->person_ = std::move(*person);
  if (!source->person_->Column("person_id")) {
    return Status::InvalidArgument("PERSON.csv: header has no person_id column");
  }
  Status status = source->OpenTables();
  if (!status.ok()) return status;
  return std::unique_ptr<PersonSource>(std::move(source));
}

Status CsvSource::OpenTables() {
  struct Spec {
    const char* table;
    std::function<TableCursor::Consume(TableCursor&)> make;
  };
  const std::vector<Spec> specs = {
      {"CONDITION_OCCURRENCE",
       [this](TableCursor& t) -> TableCursor::Consume {
         auto id = t.Column("condition_concept_id"), start = t.Column("condition_start_date"),
              end = t.Column("condition_end_date");
         return [=, this](Row& row) {
           current_->conditions.push_back(
               {row.Get<ConceptId>(id, "condition_concept_id").value_or(0),
                row.RequireDate(start, "condition_start_date"),
                row.GetDate(end, "condition_end_date")});
           return Status::Ok();
         };
       }},
      {"DRUG_EXPOSURE",
       [this](TableCursor& t) -> TableCursor::Consume {
         auto id = t.Column("drug_concept_id"), start = t.Column("drug_exposure_start_date"),
              end = t.Column("drug_exposure_end_date"), quantity = t.Column("quantity"),
              supply = t.Column("days_supply");
         return [=, this](Row& row) {
           current_->drugs.push_back({row.Get<ConceptId>(id, "drug_concept_id").value_or(0),
                                      row.RequireDate(start, "drug_exposure_start_date"),
                                      row.GetDate(end, "drug_exposure_end_date"),
                                      row.Get<double>(quantity, "quantity"),
                                      row.Get<int>(supply, "days_supply")});
           return Status::Ok();
         };
       }},
      {"PROCEDURE_OCCURRENCE",
       [this](TableCursor& t) -> TableCursor::Consume {
         auto id = t.Column("procedure_concept_id"), date = t.Column("procedure_date"),
              quantity = t.Column("quantity");
         return [=, this](Row& row) {
           current_->procedures.push_back(
               {row.Get<ConceptId>(id, "procedure_concept_id").value_or(0),
                row.RequireDate(date, "procedure_date"), row.Get<int>(quantity, "quantity")});
           return Status::Ok();
         };
       }},
      {"MEASUREMENT",
       [this](TableCursor& t) -> TableCursor::Consume {
         auto id = t.Column("measurement_concept_id"), date = t.Column("measurement_date"),
              value = t.Column("value_as_number");
         return [=, this](Row& row) {
           current_->measurements.push_back(
               {row.Get<ConceptId>(id, "measurement_concept_id").value_or(0),
                row.RequireDate(date, "measurement_date"),
                row.Get<double>(value, "value_as_number")});
           return Status::Ok();
         };
       }},
      {"OBSERVATION",
       [this](TableCursor& t) -> TableCursor::Consume {
         auto id = t.Column("observation_concept_id"), date = t.Column("observation_date"),
              value = t.Column("value_as_number");
         return [=, this](Row& row) {
           current_->observations.push_back(
               {row.Get<ConceptId>(id, "observation_concept_id").value_or(0),
                row.RequireDate(date, "observation_date"),
                row.Get<double>(value, "value_as_number")});
           return Status::Ok();
         };
       }},
  };
  for (const Spec& spec : specs) {
    StatusOr<TableCursor> cursor = TableCursor::Open(directory_, spec.table, nullptr, warnings_);
    if (!cursor.ok()) return cursor.status();
    cursor->SetConsume(spec.make(*cursor));
    tables_.push_back(std::move(*cursor));
  }
  return Status::Ok();
}

StatusOr<bool> CsvSource::Next(PersonRows& rows) {
  StatusOr<bool> more = person_->Next(person_fields_);
  if (!more.ok()) return more.status();
  if (!*more) {
    for (TableCursor& table : tables_) {
      Status status = table.DrainOrphans();
      if (!status.ok()) return status;
      if (table.Orphans() > 0) {
        warnings_.push_back(fmt::format("{}: {} rows whose person_id is not in PERSON.csv skipped",
                                        table.Name(), table.Orphans()));
      }
    }
    return false;
  }
  Row row(*person_, person_fields_);
  rows.Clear();
  rows.person.person_id =
      row.Get<std::int64_t>(person_->Column("person_id"), "person_id").value_or(0);
  rows.person.year_of_birth = row.Get<int>(person_->Column("year_of_birth"), "year_of_birth");
  rows.person.month_of_birth = row.Get<int>(person_->Column("month_of_birth"), "month_of_birth");
  rows.person.day_of_birth = row.Get<int>(person_->Column("day_of_birth"), "day_of_birth");
  rows.person.gender_concept_id =
      row.Get<ConceptId>(person_->Column("gender_concept_id"), "gender_concept_id").value_or(0);
  if (!row.status().ok()) return row.status();
  if (rows.person.person_id <= last_person_) {
    return Status::InvalidArgument(fmt::format(
        "PERSON.csv row {}: person_id {} after {}: the file must be sorted by person_id (sort it "
        "with tools/omop/sort_csv.py; docs/omop.md)",
        person_->row(), rows.person.person_id, last_person_));
  }
  last_person_ = rows.person.person_id;
  current_ = &rows;
  for (TableCursor& table : tables_) {
    Status status = table.ReadPerson(rows.person.person_id);
    if (!status.ok()) return status;
  }
  current_ = nullptr;
  return true;
}

Status CsvSource::ReadVocabularyTable(const std::string& table,
                                      const std::function<Status(CsvStream&, Row&)>& keep) {
  const std::string path = TablePath(directory_, table);
  if (path.empty()) {
    warnings_.push_back(table + ".csv not found: read as an empty table");
    return Status::Ok();
  }
  StatusOr<std::unique_ptr<CsvStream>> stream = CsvStream::Open(path, table + ".csv");
  if (!stream.ok()) return stream.status();
  CsvRecord fields;
  while (true) {
    StatusOr<bool> more = (*stream)->Next(fields);
    if (!more.ok()) return more.status();
    if (!*more) return Status::Ok();
    Row row(**stream, fields);
    Status status = keep(**stream, row);
    if (!status.ok()) return status;
    if (!row.status().ok()) return row.status();
  }
}

Status CsvSource::ReadConcepts(const VocabularyRequest& request, Vocabulary& vocabulary) {
  return ReadVocabularyTable("CONCEPT", [&](CsvStream& stream, Row& row) {
    const std::pair<std::string, std::string> key{
        std::string(row.Text(stream.Column("vocabulary_id"))),
        std::string(row.Text(stream.Column("concept_code")))};
    if (!request.codes.contains(key)) return Status::Ok();
    std::optional<ConceptId> id = row.Get<ConceptId>(stream.Column("concept_id"), "concept_id");
    if (id) vocabulary.concept_ids[key] = *id;
    return Status::Ok();
  });
}

Status CsvSource::ReadAncestors(const std::set<ConceptId>& ancestors, Vocabulary& vocabulary) {
  return ReadVocabularyTable("CONCEPT_ANCESTOR", [&](CsvStream& stream, Row& row) {
    vocabulary.concept_ancestor_empty = false;
    std::optional<ConceptId> ancestor =
        row.Get<ConceptId>(stream.Column("ancestor_concept_id"), "ancestor_concept_id");
    std::optional<ConceptId> descendant =
        row.Get<ConceptId>(stream.Column("descendant_concept_id"), "descendant_concept_id");
    if (ancestor && descendant && *ancestor != *descendant && ancestors.contains(*ancestor)) {
      vocabulary.ancestors[*descendant].push_back(*ancestor);
    }
    return Status::Ok();
  });
}

Status CsvSource::ReadStrengths(const std::set<ConceptId>& ingredients, Vocabulary& vocabulary) {
  return ReadVocabularyTable("DRUG_STRENGTH", [&](CsvStream& stream, Row& row) {
    vocabulary.drug_strength_empty = false;
    DrugStrength strength;
    std::optional<ConceptId> drug =
        row.Get<ConceptId>(stream.Column("drug_concept_id"), "drug_concept_id");
    strength.ingredient_concept_id =
        row.Get<ConceptId>(stream.Column("ingredient_concept_id"), "ingredient_concept_id")
            .value_or(0);
    if (!drug || !ingredients.contains(strength.ingredient_concept_id)) return Status::Ok();
    strength.amount_value = row.Get<double>(stream.Column("amount_value"), "amount_value");
    strength.amount_unit_concept_id =
        row.Get<ConceptId>(stream.Column("amount_unit_concept_id"), "amount_unit_concept_id")
            .value_or(0);
    strength.numerator_value = row.Get<double>(stream.Column("numerator_value"), "numerator_value");
    strength.numerator_unit_concept_id =
        row.Get<ConceptId>(stream.Column("numerator_unit_concept_id"), "numerator_unit_concept_id")
            .value_or(0);
    strength.denominator_value =
        row.Get<double>(stream.Column("denominator_value"), "denominator_value");
    vocabulary.strengths[*drug].push_back(strength);
    return Status::Ok();
  });
}

StatusOr<Vocabulary> CsvSource::ReadVocabulary(const VocabularyRequest& request) {
  Vocabulary vocabulary;
  Status status = ReadConcepts(request, vocabulary);
  if (!status.ok()) return status;
  std::set<ConceptId> ancestors = request.ancestors;
  for (const auto& [code, id] : vocabulary.concept_ids) ancestors.insert(id);
  status = ReadAncestors(ancestors, vocabulary);
  if (!status.ok()) return status;
  status = ReadStrengths(ancestors, vocabulary);
  if (!status.ok()) return status;
  return vocabulary;
}

}  // namespace

StatusOr<std::unique_ptr<PersonSource>> OpenCsvSource(const std::string& directory) {
  return CsvSource::Open(directory);
}

}  // namespace refract::omop
