// Status names and constructors that build a message (include/refract/base/status.h).
#include "refract/base/status.h"

namespace refract {

std::string_view ToString(StatusCode code) {
  switch (code) {
    case StatusCode::kOk:
      return "ok";
    case StatusCode::kInvalidArgument:
      return "invalid_argument";
    case StatusCode::kNotFound:
      return "not_found";
    case StatusCode::kAlreadyExists:
      return "already_exists";
    case StatusCode::kConflict:
      return "conflict";
    case StatusCode::kFailedPrecondition:
      return "failed_precondition";
    case StatusCode::kUnauthenticated:
      return "unauthenticated";
    case StatusCode::kPermissionDenied:
      return "permission_denied";
    case StatusCode::kResourceExhausted:
      return "resource_exhausted";
    case StatusCode::kUnavailable:
      return "unavailable";
    case StatusCode::kInternal:
      return "internal";
  }
  return "internal";
}

Status Status::InvalidFields(std::vector<FieldError> details) {
  std::string message;
  for (const FieldError& error : details) {
    message += (message.empty() ? "" : "\n") + error.path + ": " + error.rule;
  }
  Status status(StatusCode::kInvalidArgument, std::move(message));
  status.details_ = std::move(details);
  return status;
}

Status Status::WithPrefix(std::string_view prefix) const {
  Status status = *this;
  status.message_ = std::string(prefix) + message_;
  return status;
}

}  // namespace refract
