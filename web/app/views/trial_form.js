// Add or correct a trial. The form knows the knowledge tables (drugs, augmenting agents and
// psychotherapy modalities with their names, brands and dose ranges) and the fields each kind
// allows (docs/patient-record.md "Treatments"); the server validates the whole record and its
// errors appear beside the fields. Fields the form does not edit (adverse effects, serum levels)
// are kept when a trial is corrected.
import { h, clear, today } from '../dom.js';
import { field, select, showErrors, clearErrors } from '../forms.js';

const KINDS = [
  ['antidepressant', 'Antidepressant'], ['augmentation', 'Augmentation'], ['combination', 'Combination (second antidepressant)'],
  ['psychotherapy', 'Psychotherapy'], ['ect', 'ECT'], ['rtms', 'rTMS'], ['itbs', 'iTBS'],
  ['esketamine', 'Esketamine'], ['ketamine', 'Ketamine'], ['intensified_care', 'Inpatient or day hospital'],
];
const OUTCOMES = [['', 'Not recorded'], ['response', 'Response'], ['partial_response', 'Partial response'],
  ['nonresponse', 'Non-response'], ['remission', 'Remission'], ['unknown', 'Unknown']];
const STOP_REASONS = [['', 'not stopped / not recorded'], ['intolerance', 'intolerance'], ['nonadherence', 'nonadherence'],
  ['patient_choice', 'patient choice'], ['response', 'response'], ['other', 'other']];
const MEDICATION = new Set(['antidepressant', 'augmentation', 'combination']);
const SESSIONS = new Set(['psychotherapy', 'ect', 'rtms', 'itbs', 'esketamine', 'ketamine']);

function nextTrialId(record) {
  const taken = new Set((record.treatments || []).map((t) => t.id));
  for (let n = taken.size + 1; ; n += 1) if (!taken.has(`T${n}`)) return `T${n}`;
}

function datalist(id, items) {
  return h(`datalist#${id}`, {}, items.flatMap((item) => [
    h('option', { value: item.id }, item.name + (item.class ? ` (${item.class})` : '')),
    ...(item.aliases || []).map((alias) => h('option', { value: alias.name }, `${item.name}`)),
  ]));
}

function doseHint(tables, kind, name) {
  const table = kind === 'augmentation' ? tables.augmenters : tables.antidepressants;
  const key = String(name || '').toLowerCase().replace(/[\s_-]+/g, '');
  const item = table.items.find((i) => i.id.replace(/_/g, '') === key ||
    (i.aliases || []).some((a) => a.name.toLowerCase().replace(/[\s_-]+/g, '') === key));
  if (!item) return '';
  const min = item.min_dose_mg;
  const minimum = typeof min === 'object' && min !== null ? min.atrq ?? min.usual : min;
  const maximum = item.max_dose_mg?.value;
  return `${item.name}: minimum adequate dose ${minimum ?? '—'} mg/day (ATRQ)${maximum ? `, maximum ${maximum} mg/day` : ''}.`;
}

// One dose step row: from date and mg/day.
function doseRow(step, onRemove) {
  const from = field('Dose from', h('input', { type: 'date', value: step.from || '' }));
  const mg = field('Dose (mg/day)', h('input', { type: 'number', min: 0, step: 'any', value: step.mg_per_day ?? '' }));
  const row = h('div.row.dose-step', {}, from.element, mg.element,
    h('button', { type: 'button', onclick: () => onRemove(row) }, 'Remove step'));
  row.read = () => ({ from: from.input.value, mg_per_day: mg.input.value === '' ? undefined : Number(mg.input.value) });
  row.fields = [from, mg];
  return row;
}

