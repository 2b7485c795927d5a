#include "measures_json.h"

namespace refract::io_internal {
namespace {

using nlohmann::json;

template <typename T>
json Optional(const std::optional<T>& value) {
  return value ? json(*value) : json(nullptr);
}

json ChangeJson(const measures::ChangeResult& change) {
  json out = {{"baseline", change.baseline},
              {"follow_up", change.follow_up},
              {"delta", change.delta},
              {"prorated", change.prorated},
              {"baseline_band", Optional(change.baseline_band)},
              {"follow_up_band", Optional(change.follow_up_band)},
              {"remission", Optional(change.remission)},
              {"significant_improvement", Optional(change.significant_improvement)},
              {"provisional", change.provisional()}};
  if (change.percent) {
    out["percent"] = change.percent->percent;
    out["percent_category"] = ToString(change.percent->category);
  } else {
    out["percent_note"] = change.percent_note;
  }
  if (change.reliable_change) {
    out["reliable_change"] = {{"threshold", change.reliable_change->threshold.value},
                              {"direction", ToString(change.reliable_change->direction)}};
  }
  if (change.jacobson_truax) {
    out["jacobson_truax"] = {{"norms", change.jacobson_truax->norms_id},
                             {"rc", change.jacobson_truax->rc},
                             {"reliable", change.jacobson_truax->reliable},
                             {"class", ToString(change.jacobson_truax->reliable_change_class)}};
  } else {
    out["jacobson_truax_note"] = change.jacobson_truax_note;
  }
  return out;
}

json NotOnTrackJson(const measures::NotOnTrackResult& result, const std::string& step) {
  const measures::NotOnTrackFlag& flag = result.trajectory();
  return {{"signal", ToString(flag.signal)},
          {"rule", flag.rule},
          {"reason", flag.reason},
          {"norm_set", flag.norm_set},
          {"modality", flag.modality},
          {"in_early_worsening_window", flag.in_early_worsening_window},
          {"annotation", flag.annotation},
          {"step", step},
          {"provisional", flag.provisional()}};
}

json SeriesJson(const InstrumentSeries& series) {
  json administrations = json::array();
  for (const auto& scored : series.administrations) administrations.push_back(ScoredJson(scored));
  json out = {{"instrument", series.instrument_id},
              {"name", series.name},
              {"direction", ToString(series.direction)},
              {"administrations", administrations},
              {"notes", series.notes}};
  if (series.since_first) out["since_first"] = ChangeJson(*series.since_first);
  if (series.since_previous) out["since_previous"] = ChangeJson(*series.since_previous);
  if (series.not_on_track)
    out["not_on_track"] = NotOnTrackJson(*series.not_on_track, series.not_on_track_step);
  return out;
}

}  // namespace

json ScoredJson(const measures::ScoredAdministration& scored) {
  json subscales = json::array();
  for (const auto& subscale : scored.subscales) {
    subscales.push_back({{"id", subscale.id},
                         {"total", Optional(subscale.total)},
                         {"missing_items", subscale.missing_items}});
  }
  return {{"instrument", scored.instrument_id},
          {"date", scored.date ? json(scored.date->ToString()) : json(nullptr)},
          {"total", Optional(scored.total)},
          {"total_rounded", Optional(scored.total_rounded)},
          {"prorated", scored.prorated},
          {"missing_items", scored.missing_items},
          {"not_scored_reason", scored.not_scored_reason},
          {"band_scheme", scored.band_scheme},
          {"band", Optional(scored.band)},
          {"percentage", Optional(scored.percentage)},
          {"subscales", subscales},
          {"safety_item_value", Optional(scored.safety_item_value)},
          {"alerts", AlertsJson(scored.safety)}};
}

json AlertsJson(const std::vector<measures::SafetyAlert>& alerts) {
  json out = json::array();
  for (const measures::SafetyAlert& alert : alerts) {
    out.push_back({{"code", alert.code},
                   {"kind", ToString(alert.kind)},
                   {"severity", ToString(alert.severity)},
                   {"threshold_band", alert.band ? json(ToString(*alert.band)) : json(nullptr)},
                   {"instrument", alert.instrument_id},
                   {"item", alert.item},
                   {"value", Optional(alert.value)},
                   {"date", alert.date ? json(alert.date->ToString()) : json(nullptr)},
                   {"message", alert.message}});
  }
  return out;
}

json AlertSummariesJson(const std::vector<AlertSummary>& summaries) {
  json out = json::array();
  for (const AlertSummary& summary : summaries) {
    out.push_back({{"kind", ToString(summary.kind)},
                   {"severity", ToString(summary.severity)},
                   {"instrument", summary.instrument_id},
                   {"count", summary.count},
                   {"first", summary.first.ToString()},
                   {"last", summary.last.ToString()},
                   {"message", summary.message}});
  }
  return out;
}

json MeasuresJson(const MeasuresReport& report) {
  json series = json::array();
  for (const InstrumentSeries& s : report.series) series.push_back(SeriesJson(s));
  json out = {{"series", series}, {"talking_therapies_note", report.talking_therapies_note}};
  if (report.talking_therapies) {
    const measures::TalkingTherapiesResult& tt = *report.talking_therapies;
    out["talking_therapies"] = {{"recovery", ToString(tt.recovery_state)},
                                {"reliable_change", ToString(tt.reliable_change)},
                                {"case_start", tt.case_start},
                                {"case_end", tt.case_end},
                                {"finished_course", tt.finished_course},
                                {"reliable_recovery", tt.reliable_recovery},
                                {"anxiety_reliable_change", tt.anxiety_reliable_change},
                                {"provisional", tt.provisional()}};
  }
  return out;
}

}  // namespace refract::io_internal
