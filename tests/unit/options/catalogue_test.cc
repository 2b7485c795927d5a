#include "refract/options/catalogue.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace refract {
namespace {

using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::Pointee;

Intervention Row(std::string id, std::vector<std::string> classes) {
  Intervention row;
  row.id = std::move(id);
  row.treatment_classes = std::move(classes);
  return row;
}

InterventionCatalogue SmallCatalogue() {
  InterventionCatalogue catalogue;
  catalogue.interventions = {Row("rtms", {"rtms"}), Row("itbs", {"rtms"}), Row("vns", {})};
  return catalogue;
}

TEST(CatalogueTest, FindInterventionReturnsTheRowWithThatId) {
  const InterventionCatalogue catalogue = SmallCatalogue();
  const Intervention* row = catalogue.FindIntervention("itbs");
  ASSERT_NE(row, nullptr);
  EXPECT_EQ(row->id, "itbs");
}

TEST(CatalogueTest, FindInterventionReturnsNullForAnUnknownId) {
  EXPECT_EQ(SmallCatalogue().FindIntervention("tdcs"), nullptr);
  EXPECT_EQ(InterventionCatalogue().FindIntervention("rtms"), nullptr);
}

TEST(CatalogueTest, ForTreatmentClassKeepsCatalogueOrder) {
  const InterventionCatalogue catalogue = SmallCatalogue();
  EXPECT_THAT(catalogue.ForTreatmentClass("rtms"),
              ElementsAre(Pointee(Field(&Intervention::id, "rtms")),
                          Pointee(Field(&Intervention::id, "itbs"))));
  EXPECT_TRUE(catalogue.ForTreatmentClass("ect").empty());
}

TEST(CatalogueTest, EnumNamesAreTheJsonSpellings) {
  EXPECT_EQ(ToString(InterventionCategory::kMedicationStrategy), "medication_strategy");
  EXPECT_EQ(ToString(EvidencePopulation::kGeneralDepression), "general_depression");
  EXPECT_EQ(ToString(EffectMeasure::kPrePostEs), "pre_post_es");
  EXPECT_EQ(ToString(EvidenceLevel::kNoCompletedTrdTrial), "no_completed_trd_trial");
  EXPECT_EQ(ToString(SettingLevel::kClinicalTrialOnly), "clinical_trial_only");
}

TEST(CatalogueTest, EveryEvidenceLevelIsDescribedInWords) {
  for (EvidenceLevel level :
       {EvidenceLevel::kTrdMetaAnalysis, EvidenceLevel::kInadequateResponseMetaAnalysis,
        EvidenceLevel::kTrdRct, EvidenceLevel::kInadequateResponseRct,
        EvidenceLevel::kTrdNonRandomised, EvidenceLevel::kIndirect, EvidenceLevel::kNoTrdEstimate,
        EvidenceLevel::kNoCompletedTrdTrial, EvidenceLevel::kNotReviewed}) {
    EXPECT_NE(Describe(level), "?") << ToString(level);
    EXPECT_NE(Describe(level), ToString(level));
  }
  EXPECT_EQ(Describe(EvidenceLevel::kIndirect), "indirect evidence (not TRD)");
}

}  // namespace
}  // namespace refract
