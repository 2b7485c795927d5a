// The patient page: at a glance the safety banner, the stage under all nine models with the
// "why" of each, what was never adequately tried, the treatment timeline, the symptom
// trajectories, the ranked options and the patient's preferences; the editing forms open in
// place and saving re-renders with the new stage at once.
import { appendTo, h, clear } from '../dom.js';
import { renderSafetyBanner } from './safety.js';
import { renderStagingTable } from './staging_table.js';
import { renderTimeline, trialName } from './timeline.js';
import { renderTrajectories } from './trajectories.js';
import { renderOptions } from './options_list.js';
import { renderTrialForm } from './trial_form.js';
import { renderAssessmentForm } from './assessment_form.js';
import { renderPreferencesForm, CONDITIONS } from './preferences_form.js';
import { renderLinkForm } from './link_form.js';
import { humanId, outcomeWord } from './labels.js';

const FORM_INSTRUMENTS = ['phq9', 'gad7', 'qids_sr16', 'madrs', 'hamd17', 'bdi2', 'who5'];

// Knowledge tables change only with the server's knowledge version: fetched once per page load.
let tablesPromise = null;
function knowledgeTables(api) {
  if (!tablesPromise) {
    const table = (name) => api.get(`/api/v1/knowledge/tables/${name}`);
    const instrument = (id) => api.get(`/api/v1/knowledge/instruments/${id}`).catch(() => null);
    tablesPromise = Promise.all([
      table('antidepressants'), table('augmenters'), table('psychotherapies'), table('interventions'),
      Promise.all(FORM_INSTRUMENTS.map(instrument)),
    ]).then(([antidepressants, augmenters, psychotherapies, interventions, instruments]) => ({
      antidepressants, augmenters, psychotherapies, interventions,
      instruments: Object.fromEntries(instruments.filter(Boolean).map((i) => [i.id, i])),
    }));
    tablesPromise.catch(() => { tablesPromise = null; });
  }
  return tablesPromise;
}

function neverTried(assessment) {
  const items = assessment.not_adequately_tried || [];
  if (items.length === 0) return h('p', {}, 'Every treatment class was adequately tried.');
  return h('div', {},
    h('ul.chips', {}, items.map((item) => h('li', {}, item.label, item.tried ? h('span.muted.small', {}, ' (tried, not adequately)') : null))),
    assessment.not_adequately_tried_note ? h('p.small.muted', {}, assessment.not_adequately_tried_note) : null);
}

