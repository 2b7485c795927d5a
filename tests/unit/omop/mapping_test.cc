#include "refract/omop/mapping.h"

#include <gtest/gtest.h>

#include "refract/omop/cohort.h"

namespace refract::omop {
namespace {

TEST(OmopMapping, EmbeddedTablesParse) {
  StatusOr<OmopMapping> mapping = ParseOmopMapping(EmbeddedOmopMappingText());
  ASSERT_TRUE(mapping.ok()) << mapping.status().message();
  EXPECT_EQ(mapping->Param("drug_era_gap_days"), 30);
  EXPECT_FALSE(mapping->ingredients.empty());
  EXPECT_EQ(mapping->generic_psychotherapy_modality, "cbt");
}

TEST(OmopMapping, ErrorsNameThePath) {
  StatusOr<OmopMapping> mapping = ParseOmopMapping(
      R"({"format": "refract-omop-mapping/1", "version": "x", "conditions": [{"vocabulary":
      "SNOMED", "code": "1", "tag": "X", "source": "s", "role": "mood"}], "ingredients": [],
      "procedures": [], "instruments": [], "parameters": []})");
  ASSERT_FALSE(mapping.ok());
  const std::string message = mapping.status().message();
  EXPECT_NE(message.find("$.conditions[0].tag"), std::string::npos) << message;
  EXPECT_NE(message.find("$.conditions[0].role"), std::string::npos) << message;
  EXPECT_NE(message.find("missing parameter 'episode_gap_days'"), std::string::npos) << message;
}

TEST(OmopMapping, UnknownCodesAreReportedWhenResolving) {
  StatusOr<OmopMapping> mapping = ParseOmopMapping(EmbeddedOmopMappingText());
  ASSERT_TRUE(mapping.ok());
  const ResolvedMapping resolved = ResolveMapping(*mapping, Vocabulary{});
  ASSERT_GE(resolved.warnings.size(), 3u);
  EXPECT_NE(resolved.warnings[0].find("concept_ancestor is empty"), std::string::npos);
  EXPECT_TRUE(resolved.ingredients.contains(739138));  // sertraline, id from the code table
}

}  // namespace
}  // namespace refract::omop
