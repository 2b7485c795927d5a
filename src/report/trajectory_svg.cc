#include "refract/report/trajectory_svg.h"

#include <fmt/format.h>

#include <algorithm>

#include "refract/app/assess.h"
#include "svg_text.h"

namespace refract::report {
namespace {

constexpr double kWidth = 760;
constexpr double kLeft = 60;
constexpr double kRight = 150;  // band labels
constexpr double kPlotTop = 110;
constexpr double kPlotHeight = 260;
constexpr const char* kBandColours[] = {"#eef7ee", "#fdf6e3", "#fdebd3", "#fbd9c9", "#f7c6c0"};

struct Frame {
  Date first;
  int span_days = 1;
  int y_min = 0;
  int y_max = 1;
  double X(Date date) const {
    return kLeft + (kWidth - kLeft - kRight) * DaysBetween(first, date) / span_days;
  }
  double Y(double value) const {
    return kPlotTop + kPlotHeight * (1.0 - (value - y_min) / std::max(1, y_max - y_min));
  }
};

Frame MakeFrame(const InstrumentSeries& series, const measures::InstrumentDefinition& instrument) {
  Date first = *series.administrations.front().date;
  Date last = *series.administrations.back().date;
  Frame frame{AddDays(first, -14), std::max(28, DaysBetween(first, last) + 28),
              instrument.total_min, instrument.total_max};
  return frame;
}

void DrawBands(const measures::InstrumentDefinition& instrument, const Frame& frame,
               std::string& svg) {
  const measures::BandScheme* scheme = instrument.FindBandScheme("");
  if (!scheme) return;
  for (size_t i = 0; i < scheme->bands.size(); ++i) {
    const int low = scheme->bands[i].min;
    const int high = i + 1 < scheme->bands.size() ? scheme->bands[i + 1].min : frame.y_max + 1;
    const double top = frame.Y(std::min(high, frame.y_max + 1) - 0.5);
    const double bottom = frame.Y(std::max(low, frame.y_min) - 0.5);
    const double clamped_top = std::max(top, kPlotTop);
    const double clamped_bottom = std::min(bottom, kPlotTop + kPlotHeight);
    svg += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"/>\n",
                       Fixed(kLeft, 1), Fixed(clamped_top, 1), Fixed(kWidth - kLeft - kRight, 1),
                       Fixed(clamped_bottom - clamped_top, 1),
                       kBandColours[std::min<size_t>(i, std::size(kBandColours) - 1)]);
    svg +=
        fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"11\" fill=\"#555\">{} ({}+)</text>\n",
                    Fixed(kWidth - kRight + 6, 1), Fixed((clamped_top + clamped_bottom) / 2 + 4, 1),
                    Escape(scheme->bands[i].label), low);
  }
}

void DrawTreatments(const PatientRecord& record, const Frame& frame, std::string& svg) {
  int row = 0;
  const Date last = AddDays(frame.first, frame.span_days);
  for (const Treatment& t : record.treatments) {
    const Date end = EffectiveEnd(t, record.as_of);
    if (end < frame.first || t.start > last) continue;
    const double x1 = frame.X(std::max(t.start, frame.first));
    const double x2 = std::max(x1 + 2, frame.X(std::min(end, last)));
    const double y = 44 + 12 * (row++ % 5);
    svg += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"9\" fill=\"#9db8d9\"/>\n",
                       Fixed(x1, 1), Fixed(y, 1), Fixed(x2 - x1, 1));
    svg += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"9\">{} {}</text>\n", Fixed(x1 + 2, 1),
                       Fixed(y + 8, 1), Escape(t.id),
                       Escape(t.agent.empty() ? std::string(ToString(t.kind)) : t.agent));
  }
}

void DrawAxes(const Frame& frame, const InstrumentSeries& series, std::string& svg) {
  const double bottom = kPlotTop + kPlotHeight;
  svg += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"black\"/>\n",
                     Fixed(kLeft, 1), Fixed(kPlotTop, 1), Fixed(bottom, 1));
  svg += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{2}\" y2=\"{1}\" stroke=\"black\"/>\n",
                     Fixed(kLeft, 1), Fixed(bottom, 1), Fixed(kWidth - kRight, 1));
  const int step = std::max(1, (frame.y_max - frame.y_min) / 6);
  for (int value = frame.y_min; value <= frame.y_max; value += step) {
    svg += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"10\" text-anchor=\"end\">{}</text>\n",
                       Fixed(kLeft - 4, 1), Fixed(frame.Y(value) + 3, 1), value);
  }
  double last_label_x = -1e9;
  for (const auto& administration : series.administrations) {
    const double x = frame.X(*administration.date);
    if (x - last_label_x < 24) continue;  // dates too close to label legibly; the points remain
    last_label_x = x;
    svg += fmt::format(
        "<text x=\"{}\" y=\"{}\" font-size=\"9\" text-anchor=\"end\" transform=\"rotate(-40 {} "
        "{})\">{}</text>\n",
        Fixed(x, 1), Fixed(bottom + 14, 1), Fixed(x, 1), Fixed(bottom + 14, 1),
        administration.date->ToString());
  }
}

