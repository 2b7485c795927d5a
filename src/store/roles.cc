// Role names (include/refract/store/store.h): the stable text stored in the users table.
#include <array>
#include <string_view>
#include <utility>

#include "refract/store/store.h"

namespace refract::store {

namespace {

constexpr std::array<std::pair<Role, std::string_view>, 3> kRoleNames = {{
    {Role::kClinician, "clinician"},
    {Role::kAdmin, "admin"},
    {Role::kAuditor, "auditor"},
}};

}  // namespace

std::string_view ToString(Role role) {
  for (const auto& [value, name] : kRoleNames) {
    if (value == role) return name;
  }
  return "";
}

std::optional<Role> RoleFromString(std::string_view text) {
  for (const auto& [value, name] : kRoleNames) {
    if (name == text) return value;
  }
  return std::nullopt;
}

}  // namespace refract::store
