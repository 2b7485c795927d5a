#include "refract/base/edit_distance.h"

#include <algorithm>
#include <cctype>

namespace refract {
namespace {

std::string Lower(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower;
}

}  // namespace

int EditDistance(std::string_view a, std::string_view b) {
  const size_t n = a.size();
  const size_t m = b.size();
  // d[i][j]: distance between the first i characters of a and the first j of b.
  std::vector<std::vector<int>> d(n + 1, std::vector<int>(m + 1, 0));
  for (size_t i = 0; i <= n; ++i) d[i][0] = static_cast<int>(i);
  for (size_t j = 0; j <= m; ++j) d[0][j] = static_cast<int>(j);
  for (size_t i = 1; i <= n; ++i) {
    for (size_t j = 1; j <= m; ++j) {
      const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[n][m];
}

std::vector<std::string> NearestCandidates(std::string_view input,
                                           const std::vector<std::string>& candidates,
                                           size_t limit) {
  const std::string lower = Lower(input);
  const int length = static_cast<int>(lower.size());
  const int threshold = std::min(std::max(1, length / 3), length - 1);
  int best = threshold + 1;
  std::vector<std::string> nearest;
  for (const std::string& candidate : candidates) {
    const int distance = EditDistance(lower, Lower(candidate));
    if (distance > threshold || distance > best) continue;
    if (distance < best) nearest.clear();
    best = distance;
    if (nearest.size() < limit &&
        std::find(nearest.begin(), nearest.end(), candidate) == nearest.end())
      nearest.push_back(candidate);
  }
  return nearest;
}

}  // namespace refract
