// AuditHashInput (include/refract/store/store.h): the length-prefixed preimage of an audit row.
#include <string_view>

#include "refract/store/store.h"

namespace refract::store {

namespace {

void AppendField(std::string& out, std::string_view field) {
  out += std::to_string(field.size());
  out += ':';
  out += field;
}

}  // namespace
std::string AuditHashInput(const AuditEvent& event) {
  std::string out;
  AppendField(out, std::to_string(event.sequence));
  AppendField(out, event.time);
  AppendField(out, event.username);
  AppendField(out, event.role);
  AppendField(out, event.action);
  AppendField(out, event.patient_id);
  AppendField(out, std::to_string(event.version));
  AppendField(out, event.address);
  AppendField(out, event.outcome);
  AppendField(out, event.previous_hash);
  return out;
}

}  // namespace refract::store
