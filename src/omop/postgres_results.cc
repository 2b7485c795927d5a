// The PostgreSQL results table of `refract cohort` (omop/postgres_results.h).
#include "refract/omop/postgres_results.h"

#include <fmt/format.h>

#include <pqxx/pqxx>
#include <tuple>
#include <vector>

namespace refract::omop {
namespace {

constexpr const char* kTable = "refract_cohort_results";

std::string Join(const std::vector<std::string>& items) {
  std::string joined;
  for (const std::string& item : items) joined += (joined.empty() ? "" : ";") + item;
  return joined;
}

// One COPY row: every field as text, nullptr for NULL.
using Text = const char*;
using Row = std::tuple<Text, Text, Text, Text, Text, Text, Text, Text, Text, Text, Text, Text, Text,
                       Text, Text, Text>;

const char* Bool(bool value) { return value ? "t" : "f"; }

class Writer final : public PostgresResultsWriter {
 public:
  Writer(std::unique_ptr<pqxx::connection> connection, const std::string& schema,
         const std::string& run_id)
      : connection_(std::move(connection)), transaction_(*connection_), run_id_(run_id) {
    const std::string table = schema + "." + kTable;
    transaction_.exec("CREATE SCHEMA IF NOT EXISTS " + schema);
    transaction_.exec(
        "CREATE TABLE IF NOT EXISTS " + table +
        " (run_id text NOT NULL, person_id bigint NOT NULL, status text NOT NULL, "
        "rule text NOT NULL, model text NOT NULL, summary text, stage integer, "
        "meets boolean, applicable boolean, provisional boolean, "
        "provisional_reasons text, counted_trials text, "
        "adequate_antidepressant_trials integer NOT NULL, "
        "psychotherapy_never_adequate boolean NOT NULL, self_harm_alert boolean NOT "
        "NULL, assumptions text NOT NULL, PRIMARY KEY (run_id, person_id, rule, model))");
    transaction_.exec("DELETE FROM " + table + " WHERE run_id = " + transaction_.quote(run_id));
    stream_ = std::make_unique<pqxx::stream_to>(
        transaction_, table,
        std::vector<std::string>{"run_id", "person_id", "status", "rule", "model", "summary",
                                 "stage", "meets", "applicable", "provisional",
                                 "provisional_reasons", "counted_trials",
                                 "adequate_antidepressant_trials", "psychotherapy_never_adequate",
                                 "self_harm_alert", "assumptions"});
  }

  Status Write(const PersonResult& result) override {
    try {
      const std::string person = std::to_string(result.person_id);
      const std::string adequate = std::to_string(result.adequate_antidepressant_trials);
      const std::string assumptions = Join(result.assumptions);
      if (result.models.empty()) {
        *stream_ << Row{run_id_.c_str(),
                        person.c_str(),
                        result.status.c_str(),
                        "",
                        "",
                        Text{},
                        Text{},
                        Text{},
                        Text{},
                        Text{},
                        Text{},
                        Text{},
                        adequate.c_str(),
                        Bool(result.psychotherapy_never_adequate),
                        Bool(result.self_harm_alert),
                        assumptions.c_str()};
        return Status::Ok();
      }
      for (const ModelOutcome& model : result.models) {
        const std::string stage = model.stage ? std::to_string(*model.stage) : "";
        const std::string reasons = Join(model.provisional_reasons);
        const std::string trials = Join(model.counted_trials);
        *stream_ << Row{run_id_.c_str(),
                        person.c_str(),
                        result.status.c_str(),
                        model.rule.c_str(),
                        model.model_id.c_str(),
                        model.summary.c_str(),
                        model.stage ? stage.c_str() : Text{},
                        model.meets ? Bool(*model.meets) : Text{},
                        Bool(model.applicable),
                        Bool(model.provisional),
                        reasons.c_str(),
                        trials.c_str(),
                        adequate.c_str(),
                        Bool(result.psychotherapy_never_adequate),
                        Bool(result.self_harm_alert),
                        assumptions.c_str()};
      }
      return Status::Ok();
    } catch (const std::exception& error) {
      return Status::Unavailable(fmt::format("PostgreSQL results: {}", error.what()));
    }
  }

  Status Commit() override {
    try {
      stream_->complete();
      transaction_.commit();
      return Status::Ok();
    } catch (const std::exception& error) {
      return Status::Unavailable(fmt::format("PostgreSQL results: {}", error.what()));
    }
  }

 private:
  std::unique_ptr<pqxx::connection> connection_;
  pqxx::work transaction_;
  std::string run_id_;
  std::unique_ptr<pqxx::stream_to> stream_;
};

}  // namespace

StatusOr<std::unique_ptr<PostgresResultsWriter>> PostgresResultsWriter::Open(
    const PostgresSpec& spec, const std::string& run_id) {
  try {
    auto connection = std::make_unique<pqxx::connection>(spec.uri);
    return std::unique_ptr<PostgresResultsWriter>(
        std::make_unique<Writer>(std::move(connection), spec.schema, run_id));
  } catch (const std::exception& error) {
    return Status::Unavailable(fmt::format("PostgreSQL results: {}", error.what()));
  }
}

}  // namespace refract::omop
