// libFuzzer target for every parser an HTTP request body reaches in `refract serve`, without
// sockets (docs/fuzzing.md, docs/server.md).
//
// Each input is, at once:
// - the body of an httplib::Request read by api::ParseJsonObject; an object is then read as the
//   body of every account, score and meta route (src/server/request_bodies.h), scored or pooled by
//   the engine when accepted, and applied as a trial or assessment (add and correct,
//   src/server/record_edit.h) to a fixed valid record, whose edit is validated by the engine as
//   the server does before storing it;
// - a refract-patient/1 document for Engine::ParseRecord (POST /api/v1/assess, PUT of a patient),
//   assessed when accepted;
// - the `as_of` date of RecordAsOf, the trial id of RetractTrial and (its first bytes) the index
//   of CorrectAssessment/RetractAssessment, on the fixed record.
// Nothing may crash, leak, hit undefined behaviour or throw (the server would turn a throw into a
// 500): every rejection is a Status with a message.
#include <httplib.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "api.h"
#include "record_edit.h"
#include "refract/engine/engine.h"
#include "refract/engine/meta_output.h"
#include "refract/io/assessment_json.h"
#include "refract/io/score_json.h"
#include "request_bodies.h"

namespace {

using nlohmann::json;
namespace api = refract::server::api;
namespace server = refract::server;

const refract::Engine& TheEngine() {
  static const refract::Engine* const kEngine = [] {
    refract::StatusOr<refract::Engine> engine =
        refract::Engine::Create(refract::EmbeddedKnowledgeSource());
    if (!engine.ok()) std::abort();  // the embedded tables are checked by the unit tests
    return new refract::Engine(std::move(engine).value());
  }();
  return *kEngine;
}

// The fixed valid record (REFRACT_FUZZ_RECORD, set by fuzz/CMakeLists.txt): trials S1, S2, P1 and
// nine assessments.
const json& TheRecord() {
  static const json* const kRecord = [] {
    std::ifstream file(REFRACT_FUZZ_RECORD);
    std::stringstream text;
    text << file.rdbuf();
    json record = json::parse(text.str(), nullptr, false);
    if (!record.is_object() ||
        !TheEngine().ParseRecord(text.str(), refract::RecordSyntax::kJson).ok()) {
      std::abort();
    }
    return new json(std::move(record));
  }();
  return *kRecord;
}

void CheckRejection(const refract::Status& status) {
  if (status.ok() || status.message().empty()) std::abort();
}

// A record accepted by the reader must assess and serialise.
void CheckRecordText(const std::string& text) {
  refract::StatusOr<refract::PatientRecord> record =
      TheEngine().ParseRecord(text, refract::RecordSyntax::kJson);
  if (!record.ok()) return CheckRejection(record.status());
  refract::StatusOr<refract::Assessment> assessment =
      TheEngine().Assess(*record, refract::AssessOptions{});
  if (!assessment.ok()) return CheckRejection(assessment.status());
  if (refract::AssessmentToJson(*assessment, false).empty()) std::abort();
}

// An edit the sub-resource route would store: validated by the engine first, as ChangePatient
// does (assessing every edit would cost a full assessment per mutation; the patient parser target
// covers accepted records through AssessPatient).
void CheckEdit(const refract::StatusOr<json>& edited) {
  if (!edited.ok()) return CheckRejection(edited.status());
  refract::StatusOr<refract::PatientRecord> record =
      TheEngine().ParseRecord(edited->dump(), refract::RecordSyntax::kJson);
  if (!record.ok()) CheckRejection(record.status());
}

template <typename T>
void CheckRead(const refract::StatusOr<T>& read) {
  if (!read.ok()) CheckRejection(read.status());
}

void AccountBodies(const json& body) {
  CheckRead(api::ReadSignIn(body));
  CheckRead(api::ReadNewUser(body));
  CheckRead(api::ReadUserUpdate(body));
  CheckRead(api::ReadTokenName(body));
  for (const char* key : {"id", "instrument", "date", "reason"}) {
    if (api::TextOr(body, key, "fallback").empty()) std::abort();
  }
}

void ScoreAndMeta(const json& body) {
  refract::StatusOr<refract::ScoreRequest> score = api::ReadScoreRequest(body);
  if (score.ok()) {
    refract::StatusOr<refract::ScoreResult> result = TheEngine().Score(*score);
    if (result.ok()) {
      if (refract::ScoreToJson(*result->instrument, result->scored, -1).empty()) std::abort();
    } else {
      CheckRejection(result.status());
    }
  } else {
    CheckRejection(score.status());
  }
  refract::StatusOr<refract::MetaRequest> meta = api::ReadMetaRequest(body);
  if (!meta.ok()) return CheckRejection(meta.status());
  refract::StatusOr<refract::MetaResult> result = TheEngine().Meta(*meta);
  if (!result.ok()) return CheckRejection(result.status());
  if (refract::RenderMetaJson(refract::MetaReport{std::move(*result), "request"}).empty()) {
    std::abort();
  }
}

void SubResourceBodies(const json& body) {
  CheckEdit(server::AddTrial(TheRecord(), body));
  CheckEdit(server::CorrectTrial(TheRecord(), "S2", body));
  CheckEdit(server::AddAssessment(TheRecord(), body));
  CheckEdit(server::CorrectAssessment(TheRecord(), 4, body));
}

void AddressesAndDates(const std::string& text, const uint8_t* data, size_t size) {
  // GET .../assessment?as_of=: the record as of the date is assessed.
  refract::StatusOr<json> as_of = server::RecordAsOf(TheRecord(), text);
  if (as_of.ok()) {
    CheckRecordText(as_of->dump());
  } else {
    CheckRejection(as_of.status());
  }
  CheckEdit(server::RetractTrial(TheRecord(), text));
  size_t index = 0;
  for (size_t i = 0; i < size && i < 2; ++i) index = index * 256 + data[i];
  CheckEdit(server::RetractAssessment(TheRecord(), index % 12));
  CheckEdit(server::CorrectAssessment(TheRecord(), index % 12, TheRecord()["assessments"][0]));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  httplib::Request request;
  request.method = "POST";
  request.body = text;
  refract::StatusOr<json> body = api::ParseJsonObject(request);
  if (body.ok()) {
    AccountBodies(*body);
    ScoreAndMeta(*body);
    SubResourceBodies(*body);
  } else {
    CheckRejection(body.status());
  }
  if (api::CheckJsonDepth(text).ok()) CheckRecordText(text);  // as POST /api/v1/assess
  AddressesAndDates(text, data, size);
  return 0;
}
