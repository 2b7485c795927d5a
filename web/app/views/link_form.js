// A one-time questionnaire link for the patient (PHQ-9 and/or GAD-7, expiring, no account): the
// server keeps only a hash of the token, which travels in the URL fragment (/q/#t=...) so it never
// reaches a server log. The patient's answers become a new version of the record; a positive
// self-harm item raises the alert on the list and the patient page.
import { appendTo, h, clear } from '../dom.js';
import { field, select, showErrors, clearErrors } from '../forms.js';

export async function renderLinkForm(container, { api, patient, onDone }) {
  const path = `/api/v1/patients/${patient.patient_id}/questionnaire-links`;
  const phq9 = field('PHQ-9', h('input', { type: 'checkbox', name: 'phq9', checked: true }), { path: 'instruments' });
  const gad7 = field('GAD-7', h('input', { type: 'checkbox', name: 'gad7', checked: true }), {});
  const hours = field('Valid for', select('expires_in_hours', [['24', '1 day'], ['72', '3 days'], ['168', '7 days'], ['336', '14 days']], '72'), { path: 'expires_in_hours' });
  const result = h('div', { 'aria-live': 'polite' });
  const summary = h('div', { 'aria-live': 'polite' });
  const existing = h('div');
  const form = h('form.panel', { novalidate: true, 'aria-labelledby': 'link-form-title' },
    h('h2#link-form-title', {}, 'Questionnaire link'),
    h('p.hint', {}, 'The patient opens the link on any device, answers once, and needs no account. Send it through your usual secure channel.'),
    h('fieldset', {}, h('legend', {}, 'Questionnaires'), h('div.row', {}, phq9.element, gad7.element)),
    hours.element, summary,
    h('div.actions', {}, h('button.primary', { type: 'submit' }, 'Create link'), h('button', { type: 'button', onclick: onDone }, 'Close')),
    result, existing);
  const listLinks = async () => {
    clear(existing);
    const links = await api.get(path).catch(() => null);
    if (!links?.links?.length) return;
    existing.append(h('table', {}, h('caption', {}, 'Links issued for this patient'),
      h('thead', {}, h('tr', {}, ['Created', 'By', 'Questionnaires', 'Expires', 'Status'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, links.links.map((link) => h('tr', {},
        h('td', {}, link.created_at), h('td', {}, link.created_by), h('td', {}, (link.instruments || []).join(', ')),
        h('td', {}, link.expires_at), h('td', {}, link.status))))));
  };
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form, summary);
    clear(result);
    const instruments = [phq9.input.checked ? 'phq9' : null, gad7.input.checked ? 'gad7' : null].filter(Boolean);
    try {
      const link = await api.send('POST', path, { instruments, expires_in_hours: Number(hours.input.value) });
      const url = `${location.origin}${link.path}`;
      const output = h('input#questionnaire-link', { readonly: true, value: url, size: 60 });
      const copy = h('button', { type: 'button', onclick: async () => {
        output.select();
        await navigator.clipboard?.writeText(url).catch(() => {});
        copy.textContent = 'Copied';
      } }, 'Copy');
      appendTo(result, h('div.ok-box', {},
        h('div.field', {}, h('label', { for: 'questionnaire-link' }, 'Questionnaire link'), output),
        copy, h('p.small', {}, `Valid until ${link.expires_at}, for one use. It is shown only now.`)));
      output.focus();
      output.select();
      await listLinks();
    } catch (error) {
      showErrors(error, [phq9, hours], summary);
    }
  });
  clear(container).append(form);
  await listLinks();
  phq9.input.focus();
}
