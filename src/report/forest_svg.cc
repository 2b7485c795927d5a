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
constexpr char kThick[] = "stroke=\"black\" stroke-width=\"2\"";
constexpr char kDashed[] = "stroke=\"gray\" stroke-dasharray=\"4,3\"";

// Step of 1, 2 or 5 x 10^n giving about `target` intervals over `range`.
double NiceStep(double range, int target) {
  double raw = range / target;
  double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  double normalized = raw / magnitude;
  double nice = normalized < 1.5 ? 1 : normalized < 3.5 ? 2 : normalized < 7.5 ? 5 : 10;
  return nice * magnitude;
}

// Horizontal geometry: data value <-> pixel, and the axis ticks (on the analysis scale).
struct Scale {
  double lo = 0, hi = 1, x0 = 0, x1 = 1;
  std::vector<double> ticks;
  double X(double value) const { return x0 + (value - lo) / (hi - lo) * (x1 - x0); }
};

// Ticks every 1, 2 or 5 x 10^n covering [lo, hi].
void LinearTicks(double lo, double hi, Scale& scale) {
  double step = NiceStep(hi - lo, 6);
  scale.lo = std::floor(lo / step) * step;
  scale.hi = std::ceil(hi / step) * step;
  int count = static_cast<int>(std::lround((scale.hi - scale.lo) / step));
  for (int i = 0; i <= count; ++i) scale.ticks.push_back(scale.lo + i * step);
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

Scale MakeScale(const evidence::ForestData& f, double x0, double x1, bool ratio) {
  double lo = std::min(0.0, f.has_pi ? f.pi_lb : f.ci_lb);
  double hi = std::max(0.0, f.has_pi ? f.pi_ub : f.ci_ub);
  for (const evidence::ForestRow& row : f.rows) {
    lo = std::min(lo, row.ci_lb);
    hi = std::max(hi, row.ci_ub);
  }
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

// Decimals needed to print a tick value (0.05 -> 2, 2 -> 0, 0.25 -> 2).
int TickDigits(double value) {
  for (int digits = 0; digits < 6; ++digits) {
    double scaled = value * std::pow(10.0, digits);
    if (std::abs(scaled - std::round(scaled)) < 1e-6) return digits;
  }
  return 6;
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
  void Text(double x, double y, const std::string& text, const char* anchor, bool bold = false);
  void Line(double x1, double y1, double x2, double y2, const char* style = kSolid);
  void Header();
  void StudyRow(const evidence::ForestRow& row, double y, double max_weight);
  void Summary(double y);
  void Axis(double y);

  const evidence::ForestData& forest_;
  const ForestSvgOptions& options_;
  double label_width_;
  Scale scale_;
  std::ostringstream out_;
};

void SvgWriter::Text(double x, double y, const std::string& text, const char* anchor, bool bold) {
  out_ << "<text x=\"" << Fixed(x, 1) << "\" y=\"" << Fixed(y, 1) << "\" text-anchor=\"" << anchor
       << "\"" << (bold ? " font-weight=\"bold\"" : "") << ">" << Escape(text) << "</text>\n";
}

void SvgWriter::Line(double x1, double y1, double x2, double y2, const char* style) {
  out_ << "<line x1=\"" << Fixed(x1, 1) << "\" y1=\"" << Fixed(y1, 1) << "\" x2=\"" << Fixed(x2, 1)
       << "\" y2=\"" << Fixed(y2, 1) << "\" " << style << "/>\n";
}

void SvgWriter::Header() {
  Text(10, 20, forest_.title, "start", true);
  Text(10, kTop - 10, "Study", "start", true);
  Text((scale_.x0 + scale_.x1) / 2, kTop - 10, forest_.measure, "middle", true);
  Text(options_.width - 72, kTop - 10, "Estimate [" + Level() + " CI]", "end", true);
  Text(options_.width - 8, kTop - 10, "Weight", "end", true);
}

void SvgWriter::StudyRow(const evidence::ForestRow& row, double y, double max_weight) {
  Text(10, y + 4, row.label, "start");
  Line(scale_.X(row.ci_lb), y, scale_.X(row.ci_ub), y);
  double side = 3 + (kMaxSquare - 3) * std::sqrt(row.weight_pct / max_weight);
  out_ << "<rect x=\"" << Fixed(scale_.X(row.yi) - side / 2, 1) << "\" y=\""
       << Fixed(y - side / 2, 1) << "\" width=\"" << Fixed(side, 1) << "\" height=\""
       << Fixed(side, 1) << "\" fill=\"black\"/>\n";
  Text(options_.width - 72, y + 4, Interval(row.yi, row.ci_lb, row.ci_ub), "end");
  Text(options_.width - 8, y + 4, Fixed(row.weight_pct, 1) + "%", "end");
}

void SvgWriter::Summary(double y) {
  double half = kRowHeight * 0.4;
  out_ << "<polygon points=\"" << Fixed(scale_.X(forest_.ci_lb), 1) << "," << Fixed(y, 1) << " "
       << Fixed(scale_.X(forest_.estimate), 1) << "," << Fixed(y - half, 1) << " "
       << Fixed(scale_.X(forest_.ci_ub), 1) << "," << Fixed(y, 1) << " "
       << Fixed(scale_.X(forest_.estimate), 1) << "," << Fixed(y + half, 1)
       << "\" fill=\"black\"/>\n";
  Text(10, y + 4, forest_.model, "start", true);
  Text(options_.width - 72, y + 4, Interval(forest_.estimate, forest_.ci_lb, forest_.ci_ub), "end",
       true);
  Text(options_.width - 8, y + 4, "100%", "end", true);
  if (!forest_.has_pi) return;
  double py = y + kRowHeight;
  Line(scale_.X(forest_.pi_lb), py, scale_.X(forest_.pi_ub), py, kThick);
  Line(scale_.X(forest_.pi_lb), py - 4, scale_.X(forest_.pi_lb), py + 4);
  Line(scale_.X(forest_.pi_ub), py - 4, scale_.X(forest_.pi_ub), py + 4);
  Text(10, py + 4, Level() + " prediction interval", "start");
  Text(options_.width - 72, py + 4,
       "[" + Fixed(Shown(forest_.pi_lb), 2) + ", " + Fixed(Shown(forest_.pi_ub), 2) + "]", "end");
}

void SvgWriter::Axis(double y) {
  Line(scale_.x0, y, scale_.x1, y);
  for (double tick : scale_.ticks) {
    Line(scale_.X(tick), y, scale_.X(tick), y + 5);
    double shown = Shown(tick);
    Text(scale_.X(tick), y + 18, Fixed(shown, TickDigits(shown)), "middle");
  }
  Text((scale_.x0 + scale_.x1) / 2, y + 36, forest_.measure, "middle");
}

std::string SvgWriter::Render() {
  double n = static_cast<double>(forest_.rows.size());
  double summary_y = kTop + (n + 1) * kRowHeight;
  double axis_y = summary_y + (forest_.has_pi ? 2.5 : 1.5) * kRowHeight;
  double height = axis_y + 50;
  out_ << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" "
       << "width=\"" << options_.width << "\" height=\"" << Fixed(height, 0) << "\" viewBox=\"0 0 "
       << options_.width << " " << Fixed(height, 0) << "\" font-family=\"sans-serif\" "
       << "font-size=\"12\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n";
  Header();
  Line(scale_.X(0), kTop - 4, scale_.X(0), axis_y, kDashed);
  double max_weight = 1e-300;
  for (const evidence::ForestRow& row : forest_.rows) {
    max_weight = std::max(max_weight, row.weight_pct);
  }
  for (size_t i = 0; i < forest_.rows.size(); ++i) {
    StudyRow(forest_.rows[i], kTop + (static_cast<double>(i) + 0.5) * kRowHeight, max_weight);
  }
  Summary(summary_y);
  Axis(axis_y);
  out_ << "</svg>\n";
  return out_.str();
}

}  // namespace

std::string RenderForestSvg(const evidence::ForestData& forest, const ForestSvgOptions& options) {
  return SvgWriter(forest, options).Render();
}

}  // namespace refract::report
