// Loading instrument definitions (knowledge/instruments/<id>.json, format refract-instrument/1) and
// the change-rule parameters (knowledge/measures_parameters.json, refract-measures-parameters/1).
//
// Both are compiled into the binary from knowledge/ at build time (EmbeddedMeasuresTexts); a
// directory can be read instead to try changed values without rebuilding. Loading is strict:
// unknown fields, wrong types, rows without a tag (V/E/U/D) and source, bands that leave gaps or
// overlap, a total range that does not match the items, unknown item references, more or fewer than
// one default per list, malformed LOINC codes and the codes measures-decisions.md warns against
// (§1.1 44260-8 as a total, §2.1 69726-8, §7.2 70274-5) are rejected. Errors: kInvalidArgument
// listing every problem, one per line, each naming the file and JSON path
// ("instruments/phq9.json:$.items[8].max:
// ..."). Never throws.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "refract/base/status.h"
#include "refract/measures/instrument.h"
#include "refract/measures/measures_knowledge.h"
#include "refract/measures/parameters.h"

namespace refract {

inline constexpr const char* kInstrumentFormat = "refract-instrument/1";
inline constexpr const char* kMeasuresParametersFormat = "refract-measures-parameters/1";

// Instrument id ("phq9") -> JSON text of knowledge/instruments/<id>.json.
using InstrumentTexts = std::map<std::string, std::string>;

struct MeasuresTexts {
  InstrumentTexts instruments;
  std::string parameters;  // knowledge/measures_parameters.json
};

// The files compiled into the binary.
const MeasuresTexts& EmbeddedMeasuresTexts();

// Each text's `id` must equal its key.
StatusOr<std::vector<measures::InstrumentDefinition>> LoadInstruments(const InstrumentTexts& texts);
StatusOr<measures::MeasuresParameters> LoadMeasuresParameters(const std::string& text);
// Both of the above; the errors of both are listed together.
StatusOr<MeasuresKnowledge> LoadMeasures(const MeasuresTexts& texts);

// Reads <directory>/instruments/*.json and <directory>/measures_parameters.json.
// kNotFound when the instruments folder or the parameters file cannot be read.
StatusOr<MeasuresTexts> ReadMeasuresDirectory(const std::string& knowledge_directory);

}  // namespace refract
