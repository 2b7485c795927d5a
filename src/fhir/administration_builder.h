// Turns what an Observation or QuestionnaireResponse said about one administration into a record
// assessment: checks each value against the instrument's ranges (an out-of-range value is an error
// naming the resource and element, never clamped), recomputes the total from the items with the
// engine's scorer and reports a stated total that differs (doubtful, both numbers; the recomputed
// total is the one used). Unanswered items stay unanswered: nothing is imputed, least of all the
// self-harm item.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "import_state.h"

namespace refract::fhir {

struct ItemValue {
  double value = 0;
  std::string path = {};  // "QuestionnaireResponse/qr1.item[linkId=H1/T1/Q9].answer[0]"
};

struct CollectedAdministration {
  std::string label = {};  // the resource
  std::string instrument = {};
  std::string date = {};
  std::map<int, ItemValue> items = {};
  std::map<int, std::string> variants = {};  // item number -> "A" / "B"
  std::optional<ItemValue> stated_total = {};
  std::optional<ItemValue> safety_item = {};  // with a total only
  std::string treatment_label = {};           // partOf
  std::optional<int> session = {};
  std::vector<std::string> doubts = {};
};

void AddAdministration(ImportState& state, CollectedAdministration administration);

}  // namespace refract::fhir
