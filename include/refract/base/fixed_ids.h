// Ids from a fixed list known at compile time (the knowledge parameters the engine reads, the
// ranking weights and messages): an id written in the code is checked against the list when it
// compiles, so a lookup by FixedId cannot miss; an id read at run time (from a knowledge table)
// goes through Find, which says when it is not in the list. A FixedTable holds one value per id,
// so that every id of the list always has a value: the loaders report a missing one as a Status.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

namespace refract {

template <const auto& kIds>
class FixedId {
 public:
  // From an id written in the code. An id that is not in the list does not compile.
  template <size_t N>
  consteval FixedId(const char (&id)[N])  // NOLINT: implicit, so that "an.id" reads as an id
      : index_(IndexOfListed(std::string_view(id, N - 1))) {}

  // An id read at run time, or nullopt when the list does not have it.
  static constexpr std::optional<FixedId> Find(std::string_view id) {
    for (size_t i = 0; i < kIds.size(); ++i) {
      if (kIds[i] == id) return FixedId(Index{i});
    }
    return std::nullopt;
  }
  static constexpr size_t size() { return kIds.size(); }
  static constexpr FixedId At(size_t index) { return FixedId(Index{index}); }

  constexpr size_t index() const { return index_; }
  constexpr std::string_view name() const { return kIds[index_]; }
  friend constexpr bool operator==(FixedId, FixedId) = default;

 private:
  struct Index {
    size_t value;
  };
  constexpr explicit FixedId(Index index) : index_(index.value) {}
  static consteval size_t IndexOfListed(std::string_view id) {
    for (size_t i = 0; i < kIds.size(); ++i) {
      if (kIds[i] == id) return i;
    }
    throw "not an id of the list";  // in a constant evaluation: a compile error
  }
  size_t index_;
};

// One value per id of a FixedId list.
template <typename Id, typename Value>
class FixedTable {
 public:
  const Value& operator[](Id id) const { return values_[id.index()]; }
  Value& operator[](Id id) { return values_[id.index()]; }
  // The value of an id read at run time, or nullptr when the list does not have it.
  const Value* Find(std::string_view id) const {
    std::optional<Id> known = Id::Find(id);
    return known ? &values_[known->index()] : nullptr;
  }
  Value* Find(std::string_view id) {
    std::optional<Id> known = Id::Find(id);
    return known ? &values_[known->index()] : nullptr;
  }

 private:
  std::array<Value, Id::size()> values_ = {};
};

}  // namespace refract
