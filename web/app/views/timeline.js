// The treatment timeline: each trial a bar on a date axis, coloured by adequacy and outcome, with
// its doses or sessions on hover (an SVG <title>) and the same facts in a table for screen readers
// and keyboards.
import { h, svg } from '../dom.js';
import { dateAxis } from './chart_axis.js';
import { outcomeWord, humanId } from './labels.js';

const FAILED = new Set(['nonresponse', 'partial_response']);
const HELPED = new Set(['response', 'remission']);

export const TRIAL_STYLES = [
  { key: 'failed', label: 'adequate, did not help', fill: '#b3261e' },
  { key: 'helped', label: 'adequate, helped', fill: '#1e6b34' },
  { key: 'adequate_unknown', label: 'adequate, outcome unknown', fill: '#0b5cad' },
  { key: 'inadequate', label: 'not adequate', fill: '#9aa3ad' },
];

function styleOf(trial) {
  if (!trial.adequate) return TRIAL_STYLES[3];
  if (FAILED.has(trial.outcome)) return TRIAL_STYLES[0];
  if (HELPED.has(trial.outcome)) return TRIAL_STYLES[1];
  return TRIAL_STYLES[2];
}

function treatmentDetail(treatment) {
  if (!treatment) return '';
  const parts = [];
  for (const dose of treatment.doses || []) {
    parts.push(`${dose.mg_per_day ?? dose.mcg_per_day} ${dose.mg_per_day !== undefined ? 'mg' : 'mcg'}/day from ${dose.from}`);
  }
  if (treatment.sessions !== undefined) parts.push(`${treatment.sessions} sessions`);
  if (treatment.therapist) parts.push(`therapist: ${treatment.therapist}`);
  if (treatment.adherence_pct !== undefined) parts.push(`adherence ${treatment.adherence_pct} %`);
  return parts.join('; ');
}

export function trialName(trial) {
  return `${trial.id} ${humanId(trial.agent || trial.kind)}`;
}

function describe(trial, treatment) {
  return `${trialName(trial)} (${humanId(trial.kind)}), ${trial.start} to ${trial.ongoing ? 'ongoing' : trial.end}: ` +
    `${trial.adequate ? 'adequate' : 'not adequate'}, ${outcomeWord(trial.outcome)}. ${treatmentDetail(treatment)}`;
}

export function renderTimeline(assessment, record) {
  const trials = [...(assessment.trials || [])].sort((a, b) => String(a.start).localeCompare(String(b.start)));
  if (trials.length === 0) return h('p.muted', {}, 'No treatments recorded yet. Use “Add trial”.');
  const byId = new Map((record.treatments || []).map((t) => [t.id, t]));
  const onset = record.episode?.onset;
  const first = [onset, ...trials.map((t) => t.start)].filter(Boolean).sort()[0];
  const left = 170; const width = 760; const lane = 26; const top = 24;
  const height = top + trials.length * lane + 30;
  const axis = dateAxis(first, assessment.as_of, left, width);
  const bars = trials.map((trial, index) => {
    const y = top + index * lane;
    const x0 = axis.x(trial.start);
    const x1 = axis.x(trial.ongoing || !trial.end ? assessment.as_of : trial.end);
    const style = styleOf(trial);
    const description = describe(trial, byId.get(trial.id));
    return svg('g', { class: 'trial' },
      svg('text', { x: left - 8, y: y + 16, 'text-anchor': 'end' }, trialName(trial)),
      svg('rect', { x: x0, y: y + 4, width: Math.max(3, x1 - x0), height: lane - 8, rx: 3, fill: style.fill,
        stroke: trial.in_current_episode === false ? '#1b1f24' : 'none', 'stroke-dasharray': '3 2' },
      svg('title', {}, description)),
      trial.ongoing ? svg('text', { x: x1 + 4, y: y + 16 }, 'ongoing') : null);
  });
  const chart = svg('svg', {
    class: 'chart timeline', viewBox: `0 0 ${left + width + 60} ${height}`, role: 'img',
    'aria-label': `Treatment timeline: ${trials.length} trials from ${first} to ${assessment.as_of}; details in the table below`,
  },
  axis.ticks.map((tick) => [
    svg('line', { x1: tick.x, x2: tick.x, y1: top - 4, y2: height - 24, stroke: '#d5d9df' }),
    svg('text', { x: tick.x, y: height - 8, 'text-anchor': 'middle' }, tick.label)]),
  onset ? [svg('line', { x1: axis.x(onset), x2: axis.x(onset), y1: 8, y2: height - 24, stroke: '#7a4d00', 'stroke-width': 2 }),
    svg('text', { x: axis.x(onset) + 4, y: 16 }, `episode onset ${onset}`)] : null,
  bars);
  const legend = h('div.legend', {}, TRIAL_STYLES.map((s) => h('span', {}, h(`span.swatch.${s.key}`), s.label)),
    h('span', {}, 'dashed outline: an earlier episode'));
  const table = h('details', {}, h('summary', {}, 'Timeline as a table'),
    h('table', {}, h('thead', {}, h('tr', {}, ['Trial', 'Dates', 'Adequate', 'Outcome', 'Doses / sessions'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, trials.map((trial) => h('tr', {},
        h('th', { scope: 'row' }, trialName(trial)),
        h('td', {}, `${trial.start} – ${trial.ongoing ? 'ongoing' : trial.end}`),
        h('td', {}, trial.adequate ? 'yes' : 'no'),
        h('td', {}, outcomeWord(trial.outcome)),
        h('td', {}, treatmentDetail(byId.get(trial.id))))))));
  return h('div', {}, chart, legend, table);
}
