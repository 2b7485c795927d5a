// Group commit (src/store/group_commit.h): overlapping writers share one batch, each gets its own
// result, and a failed batch fails every caller in it.
#include "group_commit.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

namespace refract::store::internal {
namespace {

using Batches = std::vector<std::vector<int>>;

TEST(GroupCommitTest, OneWriterWritesOneItemAtATime) {
  GroupCommit<int, std::string> commit;
  Batches batches;
  for (int i = 0; i < 3; ++i) {
    StatusOr<std::string> result =
        commit.Submit(i, [&](const std::vector<int>& items) -> StatusOr<std::vector<std::string>> {
          batches.push_back(items);
          return std::vector<std::string>{"row " + std::to_string(items[0])};
        });
    ASSERT_TRUE(result.ok());
    EXPECT_EQ(*result, "row " + std::to_string(i));
  }
  EXPECT_EQ(batches, (Batches{{0}, {1}, {2}}));
}

// The first write is held until the other writers have queued behind it: they then share the
// second batch, and each is handed the result for its own item.
TEST(GroupCommitTest, WritersWaitingDuringAWriteShareTheNextBatch) {
  constexpr int kWaiting = 6;
  GroupCommit<int, int> commit;
  std::mutex batches_mutex;
  Batches batches;
  std::atomic<bool> first_started = false;
  std::atomic<bool> release_first = false;
  auto write = [&](const std::vector<int>& items) -> StatusOr<std::vector<int>> {
    first_started = true;
    while (items == std::vector<int>{0} && !release_first) std::this_thread::yield();
    std::lock_guard<std::mutex> lock(batches_mutex);
    batches.push_back(items);
    std::vector<int> squares;
    for (int item : items) squares.push_back(item * item);
    return squares;
  };
  std::vector<int> results(kWaiting + 1, -1);
  std::thread leader([&] { results[0] = *commit.Submit(0, write); });
  while (!first_started) std::this_thread::yield();
  std::vector<std::thread> waiting;
  for (int i = 1; i <= kWaiting; ++i) {
    waiting.emplace_back([&, i] { results[static_cast<size_t>(i)] = *commit.Submit(i, write); });
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(100));  // let them queue
  release_first = true;
  leader.join();
  for (std::thread& thread : waiting) thread.join();
  for (int i = 0; i <= kWaiting; ++i) EXPECT_EQ(results[static_cast<size_t>(i)], i * i);
  ASSERT_EQ(batches.size(), 2u);
  EXPECT_EQ(batches[0], std::vector<int>{0});
  EXPECT_EQ(batches[1].size(), static_cast<size_t>(kWaiting));
}

TEST(GroupCommitTest, AFailedBatchFailsEveryCallerAndTheNextBatchStillRuns) {
  GroupCommit<int, int> commit;
  StatusOr<int> failed =
      commit.Submit(1, [](const std::vector<int>&) -> StatusOr<std::vector<int>> {
        return Status::Internal("disk full");
      });
  EXPECT_EQ(failed.status().message(), "disk full");
  StatusOr<int> thrown =
      commit.Submit(2, [](const std::vector<int>&) -> StatusOr<std::vector<int>> {
        throw std::runtime_error("locked");
      });
  EXPECT_EQ(thrown.status().message(), "locked");
  StatusOr<int> next = commit.Submit(
      3, [](const std::vector<int>& items) { return StatusOr<std::vector<int>>(items); });
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(*next, 3);
}

}  // namespace
}  // namespace refract::store::internal
