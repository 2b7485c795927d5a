#include "refract/report/funnel_svg.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <sstream>
#include <vector>

#include "svg_text.h"

namespace refract::report {
namespace {

constexpr double kLeft = 70, kRight = 20, kTop = 60, kBottom = 90;

// Two-sided z of p = 0.10, 0.05, 0.01 and the shade of the region beyond each (metafor's
// contour-enhanced funnel: darkest nearest the white p > 0.10 region).
struct Contour {
  double z = 0;
  const char* fill = "";
  const char* label = "";
};
constexpr std::array<Contour, 3> kContours = {{{1.6448536269514722, "#a6a6a6", "0.10 > p > 0.05"},
                                               {1.959963984540054, "#c8c8c8", "0.05 > p > 0.01"},
                                               {2.5758293035489004, "#e6e6e6", "p < 0.01"}}};

class FunnelWriter {
 public:
  FunnelWriter(const evidence::FunnelData& funnel, const FunnelSvgOptions& options)
      : f_(funnel), o_(options) {}
  std::string Render();

 private:
  double X(double value) const { return kLeft + (value - lo_) / (hi_ - lo_) * PlotWidth(); }
  double Y(double se) const { return kTop + se / se_max_ * (o_.height - kTop - kBottom); }
  double PlotWidth() const { return o_.width - kLeft - kRight; }
  void Range();
  void Polygon(const std::vector<std::pair<double, double>>& points, const char* cls,
               const char* style);
  void Line(double x1, double y1, double x2, double y2, const char* style);
  void Text(double x, double y, const std::string& text, const char* anchor, const char* style);
  void Contours();
  void PseudoConfidenceRegion();
  void Points();
  void Axes();
  void Legend();

