// First-come, first-served admission (include/refract/server/fifo_gate.h).
#include "refract/server/fifo_gate.h"

#include <algorithm>

namespace refract::server {

FifoGate::FifoGate(int slots) : slots_(std::max(slots, 1)) {}

int FifoGate::admitted() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return admitted_;
}

void FifoGate::Enter() {
  std::unique_lock<std::mutex> lock(mutex_);
  const uint64_t ticket = next_ticket_++;
  turn_.wait(lock, [&] { return ticket == serving_ && admitted_ < slots_; });
  ++serving_;
  ++admitted_;
  lock.unlock();
  turn_.notify_all();  // the next ticket may fit in another free slot
}

void FifoGate::Leave() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    --admitted_;
  }
  turn_.notify_all();
}

FifoGate::Ticket::Ticket(FifoGate& gate) : gate_(gate) { gate_.Enter(); }
FifoGate::Ticket::~Ticket() { gate_.Leave(); }

FifoGate::StepOut::StepOut(FifoGate& gate) : gate_(gate) { gate_.Leave(); }
FifoGate::StepOut::~StepOut() { gate_.Enter(); }

}  // namespace refract::server
