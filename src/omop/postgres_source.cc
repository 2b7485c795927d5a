// The PostgreSQL person source (omop/postgres_source.h): ordered server-side cursors merged on
// person_id, with the concept filter pushed into each query.
#include "refract/omop/postgres_source.h"

#include <fmt/format.h>

#include <charconv>
#include <cstdint>
#include <limits>
#include <optional>
#include <pqxx/pqxx>
#include <regex>
#include <set>

namespace refract::omop {
namespace {

constexpr int kFetchRows = 20000;

bool IsPlainName(std::string_view name) {
  static const std::regex kName("[a-z_][a-z0-9_]*");
  return std::regex_match(name.begin(), name.end(), kName);
}

// '{1,2,3}': an integer[] literal for `= ANY(...)` on the CDM's concept id columns, which are
// integer: of the same type, PostgreSQL looks each row's id up in a hash table built once instead
// of comparing it with every element (a bigint[] against an integer column is compared element by
// element). Ids outside the integer range match no row and are left out.
std::string ArrayLiteral(const std::set<ConceptId>& ids) {
  std::string text = "'{";
  for (ConceptId id : ids) {
    if (id < std::numeric_limits<std::int32_t>::min() ||
        id > std::numeric_limits<std::int32_t>::max())
      continue;
    text += (text.size() > 2 ? "," : "") + std::to_string(id);
  }
  return text + "}'::integer[]";
}

// A field read with its table and column named in the error.
class FieldReader {
 public:
  FieldReader(std::string_view table, const pqxx::row& row) : table_(table), row_(row) {}

  std::int64_t Int(int column) const { return row_[column].as<std::int64_t>(); }
  template <typename T>
  std::optional<T> Optional(int column) const {
    if (row_[column].is_null()) return std::nullopt;
    return row_[column].as<T>();
  }
  // A numeric column: std::from_chars reads PostgreSQL's text form (pqxx 6 parses floating point
  // through a string stream); what it does not read whole goes to pqxx, whose errors stand.
  std::optional<double> OptionalNumber(int column) const {
    const pqxx::field field = row_[column];
    if (field.is_null()) return std::nullopt;
    const char* text = field.c_str();
    double value = 0;
    const auto [end, error] = std::from_chars(text, text + field.size(), value);
    if (error == std::errc() && end == text + field.size()) return value;
    return field.as<double>();
  }
  StatusOr<Date> DateAt(int column) const {
    std::optional<Date> date = Date::Parse(row_[column].c_str());
    if (!date) {
      return Status::InvalidArgument(fmt::format("{}.{}: person_id {}: not a YYYY-MM-DD date: '{}'",
                                                 table_, row_[column].name(), Int(0),
                                                 row_[column].c_str()));
    }
    return *date;
  }
  StatusOr<std::optional<Date>> OptionalDateAt(int column) const {
    if (row_[column].is_null()) return std::optional<Date>();
    StatusOr<Date> date = DateAt(column);
    if (!date.ok()) return date.status();
    return std::optional<Date>(*date);
  }

