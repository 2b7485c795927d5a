// The CDS hook calls' admission gate (include/refract/server/fifo_gate.h): at most `slots` calls
// at once, admitted in arrival order, and a call stepping out frees its slot.
#include "refract/server/fifo_gate.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace refract::server {
namespace {

void WaitUntil(const std::function<bool()>& done) {
  while (!done()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

TEST(FifoGateTest, AdmitsAtMostItsSlots) {
  FifoGate gate(2);
  std::atomic<int> inside = 0;
  std::atomic<int> most = 0;
  std::vector<std::thread> callers;
  for (int i = 0; i < 8; ++i) {
    callers.emplace_back([&] {
      FifoGate::Ticket ticket(gate);
      const int now = ++inside;
      int seen = most.load();
      while (now > seen && !most.compare_exchange_weak(seen, now)) {
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
      --inside;
    });
  }
  for (std::thread& caller : callers) caller.join();
  EXPECT_EQ(most, 2);
  EXPECT_EQ(gate.admitted(), 0);
}

// Callers that queue one after another while the only slot is held are admitted in that order.
TEST(FifoGateTest, AdmitsInArrivalOrder) {
  FifoGate gate(1);
  std::optional<FifoGate::Ticket> holder(std::in_place, gate);
  std::mutex order_mutex;
  std::vector<int> order;
  std::vector<std::thread> callers;
  std::atomic<int> queued = 0;
  for (int i = 0; i < 5; ++i) {
    callers.emplace_back([&, i] {
      ++queued;
      FifoGate::Ticket ticket(gate);
      std::lock_guard<std::mutex> lock(order_mutex);
      order.push_back(i);
    });
    // Let caller i draw its ticket before caller i + 1 starts.
    WaitUntil([&] { return queued == i + 1; });
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  holder.reset();
  for (std::thread& caller : callers) caller.join();
  EXPECT_EQ(order, (std::vector<int>{0, 1, 2, 3, 4}));
}

TEST(FifoGateTest, SteppingOutLetsTheNextCallerIn) {
  FifoGate gate(1);
  std::atomic<bool> other_admitted = false;
  FifoGate::Ticket ticket(gate);
  std::thread other([&] {
    FifoGate::Ticket other_ticket(gate);
    other_admitted = true;
  });
  {
    FifoGate::StepOut waiting(gate);  // e.g. a FHIR fetch
    WaitUntil([&] { return other_admitted.load(); });
  }
  other.join();
  EXPECT_EQ(gate.admitted(), 1);
}

}  // namespace
}  // namespace refract::server