function trialsTable(assessment, onCorrect) {
  const trials = assessment.trials || [];
  if (trials.length === 0) return null;
  return h('details', {}, h('summary', {}, `Adequacy of each trial (${trials.length})`),
    h('table', {}, h('thead', {}, h('tr', {}, ['Trial', 'Adequate', 'Why', 'Outcome', ''].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, trials.map((trial) => h('tr', {},
        h('th', { scope: 'row' }, trialName(trial), h('div.small.muted', {}, `${trial.start} – ${trial.ongoing ? 'ongoing' : trial.end}`)),
        h('td', {}, trial.adequate ? h('span.badge.ok', {}, 'adequate') : h('span.badge.warn', {}, 'not adequate')),
        h('td', {}, h('ul.small', {}, (trial.reasons || []).map((r) => h('li', {}, `${r.passed ? '✓' : '✗'} ${r.detail}`)))),
        h('td', {}, outcomeWord(trial.outcome), trial.outcome_from ? h('div.small.muted', {}, trial.outcome_from) : null),
        h('td', {}, h('button', { type: 'button', onclick: () => onCorrect(trial.id), 'aria-label': `Correct trial ${trial.id}` }, 'Correct')))))));
}

function preferencesBlock(record, interventions) {
  const name = (id) => interventions.items.find((i) => i.id === id)?.name || humanId(id);
  const prefers = record.preferences?.prefers || [];
  const declines = record.preferences?.declines || [];
  const screened = CONDITIONS.filter(([id]) => record.conditions?.[id] !== undefined);
  return h('div', {},
    h('p', {}, h('strong', {}, 'Prefers: '), prefers.length ? prefers.map(name).join(', ') : 'not recorded — ask the patient'),
    h('p', {}, h('strong', {}, 'Declines: '), declines.length ? declines.map(name).join(', ') : 'nothing recorded'),
    h('p', {}, h('strong', {}, 'Screened: '), screened.length
      ? screened.map(([id, label]) => `${label}: ${record.conditions[id] ? 'present' : 'absent'}`).join('; ')
      : 'no condition recorded as screened'));
}

export async function renderPatientPage(main, { api, patientId }, flash = '') {
  const [patient, assessment, tables] = await Promise.all([
    api.get(`/api/v1/patients/${patientId}`),
    api.get(`/api/v1/patients/${patientId}/assessment`),
    knowledgeTables(api),
  ]);
  const record = patient.record;
  document.title = `${patient.pseudonym} · Refract`;
  clear(main);
  const formSlot = h('div#form-slot');
  const rerender = (message) => renderPatientPage(main, { api, patientId }, message);
  const closeForm = () => clear(formSlot);
  const openTrial = (trialId) => renderTrialForm(formSlot, {
    api, patient, tables, trial: trialId ? record.treatments.find((t) => t.id === trialId) : null,
    onSaved: rerender, onCancel: closeForm,
  });
  const actions = h('div.actions.no-print', {},
    h('button', { type: 'button', onclick: () => openTrial(null) }, 'Add trial'),
    h('button', { type: 'button', onclick: () => renderAssessmentForm(formSlot, { api, patient, instruments: tables.instruments, onSaved: rerender, onCancel: closeForm }) }, 'Add assessment'),
    h('button', { type: 'button', onclick: () => renderPreferencesForm(formSlot, { api, patient, interventions: tables.interventions, onSaved: rerender, onCancel: closeForm }) }, 'Edit preferences'),
    h('button', { type: 'button', onclick: () => renderLinkForm(formSlot, { api, patient, onDone: closeForm }) }, 'Create questionnaire link'),
    h('a', { href: `#/patients/${patientId}/decision` }, 'Shared-decision view'),
    h('a', { href: `#/patients/${patientId}/report` }, 'Clinical report'));
  appendTo(main,
    h('p.no-print', {}, h('a', { href: '#/patients' }, '← Patients')),
    h('h1', {}, patient.pseudonym),
    h('p.muted', {}, `Assessed as of ${assessment.as_of} · record version ${patient.version}: ${patient.change?.reason || ''} by ${patient.change?.author || '?'} (${patient.change?.time || ''})`,
      patient.archived ? h('span.badge.warn', {}, ' archived') : null),
    h('details.small.muted', {}, h('summary', {}, 'Knowledge tables used'),
      h('p', {}, String(assessment.knowledge?.version || '').split(',').join(' · '))),
    flash ? h('p.ok-box', { role: 'status' }, flash) : null,
    renderSafetyBanner(assessment),
    actions,
    formSlot,
    h('section', { 'aria-labelledby': 'h-staging' }, h('h2#h-staging', {}, 'Staging under every model'), renderStagingTable(assessment)),
    h('section', { 'aria-labelledby': 'h-never' }, h('h2#h-never', {}, 'Never adequately tried'), neverTried(assessment)),
    h('section', { 'aria-labelledby': 'h-timeline' }, h('h2#h-timeline', {}, 'Treatment timeline'), renderTimeline(assessment, record), trialsTable(assessment, openTrial)),
    h('section', { 'aria-labelledby': 'h-measures' }, h('h2#h-measures', {}, 'Symptom trajectories'), renderTrajectories(assessment, tables.instruments)),
    h('section', { 'aria-labelledby': 'h-options' }, h('h2#h-options', {}, 'Next-step options'),
      h('p.small.muted', {}, 'Ranked for discussion with the patient, with the reasons; never a verdict. The safety action above comes before every option.'),
      renderOptions(assessment)),
    h('section', { 'aria-labelledby': 'h-preferences' }, h('h2#h-preferences', {}, 'Preferences and screened conditions'), preferencesBlock(record, tables.interventions)));
  if (flash) main.querySelector('[role=status]')?.focus?.();
}