 private:
  std::string_view table_;
  const pqxx::row& row_;
};

StatusOr<ConditionRow> ParseCondition(const FieldReader& field) {
  StatusOr<Date> start = field.DateAt(2);
  if (!start.ok()) return start.status();
  StatusOr<std::optional<Date>> end = field.OptionalDateAt(3);
  if (!end.ok()) return end.status();
  return ConditionRow{field.Int(1), *start, *end};
}

StatusOr<DrugRow> ParseDrug(const FieldReader& field) {
  StatusOr<Date> start = field.DateAt(2);
  if (!start.ok()) return start.status();
  StatusOr<std::optional<Date>> end = field.OptionalDateAt(3);
  if (!end.ok()) return end.status();
  return DrugRow{field.Int(1), *start, *end, field.OptionalNumber(4), field.Optional<int>(5)};
}

StatusOr<ProcedureRow> ParseProcedure(const FieldReader& field) {
  StatusOr<Date> date = field.DateAt(2);
  if (!date.ok()) return date.status();
  return ProcedureRow{field.Int(1), *date, field.Optional<int>(3)};
}

StatusOr<ValueRow> ParseValue(const FieldReader& field) {
  StatusOr<Date> date = field.DateAt(2);
  if (!date.ok()) return date.status();
  return ValueRow{field.Int(1), *date, field.OptionalNumber(3)};
}

// Removes "NAME=VALUE" from the URI's query string and returns VALUE (nullopt when absent).
std::optional<std::string> TakeParameter(std::string& uri, std::string_view name) {
  const std::string key = std::string(name) + "=";
  for (std::size_t at = uri.find(key); at != std::string::npos; at = uri.find(key, at + 1)) {
    if (at == 0 || (uri[at - 1] != '?' && uri[at - 1] != '&')) continue;
    const std::size_t end = uri.find('&', at);
    std::string value = uri.substr(
        at + key.size(), end == std::string::npos ? std::string::npos : end - at - key.size());
    // Drop the parameter with one separator, keeping the rest of the query well formed.
    if (end != std::string::npos) {
      uri.erase(at, end + 1 - at);
    } else {
      uri.erase(at - 1);
    }
    return value;
  }
  return std::nullopt;
}

// One ordered server-side cursor (person_id is column 0), fetched kFetchRows at a time.
class Cursor {
 public:
  Cursor(pqxx::work& transaction, std::string table, const std::string& query)
      : transaction_(transaction), table_(std::move(table)), name_("refract_" + table_) {
    transaction_.exec("DECLARE " + name_ + " NO SCROLL CURSOR FOR " + query);
  }

  const std::string& table() const { return table_; }

  // The current row's person_id, or nullopt at the end (read once per row: the readers ask for it
  // again at every person).
  std::optional<std::int64_t> PersonId() {
    if (!Fill()) return std::nullopt;
    if (!person_id_)
      person_id_ = batch_[static_cast<pqxx::result::size_type>(index_)][0].as<std::int64_t>();
    return person_id_;
  }
  pqxx::row Row() const { return batch_[static_cast<pqxx::result::size_type>(index_)]; }
  void Advance() {
    ++index_;
    person_id_.reset();
  }

 private:
  bool Fill() {
    if (index_ < static_cast<std::size_t>(batch_.size())) return true;
    if (done_) return false;
    batch_ = transaction_.exec(fmt::format("FETCH FORWARD {} FROM {}", kFetchRows, name_));
    index_ = 0;
    done_ = batch_.empty();
    return !done_;
  }

