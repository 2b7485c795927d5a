// One study-level effect ready for pooling, as produced by the input adapters (Metapsy, meta CSV).
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace refract::evidence {

// Where yi/vi came from.
enum class EffectSource {
  kGiven,            // taken from the input (yi/vi, or Metapsy's .g/.g_se)
  kComputedFromRaw,  // computed by refract::stats from raw data (means/SDs/ns, 2x2 counts, r/n)
};

struct EffectRecord {
  std::string label;  // shown in tables and forest plots
  std::string study;  // identifies the study when effects are combined per study
  double yi = 0;
  double vi = 0;
  EffectSource source = EffectSource::kGiven;
  int line = 0;  // physical input line (1-based), for messages
  // Every input column by name (raw text), for subgrouping and filters.
  std::map<std::string, std::string, std::less<>> attributes;
};

using EffectRecords = std::vector<EffectRecord>;

}  // namespace refract::evidence
