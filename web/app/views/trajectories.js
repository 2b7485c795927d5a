// Symptom trajectories: one chart per instrument with its severity bands shaded (from the
// instrument's default band scheme in the knowledge), the treatment periods along the top, each
// administration a point, and self-harm alerts marked. A table gives the same numbers.
import { h, svg } from '../dom.js';
import { dateAxis } from './chart_axis.js';
import { bandBadge, humanId } from './labels.js';

const BAND_FILLS = ['#e7f5eb', '#f3f7e4', '#fff4dc', '#fde6d2', '#fbd9d9', '#f6c9c9'];

function bandsOf(instrument) {
  const scheme = (instrument?.band_schemes || []).find((s) => s.default) || instrument?.band_schemes?.[0];
  return scheme?.bands || [];
}

function chartFor(series, instrument, trials, asOf) {
  const points = [...series.administrations].filter((a) => a.total !== null && a.total !== undefined)
    .sort((a, b) => a.date.localeCompare(b.date));
  if (points.length === 0) return h('p.muted', {}, `${series.name}: no scored administration.`);
  const [minTotal, maxTotal] = instrument?.total_range || [0, Math.max(...points.map((p) => p.total))];
  const left = 50; const width = 820; const top = 34; const plot = 180;
  const first = [points[0].date, ...trials.map((t) => t.start)].sort()[0];
  const axis = dateAxis(first, asOf, left, width);
  const y = (total) => top + plot - ((total - minTotal) / (maxTotal - minTotal || 1)) * plot;
  const bands = bandsOf(instrument);
  const bandRects = bands.map((band, index) => {
    const upper = index + 1 < bands.length ? bands[index + 1].min : maxTotal;
    return svg('g', {},
      svg('rect', { x: left, width, y: y(upper), height: y(band.min) - y(upper), fill: BAND_FILLS[Math.min(index, BAND_FILLS.length - 1)] }),
      svg('text', { x: left + width + 4, y: (y(upper) + y(band.min)) / 2 + 4 }, band.label));
  });
  const periods = trials.map((trial, index) => {
    const x0 = axis.x(trial.start);
    const x1 = axis.x(trial.ongoing || !trial.end ? asOf : trial.end);
    return svg('g', {},
      svg('rect', { x: x0, y: 4 + (index % 2) * 12, width: Math.max(2, x1 - x0), height: 10, fill: '#9dbbe0' },
        svg('title', {}, `${trial.id} ${humanId(trial.agent || trial.kind)}: ${trial.start} – ${trial.ongoing ? 'ongoing' : trial.end}`)));
  });
  const line = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${axis.x(p.date).toFixed(1)},${y(p.total).toFixed(1)}`).join(' ');
  const marks = points.map((p) => {
    const alert = (p.alerts || []).some((a) => a.severity === 'critical');
    const title = svg('title', {}, `${p.date}: ${p.total}${p.band ? ` (${p.band})` : ''}${alert ? ' — self-harm alert' : ''}`);
    return alert
      ? svg('path', { d: `M${axis.x(p.date)},${y(p.total) - 8} l7,12 h-14 z`, fill: '#a4161a' }, title)
      : svg('circle', { cx: axis.x(p.date), cy: y(p.total), r: 4, fill: '#16324f' }, title);
  });
  const latest = points[points.length - 1];
  return svg('svg', {
    class: 'chart trajectory', viewBox: `0 0 ${left + width + 130} ${top + plot + 28}`, role: 'img',
    'aria-label': `${series.name} trajectory: ${points.length} administrations, latest ${latest.total} on ${latest.date}${latest.band ? ` (${latest.band})` : ''}; the numbers are in the table below`,
  },
  bandRects,
  axis.ticks.map((tick) => svg('text', { x: tick.x, y: top + plot + 20, 'text-anchor': 'middle' }, tick.label)),
  [minTotal, maxTotal].map((v) => svg('text', { x: left - 6, y: y(v) + 4, 'text-anchor': 'end' }, String(v))),
  periods,
  svg('path', { d: line, fill: 'none', stroke: '#16324f', 'stroke-width': 2 }),
  marks);
}

function tableFor(series) {
  const rows = [...series.administrations].sort((a, b) => b.date.localeCompare(a.date));
  return h('details', {}, h('summary', {}, `${series.name} scores as a table`),
    h('table', {}, h('thead', {}, h('tr', {}, ['Date', 'Total', 'Band', 'Alerts'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, rows.map((a) => h('tr', {},
        h('th', { scope: 'row' }, a.date),
        h('td', {}, a.total ?? (a.not_scored_reason || 'not scored')),
        h('td', {}, bandBadge(a.band)),
        h('td', {}, (a.alerts || []).map((alert) => h('div', {}, alert.message))))))));
}

// `instruments`: the knowledge tables by instrument id (for totals' ranges and bands).
export function renderTrajectories(assessment, instruments) {
  const series = assessment.measures?.series || [];
  if (series.length === 0) return h('p.muted', {}, 'No symptom measures recorded yet. Use “Add assessment” or send the patient a questionnaire link.');
  const trials = (assessment.trials || []).filter((t) => t.in_current_episode !== false);
  return h('div', {},
    h('div.legend', {}, h('span', {}, h('span.swatch.period'), 'treatment periods (top)'),
      h('span', {}, h('span.swatch.alert'), 'self-harm alert'), h('span', {}, 'shaded: severity bands')),
    series.map((s) => h('div.trajectory-block', {},
      h('h3', {}, s.name),
      chartFor(s, instruments[s.instrument], trials, assessment.as_of),
      (s.notes || []).length ? h('ul.small', {}, s.notes.map((n) => h('li', {}, typeof n === 'string' ? n : n.text || ''))) : null,
      tableFor(s))));
}
