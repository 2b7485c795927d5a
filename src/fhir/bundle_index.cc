#include "bundle_index.h"

#include <algorithm>

#include "fhir_values.h"

namespace refract::fhir {

using nlohmann::json;

namespace {

constexpr std::string_view kBundleTypes[] = {"collection", "searchset", "transaction", "batch",
                                             "transaction-response", "batch-response", "document"};

std::string ReferenceText(const json& reference) {
  if (reference.is_string()) return reference.get<std::string>();
  return Text(reference, "reference");
}

// "Type/id" from a relative or absolute reference ("http://x/fhir/Patient/p1/_history/2" too).
std::string TypeAndId(std::string_view text) {
  if (const auto history = text.find("/_history/"); history != std::string_view::npos) {
    text = text.substr(0, history);
  }
  const auto last = text.rfind('/');
  if (last == std::string_view::npos || last == 0) return std::string(text);
  const auto before = text.rfind('/', last - 1);
  return std::string(before == std::string_view::npos ? text : text.substr(before + 1));
}

}  // namespace

StatusOr<BundleIndex> BundleIndex::Read(const json& bundle) {
  if (!bundle.is_object() || Text(bundle, "resourceType") != "Bundle") {
    return Status::InvalidFields({{"Bundle.resourceType", "must be \"Bundle\" (a FHIR R4 Bundle)"}});
  }
  const std::string type = Text(bundle, "type");
  if (std::find(std::begin(kBundleTypes), std::end(kBundleTypes), type) == std::end(kBundleTypes)) {
    return Status::InvalidFields(
        {{"Bundle.type", "must be collection, searchset, transaction, batch or document (got '" +
                             type + "')"}});
  }
  BundleIndex index;
  if (!bundle.contains("entry")) return index;
  if (!bundle["entry"].is_array()) return Status::InvalidFields({{"Bundle.entry", "must be an array"}});
  std::vector<FieldError> errors;
  for (std::size_t i = 0; i < bundle["entry"].size(); ++i) {
    const json& entry = bundle["entry"][i];
    if (!entry.is_object() || !entry.contains("resource")) continue;  // a request-only entry
    const json& resource = entry["resource"];
    if (!resource.is_object() || Text(resource, "resourceType").empty()) {
      errors.push_back({"Bundle.entry[" + std::to_string(i) + "].resource",
                        "must be a resource with a resourceType"});
      continue;
    }
    const std::string full_url = Text(entry, "fullUrl");
    index.resources_.push_back({&resource, full_url, ResourceLabel(resource, full_url)});
    const std::size_t position = index.resources_.size() - 1;
    if (!full_url.empty()) index.by_full_url_.emplace(full_url, position);
    index.by_label_.emplace(index.resources_.back().label, position);
    index.by_resource_.emplace(&resource, position);
    if (const std::string url = Text(resource, "url"); !url.empty()) index.by_canonical_.emplace(url, position);
  }
  if (!errors.empty()) return Status::InvalidFields(std::move(errors));
  return index;
}

const json* BundleIndex::Resolve(const json& reference, const json& from) const {
  const std::string text = ReferenceText(reference);
  if (text.empty()) return nullptr;
  if (text.front() == '#') {
    if (!from.contains("contained") || !from["contained"].is_array()) return nullptr;
    for (const json& contained : from["contained"]) {
      if (Text(contained, "id") == text.substr(1)) return &contained;
    }
    return nullptr;
  }
  if (const auto it = by_full_url_.find(text); it != by_full_url_.end()) return resources_[it->second].resource;
  const auto it = by_label_.find(TypeAndId(text));
  return it == by_label_.end() ? nullptr : resources_[it->second].resource;
}

const json* BundleIndex::FindCanonical(std::string_view url) const {
  const auto it = by_canonical_.find(std::string(url.substr(0, url.find('|'))));
  return it == by_canonical_.end() ? nullptr : resources_[it->second].resource;
}

std::string BundleIndex::LabelOf(const json& reference, const json& from) const {
  const json* target = Resolve(reference, from);
  if (target == nullptr) return {};
  const auto it = by_resource_.find(target);
  return it == by_resource_.end() ? ResourceLabel(*target) : resources_[it->second].label;
}

StatusOr<const BundleResource*> SelectPatient(const BundleIndex& index, std::string_view wanted) {
  std::vector<const BundleResource*> patients;
  for (const BundleResource& entry : index.resources()) {
    if (Text(*entry.resource, "resourceType") != "Patient") continue;
    if (wanted.empty() || Text(*entry.resource, "id") == wanted) patients.push_back(&entry);
  }
  if (patients.size() == 1) return patients.front();
  if (!wanted.empty() && patients.empty()) {
    return Status::InvalidFields({{"Bundle.entry", "no Patient with id '" + std::string(wanted) + "'"}});
  }
  if (patients.empty()) return Status::InvalidFields({{"Bundle.entry", "holds no Patient resource"}});
  return Status::InvalidFields(
      {{"Bundle.entry", "holds " + std::to_string(patients.size()) +
                            " Patient resources: choose one (--patient ID / ?patient=ID)"}});
}

bool BelongsTo(const BundleIndex& index, const json& resource, const BundleResource& patient) {
  for (const char* key : {"subject", "patient"}) {
    if (!resource.contains(key)) continue;
    const json* target = index.Resolve(resource[key], resource);
    return target == nullptr || target == patient.resource;
  }
  return true;
}

}  // namespace refract::fhir
