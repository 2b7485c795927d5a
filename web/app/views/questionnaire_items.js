// The items of a self-report questionnaire as radio groups, one fieldset per item with the
// instrument's exact wording as its legend (PHQ-9 and GAD-7: free to reproduce, Pfizer; the wording
// and attribution come from the knowledge tables). Shared by the clinician's assessment form and
// the patient's questionnaire page.
import { h } from '../dom.js';

// {id, name, stem, items: [{number, text}], responses: [{value, label}], attribution,
//  safety_item}: the instrument's wording in one shape, from a knowledge table
//  (knowledge/instruments/<id>.json: `wording` and each item's `text`) or from the questionnaire
//  API (already in this shape).
export function wordingOf(table) {
  if (table.stem && table.responses) return table;
  const wording = table.wording || {};
  // The scored items with their published text (PHQ-9's unscored difficulty item has other
  // response labels and is left out).
  const items = (table.items || []).filter((item) => item.scored !== false && item.text)
    .map((item) => ({ number: item.number, text: item.text }));
  return {
    id: table.id, name: table.name, stem: wording.stem || '', items, responses: wording.responses || [],
    attribution: wording.attribution || '', safety_item: table.safety_item?.item,
  };
}

// The fieldsets for `wording`; onChange(number, value) after every choice. Returns
// {element, values()} where values() lists the chosen values in item order (null = unanswered).
export function itemFieldsets(wording, { idPrefix, onChange = () => {} }) {
  const groups = wording.items.map((item) => {
    const name = `${idPrefix}-${item.number}`;
    return h('fieldset.item', { dataset: { item: item.number } },
      h('legend', {}, `${item.number}. ${item.text}`),
      h('div.choices', {}, wording.responses.map((response) => {
        const id = `${name}-${response.value}`;
        const input = h('input', { type: 'radio', name, id, value: response.value });
        input.addEventListener('change', () => onChange(item.number, Number(response.value)));
        return h('label', { for: id }, input, response.label);
      })));
  });
  const element = h('div.items', {}, wording.stem ? h('p.stem', {}, h('strong', {}, wording.stem)) : null, groups);
  const values = () => groups.map((group) => {
    const checked = group.querySelector('input:checked');
    return checked ? Number(checked.value) : null;
  });
  return { element, values };
}
