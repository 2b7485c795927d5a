// The team's patients: stage under the chosen model, latest PHQ-9 band and its trend, and open
// self-harm alerts — patients with an open alert first (GET /api/v1/patients?summary=true).
import { appendTo, clear, h } from '../dom.js';
import { bandBadge } from './labels.js';

const DEFAULT_MODEL = 'maudsley_2009';

function trendCell(phq9) {
  if (!phq9 || !phq9.trend) return h('td', {}, h('span.muted', {}, '—'));
  const arrows = { worse: ['↑', 'worse', 'danger'], better: ['↓', 'better', 'ok'], same: ['→', 'unchanged', 'neutral'] };
  const [arrow, word, tone] = arrows[phq9.trend];
  return h('td', {}, h(`span.badge.${tone}`, { title: `previous total ${phq9.previous_total}` }, `${arrow} ${word}`),
    h('span.muted.small', {}, ` from ${phq9.previous_total}`));
}

function safetyCell(summary) {
  const alerts = summary.alerts || {};
  if (alerts.open > 0) {
    return h('td', {}, h('span.badge.danger', {}, 'Self-harm alert'),
      alerts.latest ? h('div.small', {}, alerts.latest.split(':')[0]) : null);
  }
  if (alerts.safety_level === 'emergency' || alerts.safety_level === 'urgent') {
    return h('td', {}, h('span.badge.danger', {}, `Safety: ${alerts.safety_level}`));
  }
  return h('td', {}, h('span.muted', {}, 'no open alert'));
}

function patientRow(patient) {
  const summary = patient.summary || {};
  const link = h('a', { href: `#/patients/${patient.patient_id}` }, patient.pseudonym);
  if (summary.error) {
    return h('tr', {}, h('th', { scope: 'row' }, link),
      h('td', { colspan: 4 }, h('span.badge.warn', {}, 'record cannot be assessed'), ' ', summary.error));
  }
  const stage = summary.stage || {};
  const phq9 = summary.phq9;
  return h(`tr${summary.alerts?.open > 0 ? '.has-alert' : ''}`, {},
    h('th.patient', { scope: 'row' }, link, patient.archived ? h('span.muted.small', {}, ' (archived)') : null),
    h('td', {}, stage.label || '—', stage.provisional ? h('span.provisional', {}, ' provisional') : null),
    h('td', {}, phq9 ? [`${phq9.total} `, bandBadge(phq9.band), h('div.muted.small', {}, phq9.date)] : h('span.muted', {}, 'none')),
    trendCell(phq9),
    safetyCell(summary));
}

function alertFirst(a, b) {
  const openA = a.summary?.alerts?.open > 0 ? 1 : 0;
  const openB = b.summary?.alerts?.open > 0 ? 1 : 0;
  if (openA !== openB) return openB - openA;
  return a.pseudonym.localeCompare(b.pseudonym);
}

export async function renderPatientList(main, { api }) {
  document.title = 'Patients · Refract';
  const params = new URLSearchParams(location.hash.split('?')[1] || '');
  const model = params.get('model') || localStorage.getItem('refract.model') || DEFAULT_MODEL;
  const [list, models] = await Promise.all([
    api.get(`/api/v1/patients?summary=true&limit=500&model=${encodeURIComponent(model)}`),
    api.get('/api/v1/models'),
  ]);
  const patients = [...list.patients].sort(alertFirst);
  clear(main);
  const modelSelect = h('select#model', { name: 'model' },
    models.models.map((m) => h('option', { value: m.id, selected: m.id === model }, m.name)));
  modelSelect.addEventListener('change', () => {
    localStorage.setItem('refract.model', modelSelect.value);
    renderPatientList(main, { api });
  });
  const modelName = models.models.find((m) => m.id === model)?.name || model;
  const search = h('input#search', { type: 'search', name: 'q', placeholder: 'pseudonymous id' });
  const body = h('tbody', {}, patients.map(patientRow));
  search.addEventListener('input', () => {
    const text = search.value.trim().toLowerCase();
    clear(body).append(...patients.filter((p) => p.pseudonym.toLowerCase().includes(text)).map(patientRow));
  });
  const openAlerts = patients.filter((p) => p.summary?.alerts?.open > 0).length;
  appendTo(main,
    h('h1', {}, 'Patients'),
    h('div.row', {},
      h('div.field', {}, h('label', { for: 'model' }, 'Stage shown under'), modelSelect),
      h('div.field', {}, h('label', { for: 'search' }, 'Find a patient'), search),
      h('div.field', {}, h('a.button-link', { href: '#/patients/new' }, 'New patient'))),
    openAlerts > 0
      ? h('p.error-box', {}, `${openAlerts} patient${openAlerts > 1 ? 's have' : ' has'} an open self-harm alert (listed first).`)
      : null,
    patients.length === 0
      ? h('p.notice-box', {}, 'No patients yet. Create the first one with “New patient”.')
      : h('table', {},
        h('caption', {}, 'Patients of your team'),
        h('thead', {}, h('tr', {}, ['Patient', `Stage`, 'PHQ-9', 'Trend', 'Safety'].map((t) => h('th', { scope: 'col' }, t)))),
        body),
    h('p.muted.small', {}, `Stage: ${modelName}, as of each record's last change. PHQ-9: the latest total with its band; trend against the previous PHQ-9.`),
    list.next_after ? h('p.muted.small', {}, 'Showing the first 500 patients; search to narrow the list.') : null,
  );
}
