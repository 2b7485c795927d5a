// Add an assessment: PHQ-9 or GAD-7 by items with the licensed wording, or another instrument by
// its total (with the self-harm item when known). A self-harm item above 0 shows the alert at
// once; the server raises the critical alert for the clinician (never imputed, never hidden).
import { appendTo, h, clear, today } from '../dom.js';
import { field, select, showErrors, clearErrors } from '../forms.js';
import { itemFieldsets, wordingOf } from './questionnaire_items.js';

const BY_ITEMS = new Set(['phq9', 'gad7']);

export function renderAssessmentForm(container, { api, patient, instruments, onSaved, onCancel }) {
  const record = patient.record;
  const choices = Object.values(instruments).map((i) => [i.id, `${i.name}${BY_ITEMS.has(i.id) ? '' : ' (total)'}`]);
  const instrument = field('Instrument', select('instrument', choices, 'phq9'), { path: '$.assessment.instrument' });
  const date = field('Date', h('input', { type: 'date', name: 'date', value: today() }), { path: '$.assessment.date' });
  const trial = field('During trial', select('treatment', [['', 'not linked'], ...(record.treatments || []).map((t) => [t.id, `${t.id} ${t.drug || t.agent || t.modality || t.kind}`])], ''), { path: '$.assessment.treatment', hint: 'Optional: links the score to a treatment step for its outcome.' });
  const total = field('Total', h('input', { type: 'number', name: 'total', min: 0 }), { path: '$.assessment.total' });
  const safety = field('Self-harm item score', h('input', { type: 'number', name: 'safety_item', min: 0 }), { path: '$.assessment.safety_item', hint: 'When known (QIDS-SR16 item 12, HAM-D17 item 3, MADRS item 10).' });
  const itemsError = field('Items', h('input', { type: 'hidden' }), { path: '$.assessment.items' });
  const itemsHolder = h('div');
  const safetyNotice = h('div', { 'aria-live': 'assertive' });
  let current = null;

  const showItems = () => {
    clear(itemsHolder);
    clear(safetyNotice);
    const table = instruments[instrument.input.value];
    const byItems = BY_ITEMS.has(table.id);
    total.element.hidden = byItems;
    safety.element.hidden = byItems;
    current = null;
    if (!byItems) return;
    const wording = wordingOf(table);
    current = itemFieldsets(wording, {
      idPrefix: `item-${table.id}`,
      onChange: (number, value) => {
        if (number !== wording.safety_item) return;
        clear(safetyNotice);
        if (value > 0) {
          safetyNotice.append(h('p.error-box', { role: 'alert' },
            `Self-harm alert: item ${number} scored ${value}. A critical alert will be raised; assess suicide risk at this contact.`));
        }
      },
    });
    appendTo(itemsHolder, current.element, itemsError.error, wording.attribution ? h('p.small.muted', {}, wording.attribution) : null);
  };
  instrument.input.addEventListener('change', showItems);

  const summary = h('div', { 'aria-live': 'polite' });
  const index = (record.assessments || []).length;
  const rewrite = (path) => path.replace(new RegExp(`^\\$\\.assessments\\[${index}\\]`), '$.assessment')
    .replace(/^\$\.assessment\.items\[\d+\].*/, '$.assessment.items');
  const form = h('form.panel', { novalidate: true, 'aria-labelledby': 'assessment-form-title' },
    h('h2#assessment-form-title', {}, 'Add assessment'),
    h('div.row', {}, instrument.element, date.element, trial.element, total.element, safety.element),
    itemsHolder, safetyNotice, summary,
    h('div.actions', {}, h('button.primary', { type: 'submit' }, 'Save assessment'), h('button', { type: 'button', onclick: onCancel }, 'Cancel')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form, summary);
    const body = { instrument: instrument.input.value, date: date.input.value };
    if (trial.input.value) body.treatment = trial.input.value;
    if (current) body.items = current.values();
    else {
      if (total.input.value !== '') body.total = Number(total.input.value);
      if (safety.input.value !== '') body.safety_item = Number(safety.input.value);
    }
    try {
      await api.send('POST', `/api/v1/patients/${patient.patient_id}/assessments`, body, { version: patient.version });
      onSaved(`${instruments[body.instrument].name} of ${body.date} added.`);
    } catch (error) {
      showErrors(error, [instrument, date, trial, total, safety, itemsError], summary, rewrite);
    }
  });
  clear(container).append(form);
  showItems();
  instrument.input.focus();
}
