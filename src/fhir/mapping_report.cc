// MappingReportJson: the mapping report as JSON (include/refract/fhir/fhir_import.h).
#include "refract/fhir/fhir_import.h"

namespace refract::fhir {

namespace {

const char* DispositionName(Disposition disposition) {
  switch (disposition) {
    case Disposition::kUsed:
      return "used";
    case Disposition::kSkipped:
      return "skipped";
    case Disposition::kDoubtful:
      return "doubtful";
  }
  return "used";
}

}  // namespace

nlohmann::json MappingReportJson(const std::vector<MappingEntry>& report) {
  nlohmann::json entries = nlohmann::json::array();
  for (const MappingEntry& entry : report) {
    entries.push_back({{"resource", entry.resource},
                       {"disposition", DispositionName(entry.disposition)},
                       {"mapped_to", entry.mapped_to},
                       {"reason", entry.reason}});
  }
  return entries;
}

}  // namespace refract::fhir
