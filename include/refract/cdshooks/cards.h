// The cards Refract answers with (CDS Hooks 2.0.1 "CDS Service Response"), built from an
// Assessment of the patient. Every card: a uuid (for feedback), a summary shorter than 140
// characters, indicator info|warning|critical, source label "Refract (knowledge <version>)" with a
// topic, and the decision-support wording in its detail. Warning and critical cards carry
// overrideReasons. They pass the card rules (refract/cdshooks/card_rules.h).
//
// patient-view:
// - the summary card (info): the stage under the default model (Maudsley 2009) and under Markowitz
//   2022, "no adequate psychotherapy yet" when no evidence-based psychotherapy trial was adequate
//   in this episode, the top next-step options; with a suggestion to order a PHQ-9 (a FHIR R4
//   ServiceRequest) when the options engine finds no self-harm item within safety.recent_days
//   (knowledge/ranking.json; the SAFETY_NOT_ASSESSED action);
// - one critical card when a self-harm item is positive (every positive item listed, never hidden),
//   with the options engine's safety action;
// - a link card to the Refract app (absolute URL).
// order-select / order-sign, for each draft antidepressant order:
// - warning: the order would be the third or later antidepressant in this episode without an
//   adequate psychotherapy trial (with a suggestion to refer for psychotherapy);
// - critical: an interaction caution of the options knowledge that applies (an MAOI with an ongoing
//   serotonergic drug: option "maoi", condition serotonergic_medication; any antidepressant with an
//   ongoing MAOI: option "combination", condition maoi_ongoing), with its source;
// - esketamine: the label criterion (option "esketamine" eligibility: failed adequate
// antidepressant
//   trials in this episode) as info when met, warning when not, with the interaction cautions that
//   apply.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "refract/app/assess.h"
#include "refract/cdshooks/model.h"
#include "refract/knowledge/knowledge.h"

namespace refract::cdshooks {

struct CardSettings {
  std::string knowledge_version;
  std::string app_url = "http://127.0.0.1:8080/app/";  // the Refract app (absolute)
  std::function<std::string()> new_uuid;               // a fresh UUID per card and suggestion
};

// A draft MedicationRequest Refract recognised: `agent` is a knowledge id (antidepressant id or
// "esketamine").
struct DraftOrder {
  std::string resource_id;  // "MedicationRequest/123"
  std::string agent;
  std::string name;  // the knowledge's name ("Sertraline")
};

// The antidepressant (and esketamine) orders of context.draftOrders: for order-select only those
// named in context.selections; for order-sign all. Medications are recognised by name (the
// coding display or the text, matched against the knowledge's names and aliases).
std::vector<DraftOrder> ReadDraftOrders(const nlohmann::json& context, bool selected_only,
                                        const KnowledgeBase& knowledge);

// True when no evidence-based psychotherapy trial was adequate in this episode (MDD only: the
// not-adequately-tried list names the psychotherapy class).
bool NoAdequatePsychotherapy(const Assessment& assessment);

std::vector<Card> PatientViewCards(const Assessment& assessment, const std::string& patient_ref,
                                   const CardSettings& settings);

std::vector<Card> OrderCards(const Assessment& assessment, const std::vector<DraftOrder>& orders,
                             const KnowledgeBase& knowledge, const std::string& patient_ref,
                             const CardSettings& settings);

}  // namespace refract::cdshooks
