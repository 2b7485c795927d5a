// The patient's preferences and declines (option ids or whole categories) and the screened
// safety conditions (present, absent, or not screened: only a recorded "present" excludes an option
// or places one in the indicated tier; docs/patient-record.md). Saved as a new version of the
// whole record (PUT with If-Match).
import { h, clear } from '../dom.js';
import { field, select, showErrors, clearErrors } from '../forms.js';
import { humanId } from './labels.js';

const CATEGORIES = ['psychotherapy', 'medication_strategy', 'neuromodulation', 'glutamatergic', 'psychedelic', 'lifestyle'];
export const CONDITIONS = [
  ['active_suicidality', 'Current suicidal ideation with intent or plan (clinician judgement)'],
  ['recent_suicide_attempt', 'Suicide attempt in this episode or the last 3 months'],
  ['catatonia', 'Catatonia'],
  ['not_eating_or_drinking', 'Not eating or drinking'],
  ['rapid_response_needed', 'A rapid response is needed (life-threatening)'],
  ['previous_ect_response', 'Responded to ECT before'],
  ['pregnancy', 'Pregnancy'],
  ['renal_impairment', 'Renal impairment'],
  ['uncontrolled_hypertension', 'Uncontrolled hypertension'],
  ['aneurysmal_vascular_disease', 'Aneurysmal vascular disease'],
  ['arteriovenous_malformation', 'Arteriovenous malformation'],
  ['intracerebral_haemorrhage_history', 'History of intracerebral haemorrhage'],
  ['cns_depressant_use', 'Uses CNS depressants'],
  ['seizure_history', 'History of seizures'],
  ['metal_implant', 'Metal implant in or near the head'],
  ['serotonergic_medication', 'Takes serotonergic medication'],
];
const PREFERENCE = [['', 'no stated preference'], ['prefers', 'prefers'], ['declines', 'declines']];
const SCREENED = [['', 'not screened'], ['true', 'present'], ['false', 'absent']];

export function renderPreferencesForm(container, { api, patient, interventions, onSaved, onCancel }) {
  const record = patient.record;
  const prefers = new Set(record.preferences?.prefers || []);
  const declines = new Set(record.preferences?.declines || []);
  const stated = (id) => (prefers.has(id) ? 'prefers' : declines.has(id) ? 'declines' : '');
  const choices = [
    ...CATEGORIES.map((id) => ({ id, label: `Any ${humanId(id)}` })),
    ...interventions.items.map((item) => ({ id: item.id, label: item.name })),
  ].map((choice) => ({ ...choice, entry: field(choice.label, select(choice.id, PREFERENCE, stated(choice.id)), { path: `$.preferences.${choice.id}` }) }));
  const conditions = CONDITIONS.map(([id, label]) => {
    const value = record.conditions?.[id];
    return { id, entry: field(label, select(id, SCREENED, value === undefined ? '' : String(value)), { path: `$.conditions.${id}` }) };
  });
  const summary = h('div', { 'aria-live': 'polite' });
  const form = h('form.panel', { novalidate: true, 'aria-labelledby': 'preferences-form-title' },
    h('h2#preferences-form-title', {}, 'Preferences and screened conditions'),
    h('h3', {}, 'What the patient prefers or declines'),
    h('div.grid', {}, choices.map((c) => c.entry.element)),
    h('h3', {}, 'Screened conditions'),
    h('p.hint', {}, 'Leave “not screened” when it was not asked: a caution is then shown as “screen first”.'),
    h('div.grid', {}, conditions.map((c) => c.entry.element)),
    summary,
    h('div.actions', {}, h('button.primary', { type: 'submit' }, 'Save preferences'), h('button', { type: 'button', onclick: onCancel }, 'Cancel')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form, summary);
    const next = structuredClone(record);
    const preferences = { prefers: [], declines: [] };
    for (const choice of choices) if (choice.entry.input.value) preferences[choice.entry.input.value].push(choice.id);
    next.preferences = {};
    if (preferences.prefers.length) next.preferences.prefers = preferences.prefers;
    if (preferences.declines.length) next.preferences.declines = preferences.declines;
    if (!Object.keys(next.preferences).length) delete next.preferences;
    next.conditions = {};
    for (const c of conditions) if (c.entry.input.value) next.conditions[c.id] = c.entry.input.value === 'true';
    if (!Object.keys(next.conditions).length) delete next.conditions;
    const byList = (path) => {
      const m = path.match(/^\$\.preferences\.(prefers|declines)\[(\d+)\]/);
      return m ? `$.preferences.${preferences[m[1]][Number(m[2])]}` : path;
    };
    try {
      await api.send('PUT', `/api/v1/patients/${patient.patient_id}`, next, { version: patient.version, reason: 'preferences and screened conditions' });
      onSaved('Preferences and screened conditions saved.');
    } catch (error) {
      showErrors(error, [...choices.map((c) => c.entry), ...conditions.map((c) => c.entry)], summary, byList);
    }
  });
  clear(container).append(form);
  choices[0].entry.input.focus();
}
