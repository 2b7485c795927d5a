#include "instrument_items.h"

#include <charconv>

namespace refract::fhir {

std::optional<InstrumentCode> LookupInstrumentCode(const CodeTables& tables, const Coding& coding) {
  if (coding.system == kRefractInstrument && !coding.code.empty()) return InstrumentCode{coding.code};
  if (coding.system == kRefractInstrumentItem) {
    const auto slash = coding.code.find('/');
    if (slash == std::string::npos) return std::nullopt;
    int item = 0;
    const char* begin = coding.code.data() + slash + 1;
    const char* end = coding.code.data() + coding.code.size();
    if (std::from_chars(begin, end, item).ptr != end || item < 1) return std::nullopt;
    return InstrumentCode{coding.code.substr(0, slash), item};
  }
  if (coding.system != kLoinc && !coding.system.empty()) return std::nullopt;
  for (const InstrumentCodes& instrument : tables.instruments) {
    if (coding.code == instrument.panel) return InstrumentCode{instrument.instrument};
    if (coding.code == instrument.total) return InstrumentCode{instrument.instrument, 0, true};
    for (std::size_t i = 0; i < instrument.items.size(); ++i) {
      if (coding.code == instrument.items[i]) return InstrumentCode{instrument.instrument, static_cast<int>(i) + 1};
    }
  }
  return std::nullopt;
}

std::optional<InstrumentCode> LookupInstrumentConcept(const CodeTables& tables, const nlohmann::json& codeable) {
  for (const Coding& coding : Codings(codeable)) {
    if (std::optional<InstrumentCode> found = LookupInstrumentCode(tables, coding)) return found;
  }
  return std::nullopt;
}

}  // namespace refract::fhir
