#include "yaml_document.h"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <set>
#include <sstream>
#include <vector>

namespace refract::io_internal {
namespace {

using nlohmann::json;

std::string At(const YAML::Mark& mark) {
  return "line " + std::to_string(mark.line + 1) + ", column " + std::to_string(mark.column + 1);
}

// Stops the event stream after an error the document cannot be read past (a non-scalar key).
struct StopReading {};

// Builds the JSON tree from yaml-cpp's parse events, keeping the JSON path of every node. `Json` is
// nlohmann::json, or nlohmann::ordered_json to keep the document's key order.
template <typename Json>
class JsonBuilder : public YAML::EventHandler {
 public:
  explicit JsonBuilder(std::vector<FieldError>& errors) : errors_(errors) {}

  Json TakeRoot() { return std::move(root_); }

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    CheckAnchor(mark, anchor);
    if (AwaitingKey()) return SetKey(mark, "");
    Place(Json(nullptr));
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override {
    Error(AwaitingKey() ? Top().path : ChildPath(), mark,
          "aliases (*name) are not accepted: write the value out");
    if (AwaitingKey()) return SetKey(mark, "*");
    Place(Json(nullptr));
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    CheckAnchor(mark, anchor);
    CheckTag(mark, tag);
    if (AwaitingKey()) return SetKey(mark, value);
    Place(tag == "?" ? Json(ResolvePlainScalar(value)) : Json(value));
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    Open(mark, tag, anchor, Json::array());
  }
  void OnSequenceEnd() override { Close(); }

  void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    Open(mark, tag, anchor, Json::object());
  }
  void OnMapEnd() override { Close(); }

 private:
  struct Frame {
    Json value;
    std::string path;
    bool awaiting_key = true;  // maps only
    std::string key;
  };

  Frame& Top() { return stack_.back(); }
  bool AwaitingKey() const {
    return !stack_.empty() && stack_.back().value.is_object() && stack_.back().awaiting_key;
  }
  std::string ChildPath() const {
    if (stack_.empty()) return "$";
    const Frame& top = stack_.back();
    if (top.value.is_object()) return top.path + "." + top.key;
    return top.path + "[" + std::to_string(top.value.size()) + "]";
  }

  void Error(const std::string& path, const YAML::Mark& mark, const std::string& rule) {
    errors_.push_back({path, rule + " (" + At(mark) + ")"});
  }
  void CheckAnchor(const YAML::Mark& mark, YAML::anchor_t anchor) {
    if (anchor != YAML::NullAnchor) {
      Error(AwaitingKey() ? Top().path : ChildPath(), mark,
            "anchors (&name) are not accepted: write each value out");
    }
  }
  void CheckTag(const YAML::Mark& mark, const std::string& tag) {
    if (tag != "?" && tag != "!") {
      Error(AwaitingKey() ? Top().path : ChildPath(), mark,
            "tags ('" + tag + "') are not accepted: write the plain value");
    }
  }

  void SetKey(const YAML::Mark& mark, const std::string& key) {
    Frame& top = Top();
    top.key = key;
    top.awaiting_key = false;
    if (key.empty()) {
      Error(top.path, mark, "a key must not be empty");
    } else if (top.value.contains(key)) {
      Error(ChildPath(), mark, "duplicate key: each field may appear once");
    }
  }

  void Place(Json value) {
    if (stack_.empty()) {
      root_ = std::move(value);
      return;
    }
    Frame& top = Top();
    if (top.value.is_object()) {
      if (!top.value.contains(top.key)) top.value[top.key] = std::move(value);
      top.awaiting_key = true;
    } else {
      top.value.push_back(std::move(value));
    }
  }

  void Open(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor, Json empty) {
    if (AwaitingKey()) {
      Error(Top().path, mark, "a key must be a plain or quoted scalar, not a list or map");
      throw StopReading{};
    }
    CheckAnchor(mark, anchor);
    CheckTag(mark, tag);
    stack_.push_back(Frame{std::move(empty), ChildPath(), true, ""});
  }

  void Close() {
    Json value = std::move(Top().value);
    stack_.pop_back();
    Place(std::move(value));
  }

  std::vector<FieldError>& errors_;
  std::vector<Frame> stack_;
  Json root_;
};

// Counts the documents after the first without building anything.
class DocumentCounter : public YAML::EventHandler {
 public:
  YAML::Mark start;
  void OnDocumentStart(const YAML::Mark& mark) override { start = mark; }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t,
                const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}
};

// Character tests for the core-schema number forms (no std::regex: libstdc++'s regex recurses per
// character and can exhaust the stack on a long scalar).
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsOctalDigit(char c) { return c >= '0' && c <= '7'; }
bool IsHexDigit(char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; }

