#include "refract/report/forest_svg.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <sstream>
#include <vector>

#include "svg_text.h"

namespace refract::report {
namespace {

constexpr double kRowHeight = 18;
constexpr double kTop = 56;           // title and column headings
constexpr double kTextColumns = 230;  // estimate [CI] and weight, right of the plot
constexpr double kMaxSquare = 14;
constexpr char kSolid[] = "stroke=\"black\"";
constexpr char kDashed[] = "stroke=\"gray\" stroke-dasharray=\"4,3\"";
constexpr char kTitle[] = " font-weight=\"bold\" font-size=\"15\"";
constexpr char kBold[] = " font-weight=\"bold\"";
constexpr char kHeading[] = " font-weight=\"bold\" font-style=\"italic\"";
constexpr char kSmall[] = " font-size=\"11\" fill=\"#444\"";
constexpr char kFavours[] = " font-size=\"12\" font-style=\"italic\"";

// Horizontal geometry: data value <-> pixel, and the axis ticks (on the analysis scale).
struct Scale {
  double lo = 0, hi = 1, x0 = 0, x1 = 1;
  std::vector<double> ticks;
  double X(double value) const { return x0 + (value - lo) / (hi - lo) * (x1 - x0); }
};

// Ticks every 1, 2 or 5 x 10^n covering [lo, hi].
void LinearTicks(double lo, double hi, Scale& scale) {
  scale.ticks = NiceTicks(lo, hi, 6);
  scale.lo = scale.ticks.front();
  scale.hi = scale.ticks.back();
}

// Ratio ticks 1, 2, 5 x 10^n (powers of ten alone when there would be more than 9), placed at
// their logs: [lo, hi] is a range of log ratios.
void RatioTicks(double lo, double hi, Scale& scale) {
  std::vector<double> ratios;
  for (int power = static_cast<int>(std::floor(lo / std::log(10.0))) - 1;
       power <= static_cast<int>(std::ceil(hi / std::log(10.0))); ++power) {
    for (double mantissa : {1.0, 2.0, 5.0}) ratios.push_back(mantissa * std::pow(10.0, power));
  }
  auto first = std::upper_bound(ratios.begin(), ratios.end(), std::exp(lo) * (1 + 1e-12)) - 1;
  auto last = std::lower_bound(ratios.begin(), ratios.end(), std::exp(hi) * (1 - 1e-12));
  bool decades_only = last - first > 8;
  for (auto it = first; it <= last && it != ratios.end(); ++it) {
    bool decade = std::abs(std::log10(*it) - std::round(std::log10(*it))) < 1e-9;
    if (!decades_only || decade || it == first || it == last) scale.ticks.push_back(std::log(*it));
  }
  scale.lo = scale.ticks.front();
  scale.hi = scale.ticks.back();
}

void Extend(const evidence::ForestSummary& summary, double& lo, double& hi) {
  if (!summary.pooled) return;
  lo = std::min(lo, summary.has_pi ? summary.pi_lb : summary.ci_lb);
  hi = std::max(hi, summary.has_pi ? summary.pi_ub : summary.ci_ub);
}

Scale MakeScale(const evidence::ForestData& f, double x0, double x1, bool ratio) {
  double lo = 0, hi = 0;
  for (const evidence::ForestPanel& panel : f.panels) {
    Extend(panel.summary, lo, hi);
    for (const evidence::ForestRow& row : panel.rows) {
      lo = std::min(lo, row.ci_lb);
      hi = std::max(hi, row.ci_ub);
    }
  }
  if (f.overall) Extend(*f.overall, lo, hi);
  if (!(hi > lo)) hi = lo + 1;
  Scale scale;
  scale.x0 = x0;
  scale.x1 = x1;
  if (ratio) {
    RatioTicks(lo, hi, scale);
  } else {
    LinearTicks(lo, hi, scale);
  }
  return scale;
}

class SvgWriter {
 public:
  SvgWriter(const evidence::ForestData& forest, const ForestSvgOptions& options)
      : forest_(forest),
        options_(options),
        label_width_(options.width * 0.32),
        scale_(MakeScale(forest, label_width_ + 10, options.width - kTextColumns,
                         options.exponentiate)) {}

  std::string Render();

