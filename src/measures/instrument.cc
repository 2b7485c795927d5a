#include "refract/measures/instrument.h"

#include <algorithm>

#include "refract/measures/parameters.h"

namespace refract::measures {
namespace {

template <typename T>
const T* FindById(const std::vector<T>& rows, std::string_view id) {
  auto it = std::find_if(rows.begin(), rows.end(), [&](const T& row) { return row.id == id; });
  return it == rows.end() ? nullptr : &*it;
}

}  // namespace

std::string_view ToString(Direction direction) {
  return direction == Direction::kHigherWorse ? "higher_worse" : "higher_better";
}

std::string_view ToString(Rater rater) { return rater == Rater::kSelf ? "self" : "clinician"; }

const ItemDefinition* InstrumentDefinition::FindItem(int number) const {
  auto it = std::find_if(items.begin(), items.end(),
                         [&](const ItemDefinition& item) { return item.number == number; });
  return it == items.end() ? nullptr : &*it;
}

const BandScheme* InstrumentDefinition::FindBandScheme(std::string_view scheme_id) const {
  return FindById(band_schemes, scheme_id.empty() ? default_band_scheme : scheme_id);
}

const Parameter* InstrumentDefinition::FindRemission(std::string_view threshold_id) const {
  return FindById(remission, threshold_id.empty() ? default_remission : threshold_id);
}

const Parameter* InstrumentDefinition::FindReliableChange(std::string_view value_id) const {
  return FindById(reliable_change, value_id.empty() ? default_reliable_change : value_id);
}

const Subscale* InstrumentDefinition::FindSubscale(std::string_view subscale_id) const {
  return FindById(subscales, subscale_id);
}

const InstrumentDefinition* FindInstrument(const std::vector<InstrumentDefinition>& instruments,
                                           std::string_view id) {
  return FindById(instruments, id);
}

std::vector<Instrument> TrialOutcomeInstruments(
    const std::vector<InstrumentDefinition>& instruments) {
  std::vector<Instrument> outcomes;
  for (const InstrumentDefinition& definition : instruments) {
    const Parameter* remission = definition.FindRemission("");
    if (!definition.trial_outcome || !remission) continue;
    outcomes.push_back(Instrument{definition.id, definition.name, definition.total_max,
                                  static_cast<int>(remission->value), remission->provenance});
  }
  return outcomes;
}

const Band* FindBand(const BandScheme& scheme, int total) {
  const Band* found = nullptr;
  for (const Band& band : scheme.bands) {
    if (band.min <= total) found = &band;
  }
  return found;
}

PercentChangeParameters PercentChangeThresholds(const KnowledgeBase& knowledge) {
  return {knowledge.Param("outcome.response_pct"), knowledge.Param("outcome.partial_response_pct")};
}

bool AnyUnconfirmed(const std::vector<Parameter>& basis) {
  return std::any_of(basis.begin(), basis.end(), [](const Parameter& parameter) {
    return parameter.provenance.tag == Tag::kUnconfirmed;
  });
}

}  // namespace refract::measures
