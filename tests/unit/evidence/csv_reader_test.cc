#include "refract/evidence/csv_reader.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

namespace refract::evidence {
namespace {

TEST(CsvReaderTest, QuotedFieldWithLineBreakDelimiterAndDoubledQuote) {
  std::string text =
      "\"study\";\"ref\";\"g\"\n"
      "\"A, 2001\";\"line one\nline two; \"\"quoted\"\"\";0,5\n"
      "\"B\";\"M\xC3\xB8ller\";NA\n";
  StatusOr<CsvTable> table = ParseCsv(text, kMetapsyDialect);
  ASSERT_TRUE(table.ok()) << table.status().message();
  ASSERT_EQ(table->header.size(), 3u);
  ASSERT_EQ(table->records.size(), 2u);
  EXPECT_EQ(table->records[0].fields[0], "A, 2001");
  EXPECT_EQ(table->records[0].fields[1], "line one\nline two; \"quoted\"");
  EXPECT_EQ(table->records[0].fields[2], "0,5");
  EXPECT_EQ(table->records[0].line, 2);
  EXPECT_EQ(table->records[1].line, 4);                     // the record before spans lines 2-3
  EXPECT_EQ(table->records[1].fields[1], "M\xC3\xB8ller");  // UTF-8 passes through
}

TEST(CsvReaderTest, CrLfLineEndingsAndByteOrderMark) {
  StatusOr<CsvTable> table = ParseCsv("\xEF\xBB\xBFstudy,yi\r\nA,1.5\r\nB,2\r\n", CsvDialect{});
  ASSERT_TRUE(table.ok()) << table.status().message();
  EXPECT_EQ(table->header[0], "study");
  ASSERT_EQ(table->records.size(), 2u);
  EXPECT_EQ(table->records[1].fields[1], "2");
  EXPECT_EQ(table->records[1].line, 3);
}

TEST(CsvReaderTest, ColumnIndexFindsHeaderNames) {
  StatusOr<CsvTable> table = ParseCsv("a,b,c\n1,2,3\n", CsvDialect{});
  ASSERT_TRUE(table.ok());
  EXPECT_EQ(table->ColumnIndex("c"), 2u);
  EXPECT_FALSE(table->ColumnIndex("d").has_value());
}

TEST(CsvReaderTest, RaggedRecordIsAnErrorNamingTheLine) {
  StatusOr<CsvTable> table = ParseCsv("a;b;c\n1;2;3\n4;5\n", kMetapsyDialect);
  ASSERT_FALSE(table.ok());
  EXPECT_EQ(table.status().message(), "line 3: record has 2 fields, header has 3");
}

TEST(CsvReaderTest, StrayQuoteIsAParseError) {
  StatusOr<CsvTable> table = ParseCsv("a,b\n1,x\"y\n", CsvDialect{});
  ASSERT_FALSE(table.ok());
  EXPECT_NE(table.status().message().find("line 2"), std::string::npos) << table.status().message();
}

TEST(CsvReaderTest, UnterminatedQuoteIsAParseError) {
  StatusOr<CsvTable> table = ParseCsv("a,b\n1,\"open\n2,3\n", CsvDialect{});
  EXPECT_FALSE(table.ok());
}

TEST(CsvReaderTest, EmptyInputHasNoHeader) {
  EXPECT_EQ(ParseCsv("", CsvDialect{}).status().message(), "line 1: no header row");
}

TEST(ParseNumberTest, DecimalCommaPointAndMissing) {
  EXPECT_EQ(ParseNumber("0,231455024943138", ','), 0.231455024943138);
  EXPECT_EQ(ParseNumber("-1,5", ','), -1.5);
  EXPECT_EQ(ParseNumber(" 17 ", ','), 17.0);
  EXPECT_EQ(ParseNumber("2.5", '.'), 2.5);
  EXPECT_EQ(ParseNumber("+3", '.'), 3.0);
  EXPECT_TRUE(std::isnan(*ParseNumber("NA", ',')));
  EXPECT_TRUE(std::isnan(*ParseNumber("", '.')));
}

TEST(StreamCsvTest, KeepsOnlyTheChosenColumnsAndReusesTheRecord) {
  std::vector<std::string> seen;
  StatusOr<CsvTable> header = StreamCsv(
      "a,b,c\n1,\"x,y\",3\n4,5,6\n", CsvDialect{},
      [](std::string_view name) { return name != "b"; },
      [&seen](const CsvTable& table, const CsvRecord& record) {
        EXPECT_EQ(table.header, (std::vector<std::string>{"a", "c"}));
        EXPECT_EQ(record.fields.size(), 2u);
        seen.push_back(std::to_string(record.line) + ":" + record.fields[0] + record.fields[1]);
        return Status::Ok();
      });
  ASSERT_TRUE(header.ok()) << header.status().message();
  EXPECT_TRUE(header->records.empty());
  EXPECT_EQ(seen, (std::vector<std::string>{"2:13", "3:46"}));
}

TEST(StreamCsvTest, RaggedRecordAndSinkErrorsStopTheParse) {
  auto all = [](std::string_view) { return true; };
  int calls = 0;
  auto count = [&calls](const CsvTable&, const CsvRecord&) {
    ++calls;
    return calls == 2 ? Status::InvalidArgument("stop") : Status::Ok();
  };
  EXPECT_EQ(StreamCsv("a,b\n1,2\n3\n", CsvDialect{}, all, count).status().message(),
            "line 3: record has 1 fields, header has 2");
  calls = 0;
  EXPECT_EQ(StreamCsv("a\n1\n2\n3\n", CsvDialect{}, all, count).status().message(), "stop");
  EXPECT_EQ(calls, 2);
}

TEST(ParseNumberTest, MalformedTextIsRejected) {
  EXPECT_FALSE(ParseNumber("2.5", ','));  // a point where a comma is expected
  EXPECT_FALSE(ParseNumber("1,5", '.'));
  EXPECT_FALSE(ParseNumber("abc", '.'));
  EXPECT_FALSE(ParseNumber("1.5x", '.'));
  EXPECT_FALSE(ParseNumber("1 000", '.'));
  EXPECT_FALSE(ParseNumber("inf", '.'));
  EXPECT_FALSE(ParseNumber("+-1", '.'));
}

}  // namespace
}  // namespace refract::evidence
