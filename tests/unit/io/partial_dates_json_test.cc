// Partial dates in refract-patient/1 (src/io/date_json.cc, docs/patient-record.md "Partial
// dates"): every date but as_of may be YYYY-MM-DD, YYYY-MM or YYYY; partial dates are imputed
// (mid-month, 30 June), never after as_of, and narrowed by the trial's date order.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "embedded_knowledge.h"
#include "param_name.h"
#include "record_json.h"
#include "refract/io/patient_json.h"

namespace refract {
namespace {

using io_test::kCbt;
using io_test::kSertraline;
using io_test::Lines;
using io_test::ValidRecordJson;
using nlohmann::json;
using ::testing::Contains;
using ::testing::StartsWith;

Date D(const char* text) { return *Date::Parse(text); }

json WithAssessment(json document, const char* date) {
  document["assessments"] =
      json::array({{{"instrument", "phq9"}, {"date", date}, {"total", 12}, {"safety_item", 0}}});
  return document;
}

struct AcceptCase {
  const char* name;
  std::function<void(json&)> mutate;
  std::function<Date(const PatientRecord&)> value;
  std::function<std::optional<PartialDate>(const PatientRecord&)> partial;
  const char* imputed;
  std::optional<DatePrecision> precision;  // nullopt: recorded to the day
};

class PartialDateAcceptTest : public ::testing::TestWithParam<AcceptCase> {};

TEST_P(PartialDateAcceptTest, ImputesAndKeepsThePrecision) {
  const AcceptCase& c = GetParam();
  json document = WithAssessment(ValidRecordJson(), "2025-07-01");
  c.mutate(document);
  const StatusOr<PatientRecord> record = test_support::ParseRecord(document.dump());
  ASSERT_TRUE(record.ok()) << record.status().message();
  EXPECT_EQ(c.value(*record), D(c.imputed));
  const std::optional<PartialDate> partial = c.partial(*record);
  ASSERT_EQ(partial.has_value(), c.precision.has_value());
  if (partial) {
    EXPECT_EQ(partial->precision, *c.precision);
  }
}

const AcceptCase kAccepted[] = {
    {"OnsetMonth", [](json& d) { d["episode"]["onset"] = "2024-01"; },
     [](const PatientRecord& r) { return r.episode.onset; },
     [](const PatientRecord& r) { return r.episode.onset_partial; }, "2024-01-15",
     DatePrecision::kMonth},
    {"OnsetYear", [](json& d) { d["episode"]["onset"] = "2023"; },
     [](const PatientRecord& r) { return r.episode.onset; },
     [](const PatientRecord& r) { return r.episode.onset_partial; }, "2023-06-30",
     DatePrecision::kYear},
    {"OnsetDay", [](json& d) { d["episode"]["onset"] = "2024-01-03"; },
     [](const PatientRecord& r) { return r.episode.onset; },
     [](const PatientRecord& r) { return r.episode.onset_partial; }, "2024-01-03", std::nullopt},
    {"BirthDateYear", [](json& d) { d["demographics"]["birth_date"] = "1980"; },
     [](const PatientRecord& r) { return *r.demographics.birth_date; },
     [](const PatientRecord& r) { return r.demographics.birth_date_partial; }, "1980-06-30",
     DatePrecision::kYear},
    {"StartMonth", [](json& d) { d["treatments"][kCbt]["start"] = "2024-05"; },
     [](const PatientRecord& r) { return r.treatments[kCbt].start; },
     [](const PatientRecord& r) { return r.treatments[kCbt].start_partial; }, "2024-05-15",
     DatePrecision::kMonth},
    {"EndMonth", [](json& d) { d["treatments"][kCbt]["end"] = "2024-08"; },
     [](const PatientRecord& r) { return *r.treatments[kCbt].end; },
     [](const PatientRecord& r) { return r.treatments[kCbt].end_partial; }, "2024-08-15",
     DatePrecision::kMonth},
    {"DoseStepMonth", [](json& d) { d["treatments"][kSertraline]["doses"][1]["from"] = "2024-03"; },
     [](const PatientRecord& r) { return r.treatments[kSertraline].doses[1].from; },
     [](const PatientRecord& r) { return r.treatments[kSertraline].doses[1].from_partial; },
     "2024-03-15", DatePrecision::kMonth},
    {"AssessmentMonth", [](json& d) { d["assessments"][0]["date"] = "2025-06"; },
     [](const PatientRecord& r) { return r.assessments[0].date; },
     [](const PatientRecord& r) { return r.assessments[0].date_partial; }, "2025-06-15",
     DatePrecision::kMonth},
    {"MonthOfAsOfImputedNoLaterThanAsOf", [](json& d) { d["assessments"][0]["date"] = "2025-08"; },
     [](const PatientRecord& r) { return r.assessments[0].date; },
     [](const PatientRecord& r) { return r.assessments[0].date_partial; }, "2025-08-01",
     DatePrecision::kMonth},
    {"StartClampedToAnEndInTheSameMonth",
     [](json& d) {
       d["treatments"][kCbt]["start"] = "2024-08";
       d["treatments"][kCbt]["end"] = "2024-08-10";
     },
     [](const PatientRecord& r) { return r.treatments[kCbt].start; },
     [](const PatientRecord& r) { return r.treatments[kCbt].start_partial; }, "2024-08-10",
     DatePrecision::kMonth},
    {"EndClampedToAStartInTheSameMonth",
     [](json& d) {
       d["treatments"][kCbt]["start"] = "2024-05-20";
       d["treatments"][kCbt]["end"] = "2024-05";
     },
     [](const PatientRecord& r) { return *r.treatments[kCbt].end; },
     [](const PatientRecord& r) { return r.treatments[kCbt].end_partial; }, "2024-05-20",
     DatePrecision::kMonth},
};

INSTANTIATE_TEST_SUITE_P(Forms, PartialDateAcceptTest, ::testing::ValuesIn(kAccepted),
                         test_support::RowName{});

struct RejectCase {
  const char* name;
  std::function<void(json&)> mutate;
  std::string expected_line;
};

class PartialDateRejectTest : public ::testing::TestWithParam<RejectCase> {};

TEST_P(PartialDateRejectTest, NamesPathAndAcceptedForms) {
  const RejectCase& c = GetParam();
  json document = WithAssessment(ValidRecordJson(), "2025-07-01");
  c.mutate(document);
  const StatusOr<PatientRecord> record = test_support::ParseRecord(document.dump());
  ASSERT_FALSE(record.ok());
  EXPECT_EQ(record.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(Lines(record.status().message()), Contains(StartsWith(c.expected_line)))
      << record.status().message();
}

constexpr const char* kForms = "must be a date YYYY-MM-DD, YYYY-MM (year-month) or YYYY (year)";

const RejectCase kRejected[] = {
    {"AsOfMustGiveTheDay", [](json& d) { d["as_of"] = "2025-08"; },
     "$.as_of: must be a calendar date YYYY-MM-DD (got '2025-08')"},
    {"OnsetMonthOutOfRange", [](json& d) { d["episode"]["onset"] = "2024-13"; },
     std::string("$.episode.onset: ") + kForms + " (got '2024-13')"},
    {"BirthDateOneDigitMonth", [](json& d) { d["demographics"]["birth_date"] = "1980-5"; },
     std::string("$.demographics.birth_date: ") + kForms + " (got '1980-5')"},
    {"StartTwoDigitYear", [](json& d) { d["treatments"][kCbt]["start"] = "24"; },
     std::string("$.treatments[2].start: ") + kForms + " (got '24')"},
    {"EndNotACalendarDay", [](json& d) { d["treatments"][kCbt]["end"] = "2024-02-30"; },
     std::string("$.treatments[2].end: ") + kForms + " (got '2024-02-30')"},
    {"DoseStepMonthZero",
     [](json& d) { d["treatments"][kSertraline]["doses"][0]["from"] = "2024-00"; },
     std::string("$.treatments[0].doses[0].from: ") + kForms + " (got '2024-00')"},
    {"AssessmentDateWords", [](json& d) { d["assessments"][0]["date"] = "June 2025"; },
     std::string("$.assessments[0].date: ") + kForms + " (got 'June 2025')"},
    {"OnsetMonthAfterAsOf", [](json& d) { d["episode"]["onset"] = "2025-09"; },
     "$.episode.onset: must not be after as_of (2025-08-01)"},
    {"AssessmentYearAfterAsOf", [](json& d) { d["assessments"][0]["date"] = "2026"; },
     "$.assessments[0].date: must not be after as_of (2025-08-01)"},
    {"EndMonthBeforeStart", [](json& d) { d["treatments"][kCbt]["end"] = "2024-04"; },
     "$.treatments[2].end: must not be before start (2024-05-01)"},
    {"EndBeforeAPartialStart",
     [](json& d) {
       d["treatments"][kCbt]["start"] = "2024-05";
       d["treatments"][kCbt]["end"] = "2024-04-30";
     },
     "$.treatments[2].end: must not be before start (2024-05)"},
    {"DoseStepMonthBeforeStart",
     [](json& d) { d["treatments"][kSertraline]["doses"][0]["from"] = "2024-01"; },
     "$.treatments[0].doses[0].from: must not be before the trial start"},
    {"TwoDoseStepsInOneMonth",
     [](json& d) {
       d["treatments"][kSertraline]["doses"][0]["from"] = "2024-02";
       d["treatments"][kSertraline]["doses"][1]["from"] = "2024-02";
     },
     "$.treatments[0].doses[1].from: dose steps must be in strictly increasing date order"},
};

INSTANTIATE_TEST_SUITE_P(Forms, PartialDateRejectTest, ::testing::ValuesIn(kRejected),
                         test_support::RowName{});

}  // namespace
}  // namespace refract
