// A new patient: the minimum a record needs (pseudonymous id, diagnosis, the current episode) and
// optional demographics; treatments and assessments are added on the patient page. POST
// /api/v1/patients; errors appear beside their fields.
import { appendTo, h, clear, today } from '../dom.js';
import { field, select, showErrors, clearErrors } from '../forms.js';

export function renderNewPatient(main, { api, navigate }) {
  document.title = 'New patient · Refract';
  clear(main);
  const fields = {
    id: field('Pseudonymous id', h('input', { name: 'id', required: true, autocomplete: 'off' }),
      { path: '$.id', hint: 'Never a name or a hospital number: a code your team can look up elsewhere.' }),
    birth: field('Date of birth', h('input', { name: 'birth_date', type: 'date' }), { path: '$.demographics.birth_date', hint: 'Optional (age 65 or over changes some options).' }),
    sex: field('Sex', select('sex', [['', 'not recorded'], ['female', 'female'], ['male', 'male'], ['other', 'other']], ''), { path: '$.demographics.sex' }),
    education: field('Years of education', h('input', { name: 'education_years', type: 'number', min: 0, max: 40 }), { path: '$.demographics.education_years', hint: 'Optional.' }),
    diagnosis: field('Diagnosis', select('diagnosis', [['mdd', 'Major depressive disorder'], ['bipolar', 'Bipolar depression'], ['other', 'Other']], 'mdd'), { path: '$.diagnosis' }),
    onset: field('Episode onset', h('input', { name: 'onset', type: 'date', required: true }), { path: '$.episode.onset' }),
    severity: field('Episode severity', select('severity', [['subsyndromal', 'subsyndromal'], ['mild', 'mild'], ['moderate', 'moderate'], ['severe', 'severe'], ['severe_psychotic', 'severe with psychotic features']], 'moderate'), { path: '$.episode.severity' }),
    episodes: field('Lifetime episodes', h('input', { name: 'lifetime_episodes', type: 'number', min: 1 }), { path: '$.episode.lifetime_episodes', hint: 'Including this one; optional.' }),
    psychotic: field('Psychotic features', h('input', { name: 'psychotic', type: 'checkbox' }), { path: '$.episode.psychotic_features' }),
  };
  const summary = h('div', { 'aria-live': 'polite' });
  const form = h('form.card', { novalidate: true },
    h('div.row', {}, fields.id.element, fields.diagnosis.element),
    h('div.row', {}, fields.birth.element, fields.sex.element, fields.education.element),
    h('h2', {}, 'Current episode'),
    h('div.row', {}, fields.onset.element, fields.severity.element, fields.episodes.element),
    fields.psychotic.element,
    summary,
    h('div.actions', {}, h('button.primary', { type: 'submit' }, 'Create patient'), h('a', { href: '#/patients' }, 'Cancel')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form, summary);
    const value = (f) => f.input.value.trim();
    const record = {
      format: 'refract-patient/1',
      id: value(fields.id),
      as_of: today(),
      diagnosis: value(fields.diagnosis),
      episode: { onset: value(fields.onset), severity: value(fields.severity) },
      treatments: [],
    };
    if (fields.psychotic.input.checked || record.episode.severity === 'severe_psychotic') record.episode.psychotic_features = true;
    if (value(fields.episodes)) record.episode.lifetime_episodes = Number(value(fields.episodes));
    const demographics = {};
    if (value(fields.birth)) demographics.birth_date = value(fields.birth);
    if (value(fields.sex)) demographics.sex = value(fields.sex);
    if (value(fields.education)) demographics.education_years = Number(value(fields.education));
    if (Object.keys(demographics).length) record.demographics = demographics;
    if (!record.episode.onset) delete record.episode.onset;
    try {
      const created = await api.send('POST', '/api/v1/patients', record);
      navigate(`#/patients/${created.patient_id}`);
    } catch (error) {
      showErrors(error, Object.values(fields), summary);
    }
  });
  appendTo(main, h('p', {}, h('a', { href: '#/patients' }, '← Patients')), h('h1', {}, 'New patient'),
    h('p.lead', {}, 'Only synthetic or pseudonymous data: the record holds no name.'), form);
  fields.id.input.focus();
}
