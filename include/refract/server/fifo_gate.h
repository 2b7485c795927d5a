// A first-come, first-served limit on how many CPU-bound calls run at once.
//
// With more server threads than cores, every call in flight shares the cores and all of them finish
// late together (processor sharing). Admitting at most `slots` calls at a time, in arrival order,
// lets the earliest ones finish at full speed while the rest wait in line, which keeps the latency
// tail close to the median under load. A caller that must wait on the network while admitted
// (e.g. fetching FHIR resources) steps out with `StepOut`, so a slow server holds no slot.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <mutex>

namespace refract::server {

class FifoGate {
 public:
  // `slots` >= 1 calls admitted at once.
  explicit FifoGate(int slots);

  // Holds a slot for its lifetime; admitted in the order the tickets were drawn.
  class Ticket {
   public:
    explicit Ticket(FifoGate& gate);
    ~Ticket();
    Ticket(const Ticket&) = delete;
    Ticket& operator=(const Ticket&) = delete;

   private:
    FifoGate& gate_;
  };

  // Gives the slot up for its lifetime and queues again (at the back) when it ends.
  class StepOut {
   public:
    explicit StepOut(FifoGate& gate);
    ~StepOut();
    StepOut(const StepOut&) = delete;
    StepOut& operator=(const StepOut&) = delete;

   private:
    FifoGate& gate_;
  };

  // Calls admitted now.
  int admitted() const;

 private:
  void Enter();
  void Leave();

  const int slots_;
  mutable std::mutex mutex_;
  std::condition_variable turn_;
  uint64_t next_ticket_ = 0;
  uint64_t serving_ = 0;  // tickets below this one have been admitted
  int admitted_ = 0;
};

}  // namespace refract::server