 private:
  std::string Level() const { return Fixed(forest_.level * 100, 0) + "%"; }
  double Shown(double value) const { return options_.exponentiate ? std::exp(value) : value; }
  std::string Interval(double est, double lb, double ub) const {
    return Fixed(Shown(est), 2) + " [" + Fixed(Shown(lb), 2) + ", " + Fixed(Shown(ub), 2) + "]";
  }
  void Text(double x, double y, const std::string& text, const char* anchor,
            const char* style = "");
  void Line(double x1, double y1, double x2, double y2, const char* style = kSolid);
  void Header();
  void StudyRow(const evidence::ForestRow& row, double max_weight);
  void Diamond(const evidence::ForestSummary& summary, const char* fill);
  void Summary(const evidence::ForestSummary& summary, const char* fill, bool total);
  void Panel(const evidence::ForestPanel& panel);
  void Axis();

  const evidence::ForestData& forest_;
  const ForestSvgOptions& options_;
  double label_width_;
  Scale scale_;
  double y_ = kTop;  // top of the next row
  std::ostringstream out_;
};

void SvgWriter::Text(double x, double y, const std::string& text, const char* anchor,
                     const char* style) {
  out_ << "<text x=\"" << Fixed(x, 1) << "\" y=\"" << Fixed(y, 1) << "\" text-anchor=\"" << anchor
       << "\"" << style << ">" << Escape(text) << "</text>\n";
}

void SvgWriter::Line(double x1, double y1, double x2, double y2, const char* style) {
  out_ << "<line x1=\"" << Fixed(x1, 1) << "\" y1=\"" << Fixed(y1, 1) << "\" x2=\"" << Fixed(x2, 1)
       << "\" y2=\"" << Fixed(y2, 1) << "\" " << style << "/>\n";
}

void SvgWriter::Header() {
  Text(10, 22, forest_.title, "start", kTitle);
  Text(10, kTop - 10, "Study", "start", kBold);
  Text((scale_.x0 + scale_.x1) / 2, kTop - 10, forest_.measure, "middle", kBold);
  Text(options_.width - 72, kTop - 10, "Estimate [" + Level() + " CI]", "end", kBold);
  Text(options_.width - 8, kTop - 10, "Weight", "end", kBold);
  Line(10, kTop - 4, options_.width - 8, kTop - 4);
}

void SvgWriter::StudyRow(const evidence::ForestRow& row, double max_weight) {
  double y = y_ + kRowHeight / 2;
  Text(10, y + 4, row.label, "start");
  Line(scale_.X(row.ci_lb), y, scale_.X(row.ci_ub), y);
  double side = 3 + (kMaxSquare - 3) * std::sqrt(row.weight_pct / max_weight);
  out_ << "<rect class=\"study\" x=\"" << Fixed(scale_.X(row.yi) - side / 2, 1) << "\" y=\""
       << Fixed(y - side / 2, 1) << "\" width=\"" << Fixed(side, 1) << "\" height=\""
       << Fixed(side, 1) << "\" fill=\"#333\"/>\n";
  Text(options_.width - 72, y + 4, Interval(row.yi, row.ci_lb, row.ci_ub), "end");
  Text(options_.width - 8, y + 4, Fixed(row.weight_pct, 1) + "%", "end");
  y_ += kRowHeight;
}

void SvgWriter::Diamond(const evidence::ForestSummary& s, const char* fill) {
  double y = y_ + kRowHeight / 2, half = kRowHeight * 0.4;
  out_ << "<polygon class=\"diamond\" points=\"" << Fixed(scale_.X(s.ci_lb), 1) << ","
       << Fixed(y, 1) << " " << Fixed(scale_.X(s.estimate), 1) << "," << Fixed(y - half, 1) << " "
       << Fixed(scale_.X(s.ci_ub), 1) << "," << Fixed(y, 1) << " " << Fixed(scale_.X(s.estimate), 1)
       << "," << Fixed(y + half, 1) << "\" fill=\"" << fill << "\" stroke=\"black\"/>\n";
}

// Diamond, prediction interval (as a bar below the diamond) and heterogeneity of one estimate.
void SvgWriter::Summary(const evidence::ForestSummary& s, const char* fill, bool total) {
  double y = y_ + kRowHeight / 2;
  Text(10, y + 4, s.label, "start", kBold);
  if (!s.pooled) {
    y_ += kRowHeight;
    return;
  }
  Diamond(s, fill);
  Text(options_.width - 72, y + 4, Interval(s.estimate, s.ci_lb, s.ci_ub), "end", kBold);
  if (total) Text(options_.width - 8, y + 4, "100%", "end", kBold);
  y_ += kRowHeight;
  if (s.has_pi) {
    double py = y_ + kRowHeight / 2;
    out_ << "<rect class=\"pi\" x=\"" << Fixed(scale_.X(s.pi_lb), 1) << "\" y=\""
         << Fixed(py - 2.5, 1) << "\" width=\"" << Fixed(scale_.X(s.pi_ub) - scale_.X(s.pi_lb), 1)
         << "\" height=\"5\" fill=\"#c0392b\" fill-opacity=\"0.55\"/>\n";
    Text(10, py + 4, Level() + " prediction interval", "start", kSmall);
    Text(options_.width - 72, py + 4,
         "[" + Fixed(Shown(s.pi_lb), 2) + ", " + Fixed(Shown(s.pi_ub), 2) + "]", "end", kSmall);
    y_ += kRowHeight;
  }
  Text(10, y_ + kRowHeight / 2 + 4, s.heterogeneity, "start", kSmall);
  y_ += kRowHeight;
}

void SvgWriter::Panel(const evidence::ForestPanel& panel) {
  out_ << "<g class=\"panel\">\n";
  if (!panel.heading.empty()) {
    Text(10, y_ + kRowHeight / 2 + 4, panel.heading, "start", kHeading);
    y_ += kRowHeight;
  }
  double max_weight = 1e-300;
  for (const evidence::ForestRow& row : panel.rows)
    max_weight = std::max(max_weight, row.weight_pct);
  for (const evidence::ForestRow& row : panel.rows) StudyRow(row, max_weight);
  Summary(panel.summary, panel.heading.empty() ? "black" : "#7f8c8d", true);
  out_ << "</g>\n";
  y_ += kRowHeight / 2;
}

void SvgWriter::Axis() {
  double y = y_ + 4;
  Line(scale_.x0, y, scale_.x1, y);
  for (double tick : scale_.ticks) {
    Line(scale_.X(tick), y, scale_.X(tick), y + 5);
    double shown = Shown(tick);
    Text(scale_.X(tick), y + 18, Fixed(shown, TickDigits(shown)), "middle");
  }
  double null_x = scale_.X(0);
  if (!forest_.favours_left.empty()) {
    Text(null_x - 6, y + 36, "\u2190 " + forest_.favours_left, "end", kFavours);
  }
  if (!forest_.favours_right.empty()) {
    Text(null_x + 6, y + 36, forest_.favours_right + " \u2192", "start", kFavours);
  }
  Text((scale_.x0 + scale_.x1) / 2, y + 54, forest_.measure, "middle");
  y_ = y + 62;
}

std::string SvgWriter::Render() {
  Header();
  double plot_top = y_;
  for (const evidence::ForestPanel& panel : forest_.panels) Panel(panel);
  if (forest_.overall) {
    Summary(*forest_.overall, "black", true);
    if (!forest_.subgroup_test.empty()) {
      Text(10, y_ + kRowHeight / 2 + 4, forest_.subgroup_test, "start", kBold);
      y_ += kRowHeight;
    }
  }
  Line(scale_.X(0), plot_top, scale_.X(0), y_, kDashed);
  Axis();
  if (!forest_.convention.empty()) {
    Text(10, y_ + 8, forest_.convention, "start", kSmall);
    y_ += kRowHeight;
  }
  double height = y_ + 10;
  std::string content = out_.str();
  std::ostringstream svg;
  svg << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" "
      << "width=\"" << options_.width << "\" height=\"" << Fixed(height, 0) << "\" viewBox=\"0 0 "
      << options_.width << " " << Fixed(height, 0) << "\" font-family=\"sans-serif\" "
      << "font-size=\"12\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
      << content << "</svg>\n";
  return svg.str();
}

}  // namespace

std::string RenderForestSvg(const evidence::ForestData& forest, const ForestSvgOptions& options) {
  return SvgWriter(forest, options).Render();
}

}  // namespace refract::report
