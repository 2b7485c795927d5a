#include "refract/omop/cohort_output.h"

#include <gtest/gtest.h>

namespace refract::omop {
namespace {

ModelOutcome Outcome(std::string model_id, std::string summary) {
  ModelOutcome outcome;
  outcome.model_id = std::move(model_id);
  outcome.rule = "scores";
  outcome.summary = std::move(summary);
  outcome.applicable = true;
  return outcome;
}

TEST(CohortCsv, OneRowPerModelWithThePersonColumnsRepeated) {
  PersonResult result;
  result.person_id = 42;
  result.status = "staged";
  result.adequate_antidepressant_trials = 2;
  result.assumptions = {"episode_rule", "drug_era_rule"};
  ModelOutcome thase = Outcome("thase_rush_1997", "Stage II");
  thase.stage = 2;
  thase.counted_trials = {"ad-sertraline-2020-01-08", "ad-escitalopram-2020-05-20"};
  ModelOutcome two = Outcome("two_failures", "TRD");
  two.meets = true;
  two.provisional = true;
  two.provisional_reasons = {"sequence_outcome"};
  result.models = {thase, two};
  EXPECT_EQ(ResultCsvHeader(),
            "person_id,status,rule,model,summary,stage,meets,applicable,provisional,"
            "provisional_reasons,counted_trials,adequate_antidepressant_trials,"
            "psychotherapy_never_adequate,self_harm_alert,assumptions\n");
  EXPECT_EQ(ResultCsvRows(result),
            "42,staged,scores,thase_rush_1997,Stage II,2,,true,false,,"
            "ad-sertraline-2020-01-08;ad-escitalopram-2020-05-20,2,true,false,"
            "episode_rule;drug_era_rule\n"
            "42,staged,scores,two_failures,TRD,,true,true,true,sequence_outcome,,2,true,false,"
            "episode_rule;drug_era_rule\n");
}

TEST(CohortCsv, FieldsWithACommaOrAQuoteAreQuotedWithTheQuotesDoubled) {
  PersonResult result;
  result.person_id = 7;
  result.status = "staged";
  result.psychotherapy_never_adequate = false;
  result.self_harm_alert = true;
  result.assumptions = {"a,b", "c"};
  ModelOutcome model = Outcome("mgh_2003", "8 (\"moderate\")");
  model.meets = false;
  model.provisional_reasons = {"x", "y\"z"};
  result.models = {model};
  EXPECT_EQ(ResultCsvRows(result),
            "7,staged,scores,mgh_2003,\"8 (\"\"moderate\"\")\",,false,true,false,\"x;y\"\"z\",,0,"
            "false,true,\"a,b;c\"\n");
}

TEST(CohortCsv, APersonWithoutModelsHasOneRowWithTheModelColumnsEmpty) {
  PersonResult result;
  result.person_id = 3;
  result.status = "no_depression";
  EXPECT_EQ(ResultCsvRows(result), "3,no_depression,,,,,,,,,,0,true,false,\n");
}

}  // namespace
}  // namespace refract::omop
