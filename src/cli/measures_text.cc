#include "measures_text.h"

#include <fmt/format.h>

#include <algorithm>

namespace refract::cli {
namespace {

using measures::ScoredAdministration;

// One block character per administration, scaled to the instrument range seen (▁ lowest … █
// highest).
std::string Sparkline(const InstrumentSeries& series) {
  static const char* kBlocks[] = {"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};
  double low = 1e9, high = -1e9;
  for (const ScoredAdministration& a : series.administrations) {
    if (!a.total) continue;
    low = std::min(low, *a.total);
    high = std::max(high, *a.total);
  }
  std::string line;
  for (const ScoredAdministration& a : series.administrations) {
    if (!a.total) {
      line += "·";
      continue;
    }
    const int index = high > low ? static_cast<int>((*a.total - low) / (high - low) * 7 + 0.5) : 3;
    line += kBlocks[std::clamp(index, 0, 7)];
  }
  return line;
}

std::string Total(const ScoredAdministration& a) {
  if (!a.total) return "no total (" + a.not_scored_reason + ")";
  return a.prorated ? fmt::format("{:.1f} (prorated)", *a.total) : fmt::format("{:g}", *a.total);
}

std::string DescribeChange(const measures::ChangeResult& change) {
  std::string text =
      fmt::format("{} -> {} ({:+d})", change.baseline, change.follow_up, change.delta);
  if (change.percent) {
    text +=
        fmt::format(", {:.1f} % = {}", change.percent->percent, ToString(change.percent->category));
  } else if (!change.percent_note.empty()) {
    text += ", " + change.percent_note;
  }
  if (change.remission) text += *change.remission ? ", remission" : ", not in remission";
  if (change.reliable_change) {
    text +=
        fmt::format(", reliable change ({:g} points): {}", change.reliable_change->threshold.value,
                    ToString(change.reliable_change->direction));
  }
  if (change.jacobson_truax) {
    text += fmt::format(", Jacobson-Truax RC {:.2f}", change.jacobson_truax->rc);
  } else if (!change.jacobson_truax_note.empty()) {
    text += ", Jacobson-Truax: " + change.jacobson_truax_note;
  }
  if (change.provisional()) text += " [provisional]";
  return text;
}

// The marker beside an administration with a safety alert: a critical one, or an unanswered item
// (a total-only administration's notice is listed under SAFETY ALERTS).
std::string SafetyMarker(const ScoredAdministration& a) {
  std::string marker;
  for (const measures::SafetyAlert& alert : a.safety) {
    if (alert.severity == measures::AlertSeverity::kCritical) return "   <- critical safety alert";
    if (alert.kind == measures::SafetyAlertKind::kItemUnanswered) {
      marker = "   <- self-harm item unanswered";
    }
  }
  return marker;
}

void RenderSeries(const InstrumentSeries& series, std::string& out) {
  out += fmt::format("  {}  {}\n", series.name, Sparkline(series));
  for (const ScoredAdministration& a : series.administrations) {
    out += fmt::format("    {}  {:<18} {}{}\n", a.date ? a.date->ToString() : "-", Total(a),
                       a.band.value_or(""), SafetyMarker(a));
  }
  if (series.since_first)
    out += "    since first:    " + DescribeChange(*series.since_first) + "\n";
  if (series.since_previous)
    out += "    since previous: " + DescribeChange(*series.since_previous) + "\n";
  if (series.not_on_track) {
    const measures::NotOnTrackFlag& flag = series.not_on_track->trajectory();
    out += fmt::format("    not-on-track ({}): {} - {}\n", series.not_on_track_step,
                       ToString(flag.signal), flag.reason);
    if (!flag.annotation.empty()) out += "      context: " + flag.annotation + "\n";
  }
  for (const std::string& note : series.notes) out += "    note: " + note + "\n";
}

}  // namespace

std::string RenderAlerts(const Assessment& assessment) {
  const MeasuresReport& report = assessment.measures;
  if (report.alerts.empty() && report.alert_summaries.empty()) return "";
  std::string out =
      "SAFETY ALERTS (self-harm items: prompt a structured risk assessment by a clinician)\n";
  for (const measures::SafetyAlert& alert : report.alerts) {
    const bool critical = alert.severity == measures::AlertSeverity::kCritical;
    out += fmt::format("  {} {:<8} {}: {}\n", critical ? "!!" : "..", ToString(alert.severity),
                       alert.code, alert.message);
  }
  for (const AlertSummary& summary : report.alert_summaries) {
    out += fmt::format("  .. {:<8} {}: {}\n", ToString(summary.severity), ToString(summary.kind),
                       summary.message);
  }
  return out;
}

std::string RenderMeasures(const Assessment& assessment) {
  const MeasuresReport& report = assessment.measures;
  std::string out = "\nMEASURES\n";
  if (report.series.empty()) return out + "  no assessments recorded\n";
  for (const InstrumentSeries& series : report.series) RenderSeries(series, out);
  if (report.talking_therapies) {
    const measures::TalkingTherapiesResult& tt = *report.talking_therapies;
    out += fmt::format("  NHS Talking Therapies-style ({}): {}, {}{}\n",
                       report.talking_therapies_note, ToString(tt.recovery_state),
                       ToString(tt.reliable_change), tt.provisional() ? " [provisional]" : "");
  } else if (FindSeries(report, "phq9")) {
    out += fmt::format("  NHS Talking Therapies-style: {}\n", report.talking_therapies_note);
  }
  return out;
}

}  // namespace refract::cli