  pqxx::work& transaction_;
  std::string table_;
  std::string name_;
  pqxx::result batch_;
  std::size_t index_ = 0;
  std::optional<std::int64_t> person_id_;  // of row index_, once read
  bool done_ = false;
};

class PostgresSource final : public PersonSource {
 public:
  PostgresSource(std::unique_ptr<pqxx::connection> connection, const PostgresSpec& spec)
      : connection_(std::move(connection)),
        transaction_(std::make_unique<pqxx::work>(*connection_)),
        schema_(spec.schema),
        person_filter_(spec.persons ? fmt::format(" AND person_id BETWEEN {} AND {}",
                                                  spec.persons->first, spec.persons->second)
                                    : "") {
    transaction_->exec("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
    transaction_->exec("SET LOCAL DateStyle TO ISO");
    // The cursors are read to the end: plan them for all their rows, not the first ones.
    transaction_->exec("SET LOCAL cursor_tuple_fraction TO 1.0");
  }

  StatusOr<Vocabulary> ReadVocabulary(const VocabularyRequest& request) override {
    try {
      Vocabulary vocabulary;
      ReadConceptIds(request, vocabulary);
      std::set<ConceptId> wanted = request.ancestors;
      for (const auto& [code, id] : vocabulary.concept_ids) wanted.insert(id);
      ReadAncestors(wanted, vocabulary);
      ReadStrengths(wanted, vocabulary);
      OpenCursors(ConceptsOfInterest(wanted, vocabulary));
      return vocabulary;
    } catch (const std::exception& error) {
      return Status::Unavailable(fmt::format("PostgreSQL source, vocabulary: {}", error.what()));
    }
  }

  StatusOr<bool> Next(PersonRows& rows) override {
    if (!person_) return Status::FailedPrecondition("ReadVocabulary must run before Next");
    try {
      std::optional<std::int64_t> person_id = person_->PersonId();
      if (!person_id) {
        CountTrailingOrphans();
        return false;
      }
      rows.Clear();
      const pqxx::row person = person_->Row();
      rows.person.person_id = *person_id;
      FieldReader field("person", person);
      rows.person.year_of_birth = field.Optional<int>(1);
      rows.person.month_of_birth = field.Optional<int>(2);
      rows.person.day_of_birth = field.Optional<int>(3);
      rows.person.gender_concept_id = field.Optional<ConceptId>(4).value_or(0);
      person_->Advance();
      Status status = Collect(*conditions_, *person_id, rows.conditions, ParseCondition);
      if (status.ok()) status = Collect(*drugs_, *person_id, rows.drugs, ParseDrug);
      if (status.ok()) status = Collect(*procedures_, *person_id, rows.procedures, ParseProcedure);
      if (status.ok()) status = Collect(*measurements_, *person_id, rows.measurements, ParseValue);
      if (status.ok()) status = Collect(*observations_, *person_id, rows.observations, ParseValue);
      if (!status.ok()) return status;
      return true;
    } catch (const std::exception& error) {
      return Status::Unavailable(fmt::format("PostgreSQL source: {}", error.what()));
    }
  }

  std::vector<std::string> Warnings() const override { return warnings_; }

 private:
  std::string Table(std::string_view name) const { return schema_ + "." + std::string(name); }

  void ReadConceptIds(const VocabularyRequest& request, Vocabulary& vocabulary) {
    if (request.codes.empty()) return;
    std::string values;
    for (const auto& [vocabulary_id, code] : request.codes) {
      values += fmt::format("{}({},{})", values.empty() ? "" : ",",
                            transaction_->quote(vocabulary_id), transaction_->quote(code));
    }
    // The lowest concept_id wins when a code has several concepts.
    pqxx::result result =
        transaction_->exec(fmt::format("SELECT vocabulary_id, concept_code, concept_id FROM {} "
                                       "WHERE (vocabulary_id, concept_code) "
                                       "IN (VALUES {}) ORDER BY concept_id",
                                       Table("concept"), values));
    for (const pqxx::row& row : result) {
      vocabulary.concept_ids.emplace(std::pair(row[0].as<std::string>(), row[1].as<std::string>()),
                                     row[2].as<ConceptId>());
    }
  }

  void ReadAncestors(const std::set<ConceptId>& wanted, Vocabulary& vocabulary) {
    vocabulary.concept_ancestor_empty =
        transaction_
            ->exec1("SELECT NOT EXISTS (SELECT 1 FROM " + Table("concept_ancestor") + ")")[0]
            .as<bool>();
    if (wanted.empty() || vocabulary.concept_ancestor_empty) return;
    pqxx::result result = transaction_->exec(fmt::format(
        "SELECT descendant_concept_id, ancestor_concept_id FROM {} WHERE ancestor_concept_id = "
        "ANY({}) AND descendant_concept_id <> ancestor_concept_id ORDER BY 1, 2",
        Table("concept_ancestor"), ArrayLiteral(wanted)));
    for (const pqxx::row& row : result) {
      vocabulary.ancestors[row[0].as<ConceptId>()].push_back(row[1].as<ConceptId>());
    }
  }

  // The strength rows of the wanted ingredients.
  void ReadStrengths(const std::set<ConceptId>& wanted, Vocabulary& vocabulary) {
    vocabulary.drug_strength_empty =
        transaction_->exec1("SELECT NOT EXISTS (SELECT 1 FROM " + Table("drug_strength") + ")")[0]
            .as<bool>();
    if (wanted.empty() || vocabulary.drug_strength_empty) return;
    pqxx::result result = transaction_->exec(fmt::format(
        "SELECT drug_concept_id, ingredient_concept_id, amount_value, amount_unit_concept_id, "
        "numerator_value, numerator_unit_concept_id, denominator_value FROM {0} WHERE "
        "ingredient_concept_id = ANY({1}) ORDER BY drug_concept_id, ingredient_concept_id",
        Table("drug_strength"), ArrayLiteral(wanted)));
    for (const pqxx::row& row : result) {
      FieldReader field("drug_strength", row);
      vocabulary.strengths[row[0].as<ConceptId>()].push_back(
          DrugStrength{row[1].as<ConceptId>(), field.Optional<double>(2),
                       field.Optional<ConceptId>(3).value_or(0), field.Optional<double>(4),
                       field.Optional<ConceptId>(5).value_or(0), field.Optional<double>(6)});
    }
  }

  // The concepts whose rows the extraction can use: the wanted ids, their descendants and the
  // drug products with a strength row.
  static std::set<ConceptId> ConceptsOfInterest(std::set<ConceptId> wanted,
                                                const Vocabulary& vocabulary) {
    for (const auto& [descendant, ancestors] : vocabulary.ancestors) wanted.insert(descendant);
    for (const auto& [product, strengths] : vocabulary.strengths) wanted.insert(product);
    return wanted;
  }

  // One cursor per clinical table: the rows of the concepts of interest, then per person one row
  // of concept 0 carrying the latest date of the person's other rows (what the extraction reads
  // of them: the staging date is the day after the person's last dated row), so the other rows
  // stay in the database.
  void OpenCursors(const std::set<ConceptId>& concepts) {
    const std::string in = ArrayLiteral(concepts);
    person_ = std::make_unique<Cursor>(
        *transaction_, "person",
        "SELECT person_id, year_of_birth, month_of_birth, day_of_birth, gender_concept_id FROM " +
            Table("person") + " WHERE TRUE" + person_filter_ + " ORDER BY person_id");
    struct Clinical {
      std::string table, concept_column, columns, latest, other_columns, id;
    };
    const Clinical tables[] = {
        {"condition_occurrence", "condition_concept_id", "condition_start_date, condition_end_date",
         "GREATEST(condition_start_date, condition_end_date)", "NULL::date",
         "condition_occurrence_id"},
        {"drug_exposure", "drug_concept_id",
         "drug_exposure_start_date, drug_exposure_end_date, quantity, days_supply",
         "GREATEST(drug_exposure_start_date, drug_exposure_end_date, CASE WHEN "
         "drug_exposure_end_date IS NULL AND days_supply > 0 THEN drug_exposure_start_date + "
         "days_supply - 1 END)",
         "NULL::date, NULL::numeric, NULL::integer", "drug_exposure_id"},
        {"procedure_occurrence", "procedure_concept_id", "procedure_date, quantity",
         "procedure_date", "NULL::integer", "procedure_occurrence_id"},
        {"measurement", "measurement_concept_id", "measurement_date, value_as_number",
         "measurement_date", "NULL::numeric", "measurement_id"},
        {"observation", "observation_concept_id", "observation_date, value_as_number",
         "observation_date", "NULL::numeric", "observation_id"},
    };
    std::vector<std::unique_ptr<Cursor>*> targets = {&conditions_, &drugs_, &procedures_,
                                                     &measurements_, &observations_};
    for (std::size_t i = 0; i < targets.size(); ++i) {
      const Clinical& t = tables[i];
      const std::string query = fmt::format(
          "SELECT person_id, {1}, {2}, {5} AS row_key FROM {0} WHERE {1} = ANY({6}){7} "
          "UNION ALL SELECT person_id, 0, MAX({3}), {4}, NULL FROM {0} WHERE NOT ({1} = "
          "ANY({6})){7} "
          "GROUP BY person_id ORDER BY person_id, row_key NULLS LAST",
          Table(t.table), t.concept_column, t.columns, t.latest, t.other_columns, t.id, in,
          person_filter_);
      *targets[i] = std::make_unique<Cursor>(*transaction_, t.table, query);
    }
  }

  // Appends the cursor's rows of `person_id`; rows of a lower person_id have no person row.
  template <typename Row, typename Parse>
  Status Collect(Cursor& cursor, std::int64_t person_id, std::vector<Row>& out, Parse parse) {
    while (std::optional<std::int64_t> id = cursor.PersonId()) {
      if (*id > person_id) break;
      if (*id < person_id) {
        ++orphans_[cursor.table()];
      } else {
        const pqxx::row row = cursor.Row();
        StatusOr<Row> parsed = parse(FieldReader(cursor.table(), row));
        if (!parsed.ok()) return parsed.status();
        out.push_back(std::move(*parsed));
      }
      cursor.Advance();
    }
    return Status::Ok();
  }

  void CountTrailingOrphans() {
    if (finished_) return;
    finished_ = true;
    for (Cursor* cursor : {conditions_.get(), drugs_.get(), procedures_.get(), measurements_.get(),
                           observations_.get()}) {
      for (; cursor->PersonId(); cursor->Advance()) ++orphans_[cursor->table()];
    }
    for (const auto& [table, count] : orphans_) {
      warnings_.push_back(fmt::format(
          "{}: {} rows whose person_id is not in the person table (ignored)", table, count));
    }
  }

  std::unique_ptr<pqxx::connection> connection_;
  std::unique_ptr<pqxx::work> transaction_;
  std::string schema_;
  std::string person_filter_;  // "" or " AND person_id BETWEEN FIRST AND LAST"
  std::unique_ptr<Cursor> person_, conditions_, drugs_, procedures_, measurements_, observations_;
  std::map<std::string, long> orphans_;
  std::vector<std::string> warnings_;
  bool finished_ = false;
};

}  // namespace

StatusOr<PostgresSpec> ParsePostgresSpec(std::string_view text, std::string_view default_schema) {
  PostgresSpec spec;
  std::string uri(text);
  spec.schema = TakeParameter(uri, "schema").value_or(std::string(default_schema));
  if (!IsPlainName(spec.schema)) {
    return Status::InvalidFields({{"source.schema", fmt::format("'{}' is not a lower-case SQL name "
                                                                "([a-z_][a-z0-9_]*)",
                                                                spec.schema)}});
  }
  if (std::optional<std::string> persons = TakeParameter(uri, "persons")) {
    static const std::regex kRange("([0-9]+)-([0-9]+)");
    std::smatch match;
    if (!std::regex_match(*persons, match, kRange) || std::stoll(match[1]) > std::stoll(match[2])) {
      return Status::InvalidFields(
          {{"source.persons", fmt::format("'{}' is not FIRST-LAST with FIRST <= LAST", *persons)}});
    }
    spec.persons = std::pair(std::stoll(match[1]), std::stoll(match[2]));
  }
  spec.uri = uri;
  return spec;
}

StatusOr<std::unique_ptr<PersonSource>> OpenPostgresSource(const PostgresSpec& spec) {
  std::unique_ptr<pqxx::connection> connection;
  try {
    connection = std::make_unique<pqxx::connection>(spec.uri);
  } catch (const std::exception& error) {
    return Status::Unavailable(fmt::format("PostgreSQL source: cannot connect: {}", error.what()));
  }
  try {
    pqxx::nontransaction check(*connection);
    const bool found = check
                           .exec1("SELECT to_regclass(" + check.quote(spec.schema + ".person") +
                                  ") IS NOT NULL")[0]
                           .as<bool>();
    if (!found) {
      return Status::NotFound(fmt::format("PostgreSQL source: no table {}.person", spec.schema));
    }
  } catch (const std::exception& error) {
    return Status::Unavailable(fmt::format("PostgreSQL source: {}", error.what()));
  }
  return std::unique_ptr<PersonSource>(
      std::make_unique<PostgresSource>(std::move(connection), spec));
}

}  // namespace refract::omop