export function renderTrialForm(container, { api, patient, tables, trial, onSaved, onCancel }) {
  const record = patient.record;
  const editing = Boolean(trial);
  const original = trial || { id: nextTrialId(record), kind: 'antidepressant', start: today(), doses: [] };
  const antidepressantTrials = (record.treatments || []).filter((t) => t.kind === 'antidepressant' && t.id !== original.id);
  const drugTrials = [...antidepressantTrials, ...(record.treatments || []).filter((t) => ['combination', 'augmentation'].includes(t.kind) && t.id !== original.id)];
  const f = {
    kind: field('Kind', select('kind', KINDS, original.kind), { path: '$.trial.kind' }),
    drug: field('Drug', h('input', { name: 'drug', list: 'refract-drugs', value: original.drug || '', autocomplete: 'off' }), { path: '$.trial.drug', hint: 'Generic name or brand.' }),
    agent: field('Agent', h('input', { name: 'agent', list: 'refract-agents', value: original.agent || '', autocomplete: 'off' }), { path: '$.trial.agent' }),
    augments: field('Added to trial', select('augments', antidepressantTrials.map((t) => [t.id, `${t.id} ${t.drug}`]), original.augments), { path: '$.trial.augments' }),
    modality: field('Modality', h('input', { name: 'modality', list: 'refract-modalities', value: original.modality || '', autocomplete: 'off' }), { path: '$.trial.modality' }),
    start: field('Start date', h('input', { type: 'date', name: 'start', value: original.start || '' }), { path: '$.trial.start' }),
    end: field('End date', h('input', { type: 'date', name: 'end', value: original.end || '' }), { path: '$.trial.end', hint: 'Empty while the trial is ongoing.' }),
    adherence: field('Adherence (%)', h('input', { type: 'number', name: 'adherence_pct', min: 0, max: 100, value: original.adherence_pct ?? '' }), { path: '$.trial.adherence_pct', hint: 'Empty = unknown (assumed adherent, flagged).' }),
    sessions: field('Sessions', h('input', { type: 'number', name: 'sessions', min: 0, value: original.sessions ?? '' }), { path: '$.trial.sessions', hint: 'Attended sessions or treatments.' }),
    therapist: field('Therapist experienced', h('input', { type: 'checkbox', name: 'therapist', checked: original.therapist === 'experienced' }), { path: '$.trial.therapist' }),
    combinedWith: field('Given with medication trial', select('combined_with', [['', 'none'], ...drugTrials.map((t) => [t.id, `${t.id} ${t.drug || t.agent}`])], original.combined_with || ''), { path: '$.trial.combined_with' }),
    laterality: field('Laterality', select('laterality', [['unknown', 'unknown'], ['bilateral', 'bilateral'], ['bifrontal', 'bifrontal'], ['right_unilateral', 'right unilateral']], original.laterality || 'unknown'), { path: '$.trial.laterality' }),
    setting: field('Setting', select('setting', [['inpatient', 'inpatient'], ['day_hospital', 'day hospital']], original.setting || 'inpatient'), { path: '$.trial.setting' }),
    outcome: field('Outcome', select('outcome', OUTCOMES, original.outcome?.judgement || ''), { path: '$.trial.outcome' }),
    stop: field('Stop reason', select('stop_reason', STOP_REASONS, original.stop_reason || ''), { path: '$.trial.stop_reason' }),
    prospective: field('Followed prospectively with measured outcomes', h('input', { type: 'checkbox', name: 'prospective', checked: original.prospective === true }), { path: '$.trial.prospective' }),
  };
  const hint = h('p.hint', { 'aria-live': 'polite' });
  const doseList = h('div.dose-steps');
  const doseFields = field('Doses', h('input', { type: 'hidden' }), { path: '$.trial.doses' });
  const removeRow = (row) => { if (doseList.children.length > 1) row.remove(); };
  const steps = original.doses?.length ? original.doses : [{ from: original.start }];
  for (const step of steps) doseList.append(doseRow(step, removeRow));
  const doses = h('fieldset.doses', {}, h('legend', {}, 'Dose steps'), doseList, doseFields.error,
    h('button', { type: 'button', onclick: () => doseList.append(doseRow({}, removeRow)) }, 'Add dose step'));

  const visibility = () => {
    const kind = f.kind.input.value;
    const show = (entry, on) => { (entry.element || entry).hidden = !on; };
    show(f.drug, kind === 'antidepressant' || kind === 'combination');
    show(f.agent, kind === 'augmentation');
    show(f.augments, kind === 'augmentation' || kind === 'combination');
    show(f.modality, kind === 'psychotherapy');
    show(doses, MEDICATION.has(kind));
    show(f.adherence, MEDICATION.has(kind));
    show(f.sessions, SESSIONS.has(kind));
    show(f.therapist, kind === 'psychotherapy');
    show(f.combinedWith, kind === 'psychotherapy');
    show(f.laterality, kind === 'ect');
    show(f.setting, kind === 'intensified_care');
    show(f.outcome, kind !== 'intensified_care');
    show(f.stop, kind !== 'intensified_care');
    show(f.prospective, kind !== 'intensified_care');
    hint.textContent = MEDICATION.has(kind) ? doseHint(tables, kind, kind === 'augmentation' ? f.agent.input.value : f.drug.input.value) : '';
  };
  for (const input of [f.kind.input, f.drug.input, f.agent.input]) input.addEventListener('input', visibility);

  const read = () => {
    const kind = f.kind.input.value;
    const kept = editing ? { ...original } : {};
    for (const key of ['drug', 'agent', 'augments', 'modality', 'doses', 'adherence_pct', 'sessions', 'therapist', 'combined_with', 'laterality', 'setting', 'outcome', 'stop_reason', 'prospective', 'end']) delete kept[key];
    const result = { ...kept, id: original.id, kind, start: f.start.input.value };
    if (f.end.input.value) result.end = f.end.input.value;
    if (kind === 'antidepressant' || kind === 'combination') result.drug = f.drug.input.value.trim();
    if (kind === 'augmentation') result.agent = f.agent.input.value.trim();
    if (kind === 'augmentation' || kind === 'combination') result.augments = f.augments.input.value;
    if (kind === 'psychotherapy') {
      result.modality = f.modality.input.value.trim();
      result.therapist = f.therapist.input.checked ? 'experienced' : (original.therapist && original.therapist !== 'experienced' ? original.therapist : 'unknown');
      if (f.combinedWith.input.value) result.combined_with = f.combinedWith.input.value;
    }
    if (MEDICATION.has(kind)) {
      result.doses = [...doseList.children].map((row) => row.read()).filter((d) => d.from || d.mg_per_day !== undefined);
      if (f.adherence.input.value !== '') result.adherence_pct = Number(f.adherence.input.value);
    }
    if (SESSIONS.has(kind) && f.sessions.input.value !== '') result.sessions = Number(f.sessions.input.value);
    if (kind === 'ect') result.laterality = f.laterality.input.value;
    if (kind === 'intensified_care') result.setting = f.setting.input.value;
    if (kind !== 'intensified_care') {
      if (f.outcome.input.value) result.outcome = { ...(original.outcome || {}), judgement: f.outcome.input.value };
      else if (original.outcome?.instrument) result.outcome = { ...original.outcome, judgement: undefined };
      if (f.stop.input.value) result.stop_reason = f.stop.input.value;
      if (f.prospective.input.checked) result.prospective = true;
    }
    return JSON.parse(JSON.stringify(result));
  };

  const summary = h('div', { 'aria-live': 'polite' });
  const allFields = [...Object.values(f), doseFields];
  const index = editing ? record.treatments.findIndex((t) => t.id === original.id) : (record.treatments || []).length;
  // The server names the edited trial by its place in the record: map it to the form's fields.
  const rewrite = (path) => path.replace(new RegExp(`^\\$\\.treatments\\[${index}\\]`), '$.trial')
    .replace(/^\$\.trial\.doses\[\d+\].*/, '$.trial.doses');
  const form = h('form.panel', { novalidate: true, 'aria-labelledby': 'trial-form-title' },
    h('h2#trial-form-title', {}, editing ? `Correct trial ${original.id}` : 'Add trial'),
    datalist('refract-drugs', tables.antidepressants.items), datalist('refract-agents', tables.augmenters.items),
    datalist('refract-modalities', tables.psychotherapies.items),
    h('div.row', {}, f.kind.element, f.drug.element, f.agent.element, f.augments.element, f.modality.element),
    hint,
    h('div.row', {}, f.start.element, f.end.element, f.adherence.element, f.sessions.element),
    doses,
    h('div.row', {}, f.therapist.element, f.combinedWith.element, f.laterality.element, f.setting.element),
    h('div.row', {}, f.outcome.element, f.stop.element),
    f.prospective.element,
    summary,
    h('div.actions', {}, h('button.primary', { type: 'submit' }, 'Save trial'), h('button', { type: 'button', onclick: onCancel }, 'Cancel')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form, summary);
    const body = read();
    try {
      if (editing) {
        await api.send('PUT', `/api/v1/patients/${patient.patient_id}/trials/${encodeURIComponent(original.id)}`, body, { version: patient.version });
      } else {
        await api.send('POST', `/api/v1/patients/${patient.patient_id}/trials`, body, { version: patient.version });
      }
      onSaved(editing ? `Trial ${original.id} corrected.` : `Trial ${original.id} added.`);
    } catch (error) {
      showErrors(error, allFields, summary, rewrite);
    }
  });
  clear(container).append(form);
  visibility();
  f.kind.input.focus();
}
