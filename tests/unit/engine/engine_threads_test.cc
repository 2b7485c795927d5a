// One engine shared by many threads (the server's model): every thread assesses every example
// record many times and must get the single-threaded result. Run under ThreadSanitizer by
// `scripts/test --tsan`, which reports any data race on the shared knowledge (tests/unit/engine).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "refract/engine/engine.h"
#include "refract/io/assessment_json.h"

namespace refract {
namespace {

std::vector<std::string> ExampleTexts() {
  std::vector<std::string> texts;
  for (const auto& entry : std::filesystem::directory_iterator("examples")) {
    if (entry.path().extension() != ".json") continue;
    std::ifstream file(entry.path());
    std::stringstream content;
    content << file.rdbuf();
    texts.push_back(content.str());
  }
  std::sort(texts.begin(), texts.end());
  return texts;
}

TEST(EngineThreadsTest, ConcurrentAssessmentsGiveTheSingleThreadedResults) {
  const Engine engine = *Engine::Create(EmbeddedKnowledgeSource());
  const std::vector<std::string> texts = ExampleTexts();
  ASSERT_GE(texts.size(), 5u);
  std::vector<std::string> expected;
  for (const std::string& text : texts) {
    expected.push_back(AssessmentToJson(
        *engine.Assess(*engine.ParseRecord(text, RecordSyntax::kJson), {}), false));
  }
  constexpr int kThreads = 8;
  constexpr int kRounds = 3;
  std::vector<int> mismatches(kThreads, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < kRounds; ++round) {
        for (size_t i = 0; i < texts.size(); ++i) {
          const size_t which = (i + static_cast<size_t>(t)) % texts.size();
          AssessOptions options;
          options.dose_convention = (t % 3 == 0) ? "usual" : "atrq";
          StatusOr<PatientRecord> record = engine.ParseRecord(texts[which], RecordSyntax::kJson);
          StatusOr<Assessment> assessment = engine.Assess(*record, options);
          if (options.dose_convention == "atrq" &&
              AssessmentToJson(*assessment, false) != expected[which]) {
            ++mismatches[static_cast<size_t>(t)];
          }
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (int t = 0; t < kThreads; ++t) EXPECT_EQ(mismatches[static_cast<size_t>(t)], 0) << t;
}

}  // namespace
}  // namespace refract
