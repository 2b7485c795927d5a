// Group commit: concurrent writers of small rows share one transaction, and so one fsync.
//
// Each caller submits its item and waits for the transaction that holds it. The first caller to
// find no write in progress becomes the leader: it takes every item submitted so far, writes them
// with `write` (one transaction) and hands each caller its own result; the items that arrived
// meanwhile go into the next leader's batch. A caller returns only after its item is committed
// (or with the batch's error: the transaction is all-or-nothing), so durability per call is as
// with one transaction per item. With one writer at a time this is one transaction per item.
#pragma once

#include <condition_variable>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <utility>
#include <vector>

#include "refract/base/status.h"

namespace refract::store::internal {

template <typename Item, typename Result>
class GroupCommit {
 public:
  // Writes `items` in one transaction: one result per item, in order, or one error for all.
  using WriteBatch = std::function<StatusOr<std::vector<Result>>(const std::vector<Item>&)>;

  StatusOr<Result> Submit(const Item& item, const WriteBatch& write) {
    Waiting me{&item, std::nullopt};
    std::unique_lock<std::mutex> lock(mutex_);
    queue_.push_back(&me);
    finished_.wait(lock, [&] { return me.result.has_value() || !writing_; });
    if (me.result) return std::move(*me.result);
    writing_ = true;
    std::vector<Waiting*> batch;
    batch.swap(queue_);
    lock.unlock();
    std::vector<Item> items;
    items.reserve(batch.size());
    for (const Waiting* waiting : batch) items.push_back(*waiting->item);
    StatusOr<std::vector<Result>> results = WriteOrError(write, items);
    lock.lock();
    for (size_t i = 0; i < batch.size(); ++i) {
      batch[i]->result =
          results.ok() ? StatusOr<Result>((*results)[i]) : StatusOr<Result>(results.status());
    }
    writing_ = false;
    lock.unlock();
    finished_.notify_all();
    return std::move(*me.result);
  }

 private:
  static StatusOr<std::vector<Result>> WriteOrError(const WriteBatch& write,
                                                    const std::vector<Item>& items) {
    try {
      return write(items);
    } catch (const std::exception& error) {  // the followers must still be woken
      return Status::Internal(error.what());
    }
  }

  struct Waiting {
    const Item* item;
    std::optional<StatusOr<Result>> result;
  };

  std::mutex mutex_;
  std::condition_variable finished_;
  std::vector<Waiting*> queue_;
  bool writing_ = false;
};

}  // namespace refract::store::internal
