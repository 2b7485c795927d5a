// Reads a FHIR R4 Bundle (collection, searchset, transaction, batch, or the searchset that
// Patient/$everything returns): indexes its resources, picks the Patient and resolves references
// ("Patient/p1", absolute URLs ending in Type/id, "urn:uuid:..." fullUrls, "#id" contained
// resources).
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "refract/base/status.h"

namespace refract::fhir {

struct BundleResource {
  const nlohmann::json* resource = nullptr;
  std::string full_url = {};
  std::string label = {};  // "Observation/o1"
};

class BundleIndex {
 public:
  // kInvalidArgument naming the element for anything that is not a Bundle of resources.
  static StatusOr<BundleIndex> Read(const nlohmann::json& bundle);

  const std::vector<BundleResource>& resources() const { return resources_; }
  // The resource `reference` (a Reference object or its string) points to, seen from `from`
  // (for "#id" contained resources), or nullptr.
  const nlohmann::json* Resolve(const nlohmann::json& reference, const nlohmann::json& from) const;
  // A resource by canonical url (Questionnaire, ValueSet), or nullptr.
  const nlohmann::json* FindCanonical(std::string_view url) const;
  // The label of the resource `reference` points to ("MedicationStatement/T2"), or empty.
  std::string LabelOf(const nlohmann::json& reference, const nlohmann::json& from) const;

 private:
  std::vector<BundleResource> resources_;
  std::unordered_map<std::string, std::size_t> by_full_url_;  // index into resources_
  std::unordered_map<std::string, std::size_t> by_label_;
  std::unordered_map<std::string, std::size_t> by_canonical_;
  std::unordered_map<const nlohmann::json*, std::size_t> by_resource_;
};

// The Patient to import: the one with id `wanted`, or the only Patient. kInvalidArgument when
// there is none, several (and no `wanted`) or no Patient with that id.
StatusOr<const BundleResource*> SelectPatient(const BundleIndex& index, std::string_view wanted);

// Whether `resource` is about `patient` (subject / patient reference resolving to it, or no
// subject at all).
bool BelongsTo(const BundleIndex& index, const nlohmann::json& resource,
               const BundleResource& patient);

}  // namespace refract::fhir
