// Every band boundary of every instrument and scheme (measures-decisions.md §1.2, §2.2, §3, §4, §5,
// §6): the last total of each band and the first total of the next.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "measures_test_util.h"

namespace refract::measures {
namespace {

using testing::Instrument;
using testing::ScoreTotal;

struct BandCase {
  const char* instrument;
  const char* scheme;
  int total;
  const char* band;
};

void PrintTo(const BandCase& c, std::ostream* os) {
  *os << c.instrument << "/" << c.scheme << " total " << c.total << " -> " << c.band;
}

class BandTest : public ::testing::TestWithParam<BandCase> {};

TEST_P(BandTest, TotalFallsInItsBand) {
  const BandCase& c = GetParam();
  ScoredAdministration scored =
      ScoreTotal(Instrument(c.instrument), c.total, ScoringOptions{.band_scheme = c.scheme});
  ASSERT_TRUE(scored.total_rounded.has_value());
  EXPECT_EQ(*scored.total_rounded, c.total);
  EXPECT_EQ(scored.band_scheme, c.scheme);
  EXPECT_EQ(scored.band.value_or("<none>"), c.band);
}

const BandCase kBands[] = {
    // PHQ-9 §1.2: 0-4, 5-9, 10-14, 15-19, 20-27.
    {"phq9", "kroenke2001", 0, "none/minimal"},
    {"phq9", "kroenke2001", 4, "none/minimal"},
    {"phq9", "kroenke2001", 5, "mild"},
    {"phq9", "kroenke2001", 9, "mild"},
    {"phq9", "kroenke2001", 10, "moderate"},
    {"phq9", "kroenke2001", 14, "moderate"},
    {"phq9", "kroenke2001", 15, "moderately severe"},
    {"phq9", "kroenke2001", 19, "moderately severe"},
    {"phq9", "kroenke2001", 20, "severe"},
    {"phq9", "kroenke2001", 27, "severe"},
    // GAD-7 §2.2: 0-4, 5-9, 10-14, 15-21.
    {"gad7", "spitzer2006", 0, "minimal"},
    {"gad7", "spitzer2006", 4, "minimal"},
    {"gad7", "spitzer2006", 5, "mild"},
    {"gad7", "spitzer2006", 9, "mild"},
    {"gad7", "spitzer2006", 10, "moderate"},
    {"gad7", "spitzer2006", 14, "moderate"},
    {"gad7", "spitzer2006", 15, "severe"},
    {"gad7", "spitzer2006", 21, "severe"},
    // QIDS-SR16 §3: 0-5, 6-10, 11-15, 16-20, 21-27.
    {"qids_sr16", "rush2003", 0, "none"},
    {"qids_sr16", "rush2003", 5, "none"},
    {"qids_sr16", "rush2003", 6, "mild"},
    {"qids_sr16", "rush2003", 10, "mild"},
    {"qids_sr16", "rush2003", 11, "moderate"},
    {"qids_sr16", "rush2003", 15, "moderate"},
    {"qids_sr16", "rush2003", 16, "severe"},
    {"qids_sr16", "rush2003", 20, "severe"},
    {"qids_sr16", "rush2003", 21, "very severe"},
    {"qids_sr16", "rush2003", 27, "very severe"},
    // HAM-D17 §4, Zimmerman 2013: 0-7, 8-16, 17-23, >= 24.
    {"hamd17", "zimmerman2013", 0, "none"},
    {"hamd17", "zimmerman2013", 7, "none"},
    {"hamd17", "zimmerman2013", 8, "mild"},
    {"hamd17", "zimmerman2013", 16, "mild"},
    {"hamd17", "zimmerman2013", 17, "moderate"},
    {"hamd17", "zimmerman2013", 23, "moderate"},
    {"hamd17", "zimmerman2013", 24, "severe"},
    {"hamd17", "zimmerman2013", 52, "severe"},
    // HAM-D17 §4, CamCOPS / cnsforum: 0-7, 8-13, 14-18, 19-22, >= 23.
    {"hamd17", "camcops", 0, "none"},
    {"hamd17", "camcops", 7, "none"},
    {"hamd17", "camcops", 8, "mild"},
    {"hamd17", "camcops", 13, "mild"},
    {"hamd17", "camcops", 14, "moderate"},
    {"hamd17", "camcops", 18, "moderate"},
    {"hamd17", "camcops", 19, "severe"},
    {"hamd17", "camcops", 22, "severe"},
    {"hamd17", "camcops", 23, "very severe"},
    {"hamd17", "camcops", 52, "very severe"},
    // MADRS §5, Snaith 1986: 0-6, 7-19, 20-34, 35-60.
    {"madrs", "snaith1986", 0, "normal/absent"},
    {"madrs", "snaith1986", 6, "normal/absent"},
    {"madrs", "snaith1986", 7, "mild"},
    {"madrs", "snaith1986", 19, "mild"},
    {"madrs", "snaith1986", 20, "moderate"},
    {"madrs", "snaith1986", 34, "moderate"},
    {"madrs", "snaith1986", 35, "severe"},
    {"madrs", "snaith1986", 60, "severe"},
    // MADRS §5, alternative cut points 12 / 24 / 35.
    {"madrs", "snaith1986_alt", 11, "normal/absent"},
    {"madrs", "snaith1986_alt", 12, "mild"},
    {"madrs", "snaith1986_alt", 23, "mild"},
    {"madrs", "snaith1986_alt", 24, "moderate"},
    {"madrs", "snaith1986_alt", 34, "moderate"},
    {"madrs", "snaith1986_alt", 35, "severe"},
    // BDI-II §6 (totals only): 0-13, 14-19, 20-28, 29-63.
    {"bdi2", "beck1996", 0, "minimal"},
    {"bdi2", "beck1996", 13, "minimal"},
    {"bdi2", "beck1996", 14, "mild"},
    {"bdi2", "beck1996", 19, "mild"},
    {"bdi2", "beck1996", 20, "moderate"},
    {"bdi2", "beck1996", 28, "moderate"},
    {"bdi2", "beck1996", 29, "severe"},
    {"bdi2", "beck1996", 63, "severe"},
};

INSTANTIATE_TEST_SUITE_P(AllInstruments, BandTest, ::testing::ValuesIn(kBands));

TEST(BandDefaultsTest, DefaultSchemesAreDocumented) {
  EXPECT_EQ(Instrument("hamd17").default_band_scheme, "zimmerman2013");
  EXPECT_EQ(Instrument("madrs").default_band_scheme, "snaith1986");
  EXPECT_EQ(ScoreTotal(Instrument("hamd17"), 20).band, "moderate");
}

TEST(BandDefaultsTest, UnknownSchemeIsAnError) {
  ItemResponses responses;
  responses.items = testing::ItemsForTotal(Instrument("phq9"), 3);
  StatusOr<ScoredAdministration> scored =
      Score(Instrument("phq9"), responses, ScoringOptions{.band_scheme = "zimmerman2013"});
  ASSERT_FALSE(scored.ok());
  EXPECT_EQ(scored.status().message(), "PHQ-9 has no band scheme 'zimmerman2013'");
}

TEST(BandDefaultsTest, EveryIntegerTotalMapsToExactlyOneBand) {
  for (const InstrumentDefinition& instrument : testing::Knowledge().instruments) {
    for (const BandScheme& scheme : instrument.band_schemes) {
      for (int total = instrument.total_min; total <= instrument.total_max; ++total) {
        EXPECT_NE(FindBand(scheme, total), nullptr)
            << instrument.id << "/" << scheme.id << " " << total;
      }
    }
  }
}

}  // namespace
}  // namespace refract::measures
