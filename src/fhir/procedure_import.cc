// Procedure -> psychotherapy, ECT, rTMS and the other non-drug trials.
// - Kind: a code in CodeSystem/treatment-kind (psychotherapy, ect, rtms, itbs, ketamine, esketamine,
//   intensified_care), else the CPT / SNOMED CT code's kind (knowledge/fhir/procedure_codes.json).
// - Psychotherapy modality: a code in CodeSystem/psychotherapy (knowledge/psychotherapies.json ids),
//   else the code's modality (SNOMED 183383008 = cbt), else "other" (doubtful).
// - A Procedure with a performedPeriod or a sessions extension is one course (one trial); single
//   sessions (performedDateTime) of one kind and modality form courses by the persistence rule
//   (a gap longer than permissible_gap_days starts a new course), sessions = their number.
// - Extensions: therapy-format, therapist-experience, ect-laterality, care-setting, combined-with,
//   and the trial facts of trial_facts.h.
#include <algorithm>
#include <map>
#include <set>

#include "fhir_values.h"
#include "import_steps.h"
#include "refract/base/date.h"
#include "trial_facts.h"
#include "trial_ids.h"

namespace refract::fhir {

using nlohmann::json;

namespace {

const std::set<std::string, std::less<>> kKinds = {"psychotherapy", "ect",       "rtms",  "itbs",
                                                   "ketamine",      "esketamine", "intensified_care"};

struct Session {
  const BundleResource* entry = nullptr;
  std::string kind = {};
  std::string modality = {};
  std::string format = {};
  std::string start = {};
  std::string end = {};
  bool course = false;
  bool modality_assumed = false;
};

std::optional<Session> ReadSession(ImportState& state, const BundleResource& entry) {
  const json& procedure = *entry.resource;
  Session session{&entry};
  const json& code = procedure.value("code", json());
  session.kind = CodeIn(code, std::string(kCodeSystemBase) + "treatment-kind");
  for (const Coding& coding : Codings(code)) {
    const auto it = state.tables.procedures.find({coding.system, coding.code});
    if (it == state.tables.procedures.end()) continue;
    if (session.kind.empty()) session.kind = it->second.kind;
    if (session.modality.empty()) session.modality = it->second.modality;
    if (session.format.empty()) session.format = it->second.format;
  }
  if (!kKinds.contains(session.kind)) return std::nullopt;
  if (const std::string modality = CodeIn(code, std::string(kCodeSystemBase) + "psychotherapy"); !modality.empty()) {
    session.modality = modality;
  }
  if (session.kind == "psychotherapy" && session.modality.empty()) {
    session.modality = "other";
    session.modality_assumed = true;
  }
  if (procedure.contains("performedPeriod")) {
    session.start = DatePart(procedure["performedPeriod"].value("start", json()));
    session.end = DatePart(procedure["performedPeriod"].value("end", json()));
    session.course = true;
  } else {
    session.start = DatePart(procedure.value("performedDateTime", json()));
    session.end = session.start;
  }
  session.course = session.course || FirstExtension(procedure, "sessions") != nullptr;
  return session;
}

void SetKindFields(const Session& first, const json& procedure, json& treatment) {
  if (first.kind == "psychotherapy") {
    treatment["modality"] = first.modality;
    if (const json* format = FirstExtension(procedure, "therapy-format")) {
      treatment["format"] = format->value("valueCode", json());
    } else if (!first.format.empty()) {
      treatment["format"] = first.format;
    }
    if (const json* therapist = FirstExtension(procedure, "therapist-experience")) {
      treatment["therapist"] = therapist->value("valueCode", json());
    }
  }
  if (const json* laterality = FirstExtension(procedure, "ect-laterality"); laterality && first.kind == "ect") {
    treatment["laterality"] = laterality->value("valueCode", json());
  }
  if (const json* setting = FirstExtension(procedure, "care-setting")) {
    treatment["setting"] = setting->value("valueCode", json());
  }
}

void BuildCourse(ImportState& state, const std::vector<Session>& sessions) {
  const Session& first = sessions.front();
  const json& procedure = *first.entry->resource;
  json treatment = {{"id", UniqueTrialId(state, procedure)}, {"kind", first.kind}, {"start", first.start}};
  std::string end;
  for (const Session& session : sessions) end = std::max(end, session.end);
  if (!end.empty()) treatment["end"] = end;
  SetKindFields(first, procedure, treatment);
  if (first.kind != "intensified_care") {
    ReadTrialFacts(procedure, treatment);
    if (!first.course) treatment["sessions"] = static_cast<int>(sessions.size());
    if (const std::string base = LinkedResource(state, procedure, "combined-with"); !base.empty()) {
      treatment[kPendingCombinedWith] = base;
    }
  }
  std::vector<std::string> labels;
  for (const Session& session : sessions) labels.push_back(session.entry->label);
  const std::string mapped = "treatments[id=" + treatment["id"].get<std::string>() + "]";
  for (const std::string& label : labels) {
    if (first.modality_assumed) {
      state.Doubtful(label, mapped, "psychotherapy without a modality code: modality 'other' assumed");
    } else {
      state.Used(label, mapped, first.kind + (first.course ? " course" : " session"));
    }
  }
  if (first.kind == "psychotherapy" || first.kind == "ect" || first.kind == "rtms" || first.kind == "itbs" ||
      first.kind == "ketamine" || first.kind == "esketamine") {
    if (!treatment.contains("sessions")) {
      state.Error(first.entry->label + ".extension(sessions)", "a " + first.kind + " course needs its session count");
    }
  }
  AddTrial(state, std::move(treatment), labels);
}

int Gap(const std::string& previous_end, const std::string& next_start) {
  const std::optional<Date> end = Date::Parse(previous_end);
  const std::optional<Date> start = Date::Parse(next_start);
  return end && start ? DaysBetween(*end, *start) - 1 : 0;
}

}  // namespace

void ImportProcedures(ImportState& state) {
  std::vector<Session> singles;
  for (const BundleResource* entry : ResourcesOf(state, "Procedure")) {
    const std::string status = Text(*entry->resource, "status");
    if (status == "not-done" || status == "entered-in-error" || status == "preparation") {
      state.Skipped(entry->label, "status '" + status + "' is not a treatment given");
      continue;
    }
    std::optional<Session> session = ReadSession(state, *entry);
    if (!session) {
      state.Skipped(entry->label, "not a psychotherapy, ECT, rTMS or other Refract treatment code");
    } else if (session->start.empty()) {
      state.Skipped(entry->label, "no performed date");
    } else {
      state.SawDate(session->start);
      state.SawDate(session->end);
      if (session->course) {
        BuildCourse(state, {*session});
      } else {
        singles.push_back(*session);
      }
    }
  }
  std::stable_sort(singles.begin(), singles.end(), [](const Session& a, const Session& b) {
    return std::tie(a.kind, a.modality, a.start) < std::tie(b.kind, b.modality, b.start);
  });
  std::vector<Session> course;
  for (const Session& session : singles) {
    if (!course.empty() && (course.back().kind != session.kind || course.back().modality != session.modality ||
                            Gap(course.back().end, session.start) > state.tables.permissible_gap_days)) {
      BuildCourse(state, course);
      course.clear();
    }
    course.push_back(session);
  }
  if (!course.empty()) BuildCourse(state, course);
}

}  // namespace refract::fhir
