// Status and StatusOr<T>: the error vocabulary of the Refract core.
//
// Shape after leveldb's Status and abseil's StatusOr: a Status is either OK or carries a code and a
// message; StatusOr<T> holds a value or a non-OK Status (never an OK Status without a value).
// Expected clinical outcomes ("not TRD", "insufficient data") are values, never errors.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace refract {

enum class StatusCode { kOk, kInvalidArgument, kNotFound, kFailedPrecondition, kInternal };

class [[nodiscard]] Status {
 public:
  Status() = default;
  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string message) {
    return Status(StatusCode::kInvalidArgument, std::move(message));
  }
  static Status NotFound(std::string message) {
    return Status(StatusCode::kNotFound, std::move(message));
  }
  static Status FailedPrecondition(std::string message) {
    return Status(StatusCode::kFailedPrecondition, std::move(message));
  }
  static Status Internal(std::string message) {
    return Status(StatusCode::kInternal, std::move(message));
  }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }

 private:
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

// REQUIRES: a StatusOr built from a Status must be given a non-OK one (an OK status is turned into
// kInternal so that "OK without a value" can never be observed).
template <typename T>
class [[nodiscard]] StatusOr {
 public:
  StatusOr(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design, as absl
  StatusOr(Status status)                          // NOLINT: implicit by design, as absl
      : status_(status.ok() ? Status::Internal("StatusOr built from an OK status")
                            : std::move(status)) {}

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }
  const T& value() const& { return *value_; }
  T& value() & { return *value_; }
  T&& value() && { return std::move(*value_); }
  const T& operator*() const& { return *value_; }
  T& operator*() & { return *value_; }
  const T* operator->() const { return &*value_; }
  T* operator->() { return &*value_; }

 private:
  Status status_;
  std::optional<T> value_;
};

}  // namespace refract
