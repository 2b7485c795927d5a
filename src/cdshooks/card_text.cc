#include "card_text.h"

#include <fmt/format.h>

#include "refract/app/assess.h"

namespace refract::cdshooks::internal {
namespace {

constexpr size_t kSummaryMax = 139;  // characters (the validator rejects 140 or more)

// `text` cut to at most `limit` characters (UTF-8 code points), ending in "…" when cut.
std::string Shorten(const std::string& text, size_t limit) {
  size_t characters = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
    if (characters == limit - 1) return text.substr(0, i) + "\u2026";
    ++characters;
  }
  return text;
}

}  // namespace

Card NewCard(const CardSettings& settings, const std::string& indicator, const std::string& topic,
             const std::string& summary, const std::string& detail) {
  Card card;
  card.uuid = settings.new_uuid();
  card.indicator = indicator;
  card.summary = Shorten(summary, kSummaryMax);
  card.detail = detail + "\n\n" + kDecisionSupportDisclaimer;
  card.source.label = fmt::format("Refract (knowledge {})", settings.knowledge_version);
  card.source.url = settings.app_url;
  card.source.topic = Coding{topic, kTopicSystem, ""};
  if (indicator != "info") card.override_reasons = OverrideReasons();
  return card;
}

std::vector<Coding> OverrideReasons() {
  return {
      {"already-addressed", "urn:refract:cds-override-reason", "Already addressed"},
      {"clinical-judgement", "urn:refract:cds-override-reason",
       "Clinical judgement: not applicable to this patient"},
      {"history-incomplete", "urn:refract:cds-override-reason",
       "The treatment history in the EHR is incomplete"},
      {"patient-preference", "urn:refract:cds-override-reason", "Patient preference"},
  };
}

nlohmann::json ServiceRequest(const std::string& patient_ref, const nlohmann::json& code,
                              const std::string& note) {
  return {{"resourceType", "ServiceRequest"},
          {"status", "draft"},
          {"intent", "proposal"},
          {"code", code},
          {"subject", {{"reference", patient_ref}}},
          {"note", nlohmann::json::array({{{"text", note}}})}};
}

std::string Ordinal(int n) {
  const char* suffix = "th";
  if (n % 100 < 11 || n % 100 > 13) {
    if (n % 10 == 1) suffix = "st";
    if (n % 10 == 2) suffix = "nd";
    if (n % 10 == 3) suffix = "rd";
  }
  return fmt::format("{}{}", n, suffix);
}

}  // namespace refract::cdshooks::internal
