#include "refract/base/edit_distance.h"

#include <gtest/gtest.h>

namespace refract {
namespace {

TEST(EditDistanceTest, CountsInsertionsDeletionsAndSubstitutions) {
  EXPECT_EQ(EditDistance("", ""), 0);
  EXPECT_EQ(EditDistance("abc", ""), 3);
  EXPECT_EQ(EditDistance("aripiprazol", "aripiprazole"), 1);
  EXPECT_EQ(EditDistance("sertraline", "sertaline"), 1);
  EXPECT_EQ(EditDistance("kitten", "sitting"), 3);
}

TEST(EditDistanceTest, AnAdjacentTranspositionCostsOne) {
  EXPECT_EQ(EditDistance("setraline", "sertaline"), 1);
  EXPECT_EQ(EditDistance("setraline", "sertraline"), 1);
  EXPECT_EQ(EditDistance("lithuim", "lithium"), 1);
  EXPECT_EQ(EditDistance("ab", "ba"), 1);
}

TEST(NearestCandidatesTest, SuggestsTheNearestWithinTheThreshold) {
  const std::vector<std::string> ids = {"quetiapine", "aripiprazole", "brexpiprazole", "lithium"};
  EXPECT_EQ(NearestCandidates("aripiprazol", ids), std::vector<std::string>{"aripiprazole"});
  EXPECT_EQ(NearestCandidates("LITHUIM", ids), std::vector<std::string>{"lithium"});
  EXPECT_TRUE(NearestCandidates("haloperidol", ids).empty());
}

TEST(NearestCandidatesTest, NeverSuggestsByReplacingEveryCharacter) {
  EXPECT_TRUE(NearestCandidates("X", {"V", "E", "U", "D"}).empty());
  EXPECT_TRUE(NearestCandidates("", {"V"}).empty());
}

TEST(NearestCandidatesTest, ListsTiesInCandidateOrder) {
  const std::vector<std::string> ids = {"mild", "moderate", "wild", "severe"};
  EXPECT_EQ(NearestCandidates("xild", ids), (std::vector<std::string>{"mild", "wild"}));
  EXPECT_EQ(NearestCandidates("xild", ids, 1), std::vector<std::string>{"mild"});
}

}  // namespace
}  // namespace refract
