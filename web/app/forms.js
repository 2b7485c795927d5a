// Form plumbing shared by the editing forms: labelled fields that know the record path they fill,
// and the API's field errors ({path, rule}, the same paths `refract validate` prints) shown beside
// the field they name, with a summary (role=alert) listing all of them.
import { clear, h, uniqueId } from './dom.js';

// A labelled field: {element, input, path}. `input` is an <input>/<select>/<textarea>.
export function field(labelText, input, { path = '', hint = '' } = {}) {
  input.id = input.id || uniqueId('f');
  const error = h('p.field-error', { id: `${input.id}-error`, hidden: true });
  const hintElement = hint ? h('p.hint', { id: `${input.id}-hint` }, hint) : null;
  if (hintElement) input.setAttribute('aria-describedby', hintElement.id);
  const isCheck = input.type === 'checkbox';
  const element = isCheck
    ? h('div.field.inline', {}, input, h('label', { for: input.id }, labelText), error)
    : h('div.field', {}, h('label', { for: input.id }, labelText), input, hintElement, error);
  const entry = { element, input, path, error };
  element.refractField = entry;
  return entry;
}

export function select(name, options, selected) {
  return h('select', { name },
    options.map(([value, label]) => h('option', { value, selected: value === selected }, label)));
}

export function clearErrors(form, summary) {
  for (const error of form.querySelectorAll('.field-error')) {
    error.hidden = true;
    error.textContent = '';
  }
  for (const input of form.querySelectorAll('[aria-invalid]')) {
    input.removeAttribute('aria-invalid');
    input.setAttribute('aria-describedby', (input.getAttribute('aria-describedby') || '').replace(/\S+-error/g, '').trim());
  }
  clear(summary);
}

// Shows `apiError` (ApiError) on the form: each detail beside the field whose path it names
// (`fields`: [{path, input, error}], a path matching exactly or as a prefix), the rest and a
// count in `summary`.
export function showErrors(apiError, fields, summary, rewritePath = (path) => path) {
  const unplaced = [];
  let firstInvalid = null;
  const details = apiError.details?.length ? apiError.details : [{ path: '', rule: apiError.message }];
  for (const detail of details) {
    const path = rewritePath(detail.path || '');
    const target = fields.find((f) => f.path && (path === f.path || path.startsWith(`${f.path}.`) || path.startsWith(`${f.path}[`)));
    if (!target) {
      unplaced.push(detail.path ? `${detail.path}: ${detail.rule}` : detail.rule);
      continue;
    }
    target.error.hidden = false;
    target.error.textContent = target.error.textContent ? `${target.error.textContent}; ${detail.rule}` : detail.rule;
    target.input.setAttribute('aria-invalid', 'true');
    const described = (target.input.getAttribute('aria-describedby') || '').split(' ').filter(Boolean);
    if (!described.includes(target.error.id)) described.push(target.error.id);
    target.input.setAttribute('aria-describedby', described.join(' '));
    firstInvalid = firstInvalid || target.input;
  }
  const count = details.length;
  summary.append(h('div.error-box', { role: 'alert' },
    h('p', {}, `Not saved: ${count} problem${count > 1 ? 's' : ''} to fix${count - unplaced.length > 0 ? ' (shown beside the fields)' : ''}.`),
    unplaced.length ? h('ul', {}, unplaced.map((text) => h('li', {}, text))) : null));
  if (firstInvalid) firstInvalid.focus();
}