  const evidence::FunnelData& f_;
  const FunnelSvgOptions& o_;
  double lo_ = -1, hi_ = 1, se_max_ = 1, z_level_ = 1.959963984540054;
  std::vector<double> ticks_;
  std::ostringstream out_;
};

void FunnelWriter::Range() {
  se_max_ = 0;
  for (const evidence::FunnelPoint& p : f_.points) se_max_ = std::max(se_max_, p.sei);
  if (!(se_max_ > 0)) se_max_ = 1;
  se_max_ *= 1.05;
  z_level_ = f_.z;
  double reach = std::max(kContours.back().z * se_max_, 0.0);
  double lo = std::min(-reach, f_.estimate - z_level_ * se_max_);
  double hi = std::max(reach, f_.estimate + z_level_ * se_max_);
  for (const evidence::FunnelPoint& p : f_.points) {
    lo = std::min(lo, p.yi);
    hi = std::max(hi, p.yi);
  }
  ticks_ = NiceTicks(lo, hi, 6);
  lo_ = ticks_.front();
  hi_ = ticks_.back();
}

void FunnelWriter::Polygon(const std::vector<std::pair<double, double>>& points, const char* cls,
                           const char* style) {
  out_ << "<polygon class=\"" << cls << "\" points=\"";
  for (const auto& [x, y] : points) out_ << Fixed(x, 1) << "," << Fixed(y, 1) << " ";
  out_ << "\" " << style << "/>\n";
}

void FunnelWriter::Line(double x1, double y1, double x2, double y2, const char* style) {
  out_ << "<line x1=\"" << Fixed(x1, 1) << "\" y1=\"" << Fixed(y1, 1) << "\" x2=\"" << Fixed(x2, 1)
       << "\" y2=\"" << Fixed(y2, 1) << "\" " << style << "/>\n";
}

void FunnelWriter::Text(double x, double y, const std::string& text, const char* anchor,
                        const char* style) {
  out_ << "<text x=\"" << Fixed(x, 1) << "\" y=\"" << Fixed(y, 1) << "\" text-anchor=\"" << anchor
       << "\"" << style << ">" << Escape(text) << "</text>\n";
}

// From the outside in: the p < 0.01 shade fills the plot, each inner region is drawn over it.
void FunnelWriter::Contours() {
  double top = Y(0), bottom = Y(se_max_), left = X(lo_), right = X(hi_);
  out_ << "<rect class=\"contour\" x=\"" << Fixed(left, 1) << "\" y=\"" << Fixed(top, 1)
       << "\" width=\"" << Fixed(right - left, 1) << "\" height=\"" << Fixed(bottom - top, 1)
       << "\" fill=\"" << kContours[2].fill << "\"/>\n";
  const char* fills[] = {kContours[1].fill, kContours[0].fill, "white"};
  for (int i = 2; i >= 0; --i) {
    double z = kContours[static_cast<size_t>(i)].z;
    double lx = std::max(X(-z * se_max_), left), rx = std::min(X(z * se_max_), right);
    std::string style = std::string("fill=\"") + fills[2 - i] + "\"";
    Polygon({{X(0), top}, {rx, bottom}, {lx, bottom}}, "contour", style.c_str());
  }
}

void FunnelWriter::PseudoConfidenceRegion() {
  const char* dashed = "stroke=\"black\" stroke-dasharray=\"5,4\" fill=\"none\"";
  double top = Y(0), bottom = Y(se_max_);
  Line(X(f_.estimate), top, X(f_.estimate - z_level_ * se_max_), bottom, dashed);
  Line(X(f_.estimate), top, X(f_.estimate + z_level_ * se_max_), bottom, dashed);
  Line(X(f_.estimate), top, X(f_.estimate), bottom, "stroke=\"black\"");
  if (f_.filled_estimate) {
    Line(X(*f_.filled_estimate), top, X(*f_.filled_estimate), bottom,
         "stroke=\"#c0392b\" stroke-dasharray=\"2,3\"");
  }
}

// Smaller, more transparent dots when there are many, so that dense regions stay readable.
void FunnelWriter::Points() {
  const bool many = f_.points.size() > 100;
  const char* radius = many ? "3" : "4";
  for (const evidence::FunnelPoint& p : f_.points) {
    out_ << "<circle class=\"" << (p.filled ? "filled" : "observed") << "\" cx=\""
         << Fixed(X(p.yi), 1) << "\" cy=\"" << Fixed(Y(p.sei), 1) << "\" r=\"" << radius << "\" "
         << (p.filled ? "fill=\"white\" stroke=\"#c0392b\" stroke-width=\"1.5\""
             : many   ? "fill=\"black\" fill-opacity=\"0.45\""
                      : "fill=\"black\" fill-opacity=\"0.8\"")
         << "/>\n";
  }
}

void FunnelWriter::Axes() {
  const char* solid = "stroke=\"black\"";
  double bottom = Y(se_max_);
  Line(X(lo_), bottom, X(hi_), bottom, solid);
  for (double tick : ticks_) {
    Line(X(tick), bottom, X(tick), bottom + 5, solid);
    Text(X(tick), bottom + 18, Fixed(tick, TickDigits(tick)), "middle", "");
  }
  Text((X(lo_) + X(hi_)) / 2, bottom + 36, f_.measure, "middle", "");
  Line(X(lo_), Y(0), X(lo_), bottom, solid);
  for (double se : NiceTicks(0, se_max_, 5)) {
    if (se > se_max_ + 1e-12) continue;
    Line(X(lo_) - 5, Y(se), X(lo_), Y(se), solid);
    Text(X(lo_) - 8, Y(se) + 4, Fixed(se, TickDigits(se)), "end", "");
  }
  out_ << "<text transform=\"translate(18," << Fixed((Y(0) + bottom) / 2, 1)
       << ") rotate(-90)\" text-anchor=\"middle\">Standard error</text>\n";
}

void FunnelWriter::Legend() {
  double y = o_.height - 26, x = kLeft;
  for (const Contour& c : kContours) {
    out_ << "<rect x=\"" << Fixed(x, 1) << "\" y=\"" << Fixed(y - 10, 1)
         << "\" width=\"12\" height=\"12\" stroke=\"#888\" fill=\"" << c.fill << "\"/>\n";
    Text(x + 16, y, c.label, "start", " font-size=\"11\"");
    x += 130;
  }
  Text(x, y, "dashed: " + Fixed(f_.level * 100, 0) + "% pseudo-CI", "start", " font-size=\"11\"");
  if (!f_.note.empty()) Text(kLeft, y + 18, f_.note, "start", " font-size=\"11\" fill=\"#c0392b\"");
}

std::string FunnelWriter::Render() {
  Range();
  out_ << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" "
       << "width=\"" << o_.width << "\" height=\"" << o_.height << "\" viewBox=\"0 0 " << o_.width
       << " " << o_.height << "\" font-family=\"sans-serif\" font-size=\"12\">\n"
       << "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n";
  Text(10, 24, f_.title, "start", " font-weight=\"bold\" font-size=\"15\"");
  Contours();
  PseudoConfidenceRegion();
  Points();
  Axes();
  Legend();
  out_ << "</svg>\n";
  return out_.str();
}

}  // namespace

std::string RenderFunnelSvg(const evidence::FunnelData& funnel, const FunnelSvgOptions& options) {
  return FunnelWriter(funnel, options).Render();
}

}  // namespace refract::report