// A positive or unanswered self-harm item; a total-only administration's "item not available"
// notice is not ringed (the report lists it once per instrument).
bool Ringed(const measures::ScoredAdministration& administration) {
  return std::any_of(administration.safety.begin(), administration.safety.end(),
                     [](const measures::SafetyAlert& alert) {
                       return alert.kind != measures::SafetyAlertKind::kItemNotAvailable;
                     });
}

void DrawPoints(const Frame& frame, const InstrumentSeries& series, std::string& svg) {
  std::string points;
  for (const auto& administration : series.administrations) {
    if (!administration.total) continue;
    points += fmt::format("{},{} ", Fixed(frame.X(*administration.date), 1),
                          Fixed(frame.Y(*administration.total), 1));
  }
  svg += fmt::format(
      "<polyline points=\"{}\" fill=\"none\" stroke=\"#1f4e79\" stroke-width=\"2\"/>\n", points);
  for (const auto& administration : series.administrations) {
    if (!administration.total) continue;
    const double x = frame.X(*administration.date);
    const double y = frame.Y(*administration.total);
    svg += fmt::format("<circle cx=\"{}\" cy=\"{}\" r=\"4\" fill=\"#1f4e79\"/>\n", Fixed(x, 1),
                       Fixed(y, 1));
    svg += fmt::format(
        "<text x=\"{}\" y=\"{}\" font-size=\"10\" text-anchor=\"middle\">{}</text>\n", Fixed(x, 1),
        Fixed(y - 8, 1), Fixed(*administration.total, administration.prorated ? 1 : 0));
    if (Ringed(administration)) {
      svg += fmt::format(
          "<circle cx=\"{}\" cy=\"{}\" r=\"8\" fill=\"none\" stroke=\"#c00000\" "
          "stroke-width=\"2\"/>\n",
          Fixed(x, 1), Fixed(y, 1));
    }
  }
}

}  // namespace

std::string RenderTrajectorySvg(const InstrumentSeries& series,
                                const measures::InstrumentDefinition& instrument,
                                const PatientRecord& record) {
  const bool any_total =
      std::any_of(series.administrations.begin(), series.administrations.end(),
                  [](const auto& a) { return a.total.has_value() && a.date.has_value(); });
  if (!any_total || instrument.aggregation == measures::Aggregation::kSubscales) return "";
  const Frame frame = MakeFrame(series, instrument);
  const double height = kPlotTop + kPlotHeight + 90;
  std::string svg = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" viewBox=\"0 0 {0} "
      "{1}\" "
      "font-family=\"sans-serif\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n",
      Fixed(kWidth, 0), Fixed(height, 0));
  svg += fmt::format(
      "<text x=\"{}\" y=\"22\" font-size=\"15\" font-weight=\"bold\">{} — patient {} (as of "
      "{})</text>\n",
      Fixed(kLeft, 1), Escape(instrument.name), Escape(record.id), record.as_of.ToString());
  svg += fmt::format(
      "<text x=\"{}\" y=\"36\" font-size=\"10\" fill=\"#555\">{}; treatment periods above; red "
      "ring = "
      "self-harm item alert</text>\n",
      Fixed(kLeft, 1),
      instrument.direction == measures::Direction::kHigherWorse ? "higher = worse"
                                                                : "higher = better");
  DrawBands(instrument, frame, svg);
  DrawTreatments(record, frame, svg);
  DrawAxes(frame, series, svg);
  DrawPoints(frame, series, svg);
  svg +=
      fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"9\" fill=\"#555\">{}</text>\n",
                  Fixed(kLeft, 1), Fixed(height - 8, 1),
                  Escape(std::string(kDecisionSupportDisclaimer)
                             .substr(0, std::string(kDecisionSupportDisclaimer).find(". ") + 1)));
  svg += "</svg>\n";
  return svg;
}

}  // namespace refract::report
