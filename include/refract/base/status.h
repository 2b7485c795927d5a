// Status and StatusOr<T>: the error vocabulary of the Refract core.
//
// Shape after leveldb's Status and abseil's StatusOr: a Status is either OK or carries a code and a
// message; StatusOr<T> holds a value or a non-OK Status (never an OK Status without a value).
// Expected clinical outcomes ("not TRD", "insufficient data") are values, never errors.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace refract {

// The codes follow gRPC/abseil's canonical codes, so an HTTP adapter maps them one to one
// (server/http_status.h): kInvalidArgument 400 (422 for a valid document breaking a clinical rule
// is not used: every record rule is an invalid argument), kUnauthenticated 401, kPermissionDenied
// 403, kNotFound 404, kAlreadyExists and kConflict 409 (kConflict: a lost update, the version
// changed), kFailedPrecondition 412, kResourceExhausted 429/413, kUnavailable 503, kInternal 500.
enum class StatusCode {
  kOk,
  kInvalidArgument,
  kNotFound,
  kAlreadyExists,
  kConflict,
  kFailedPrecondition,
  kUnauthenticated,
  kPermissionDenied,
  kResourceExhausted,
  kUnavailable,
  kInternal,
};

// "invalid_argument", "not_found", ...: the stable names used in JSON errors and logs.
std::string_view ToString(StatusCode code);

// One problem with one field of an input: the JSON path and the rule it breaks
// ("$.treatments[2].end", "must not be before start (2025-03-01)").
struct FieldError {
  std::string path;
  std::string rule;
};

class [[nodiscard]] Status {
 public:
  Status() = default;
  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string message) {
    return Status(StatusCode::kInvalidArgument, std::move(message));
  }
  // kInvalidArgument listing every field problem; the message is one "path: rule" line per problem.
  static Status InvalidFields(std::vector<FieldError> details);
  static Status NotFound(std::string message) {
    return Status(StatusCode::kNotFound, std::move(message));
  }
  static Status AlreadyExists(std::string message) {
    return Status(StatusCode::kAlreadyExists, std::move(message));
  }
  static Status Conflict(std::string message) {
    return Status(StatusCode::kConflict, std::move(message));
  }
  static Status Unauthenticated(std::string message) {
    return Status(StatusCode::kUnauthenticated, std::move(message));
  }
  static Status PermissionDenied(std::string message) {
    return Status(StatusCode::kPermissionDenied, std::move(message));
  }
  static Status ResourceExhausted(std::string message) {
    return Status(StatusCode::kResourceExhausted, std::move(message));
  }
  static Status Unavailable(std::string message) {
    return Status(StatusCode::kUnavailable, std::move(message));
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
  // The field problems of an InvalidFields status (empty otherwise).
  const std::vector<FieldError>& details() const { return details_; }
  // The same status with `prefix` before its message ("file.json: ...").
  Status WithPrefix(std::string_view prefix) const;

 private:
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
  std::vector<FieldError> details_;
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