// At least one character, all passing `test`.
bool AllOf(std::string_view text, bool (*test)(char)) {
  return !text.empty() && std::all_of(text.begin(), text.end(), test);
}

std::string_view WithoutSign(std::string_view text) {
  return !text.empty() && (text[0] == '-' || text[0] == '+') ? text.substr(1) : text;
}

// [-+]?[0-9]+
bool IsDecimalInteger(std::string_view text) { return AllOf(WithoutSign(text), IsDigit); }

// [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?
bool IsCoreFloat(std::string_view text) {
  std::string_view rest = WithoutSign(text);
  const size_t exponent = rest.find_first_of("eE");
  if (exponent != std::string_view::npos) {
    if (!IsDecimalInteger(rest.substr(exponent + 1))) return false;
    rest = rest.substr(0, exponent);
  }
  const size_t point = rest.find('.');
  if (point == std::string_view::npos) return AllOf(rest, IsDigit);
  const std::string_view whole = rest.substr(0, point);
  const std::string_view fraction = rest.substr(point + 1);
  const bool fraction_ok = fraction.empty() || AllOf(fraction, IsDigit);
  return whole.empty() ? AllOf(fraction, IsDigit) : AllOf(whole, IsDigit) && fraction_ok;
}

// strtod never throws: a value beyond the double range becomes +-infinity (which the reader
// rejects as out of range), unlike std::stod.
double ToDouble(const std::string& text) { return std::strtod(text.c_str(), nullptr); }

json ResolveInteger(const std::string& text, int base, size_t skip) {
  errno = 0;
  const long long value = std::strtoll(text.c_str() + skip, nullptr, base);
  if (errno != ERANGE) return json(value);
  return base == 10 ? json(ToDouble(text)) : json(text);
}

}  // namespace

json ResolvePlainScalar(const std::string& text) {
  static const std::set<std::string, std::less<>> kNull = {"null", "Null", "NULL", "~", ""};
  static const std::set<std::string, std::less<>> kTrue = {"true", "True", "TRUE"};
  static const std::set<std::string, std::less<>> kFalse = {"false", "False", "FALSE"};
  static const std::set<std::string, std::less<>> kInfinity = {
      ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF"};
  static const std::set<std::string, std::less<>> kNan = {".nan", ".NaN", ".NAN"};
  const std::string_view view = text;
  if (kNull.contains(text)) return json(nullptr);
  if (kTrue.contains(text)) return json(true);
  if (kFalse.contains(text)) return json(false);
  if (IsDecimalInteger(view)) return ResolveInteger(text, 10, 0);
  if (view.starts_with("0o") && AllOf(view.substr(2), IsOctalDigit)) {
    return ResolveInteger(text, 8, 2);
  }
  if (view.starts_with("0x") && AllOf(view.substr(2), IsHexDigit)) {
    return ResolveInteger(text, 16, 2);
  }
  if (IsCoreFloat(view)) return json(ToDouble(text));
  if (kInfinity.contains(text)) {
    return json(text[0] == '-' ? -std::numeric_limits<double>::infinity()
                               : std::numeric_limits<double>::infinity());
  }
  if (kNan.contains(text)) return json(std::numeric_limits<double>::quiet_NaN());
  return json(text);
}

template <typename Json>
StatusOr<Json> YamlToTree(std::string_view text) {
  std::istringstream stream{std::string(text)};
  std::vector<FieldError> errors;
  JsonBuilder<Json> builder(errors);
  try {  // the adapter edge: yaml-cpp's exceptions become a Status
    YAML::Parser parser(stream);
    if (!parser.HandleNextDocument(builder)) {
      return Status::InvalidFields({{"$", "the file holds no YAML document"}});
    }
    DocumentCounter counter;
    if (parser.HandleNextDocument(counter)) {
      errors.push_back({"$", "a record file must hold one YAML document; another starts at " +
                                 At(counter.start)});
    }
  } catch (const YAML::Exception& error) {
    return Status::InvalidFields({{"$", "not valid YAML: " + At(error.mark) + ": " + error.msg}});
  } catch (const StopReading&) {
  }
  if (!errors.empty()) return Status::InvalidFields(errors);
  return builder.TakeRoot();
}

StatusOr<json> YamlToJson(std::string_view text) { return YamlToTree<json>(text); }

StatusOr<nlohmann::ordered_json> YamlToOrderedJson(std::string_view text) {
  return YamlToTree<nlohmann::ordered_json>(text);
}

}  // namespace refract::io_internal
