// A small pool of libpqxx connections for the PostgreSQL store: at most `size` connections, opened
// on demand; a caller waits when all are in use. A connection found closed is dropped on return
// and a fresh one is opened by a later Acquire. Thread-safe.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <pqxx/pqxx>
#include <string>
#include <vector>

namespace refract::store::internal {

class PostgresPool {
 public:
  PostgresPool(std::string uri, int size) : uri_(std::move(uri)), size_(size) {}

  // A connection for one transaction, returned to the pool when the lease ends.
  class Lease {
   public:
    Lease(PostgresPool& pool, std::unique_ptr<pqxx::connection> connection)
        : pool_(pool), connection_(std::move(connection)) {}
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease() { pool_.Release(std::move(connection_)); }
    pqxx::connection& operator*() { return *connection_; }

   private:
    PostgresPool& pool_;
    std::unique_ptr<pqxx::connection> connection_;
  };

  // Throws pqxx::broken_connection when a new connection cannot be opened.
  Lease Acquire();

 private:
  void Release(std::unique_ptr<pqxx::connection> connection);

  const std::string uri_;
  const int size_;
  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<pqxx::connection>> idle_;
  int open_ = 0;  // connections in use or idle
};

}  // namespace refract::store::internal
