// The stage under every model side by side, each with its "why" on demand: the points or criteria
// that decided it, the trials it counted and set aside, what is missing, what would move it, and
// the assumptions and notes (docs/assessment-output.md).
import { h } from '../dom.js';

function list(title, items, render = (x) => x) {
  if (!items || items.length === 0) return null;
  return h('div', {}, h('h4', {}, title), h('ul', {}, items.map((item) => h('li', {}, render(item)))));
}

function component(c) {
  const points = c.points !== undefined ? ` (${c.points} point${c.points === 1 ? '' : 's'})` : '';
  return `${c.item}: ${c.detail ?? ''}${points}`;
}

function why(model) {
  return h('details.why', {},
    h('summary', {}, 'Why'),
    list('Scored items', model.components, component),
    list('Trials counted', model.counted_trials),
    list('Trials set aside', model.excluded_trials, (t) => `${t.id}: ${t.reason}`),
    list('Missing', model.missing),
    list('What would change it', model.next_steps),
    list('Variants', model.variants, (v) => `${v.description}: ${v.meets ? 'met' : 'not met'}`),
    list('Notes', model.notes, (n) => (typeof n === 'string' ? n : n.text || JSON.stringify(n))),
    list('Assumptions', model.assumptions, (a) => a.text),
    list('Rests on unconfirmed values', model.uncertain_params, (p) => (typeof p === 'string' ? p : p.text || p.id || JSON.stringify(p))),
    h('p.small.muted', {}, model.citation));
}

export function renderStagingTable(assessment) {
  const models = Object.entries(assessment.staging || {});
  return h('table.staging', {},
    h('caption', {}, `Stage under each model, as of ${assessment.as_of}`),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Model'), h('th', { scope: 'col' }, 'Result'), h('th', { scope: 'col' }, 'Reasons'))),
    h('tbody', {}, models.map(([id, model]) => h('tr', { dataset: { model: id } },
      h('th', { scope: 'row' }, model.name),
      h('td', {}, h('strong.stage', {}, model.applicable === false ? 'not applicable' : model.summary),
        model.provisional ? h('div.provisional', {}, 'provisional') : null),
      h('td', {}, model.applicable === false && model.notes?.length ? h('p.small', {}, String(model.notes[0])) : null, why(model))))));
}
