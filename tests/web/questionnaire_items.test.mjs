// The questionnaire wording (web/app/views/questionnaire_items.js wordingOf): the scored items of
// the knowledge table with their published text, never PHQ-9's difficulty item under the frequency
// labels; the questionnaire API's shape passes through.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { wordingOf } from '../../web/app/views/questionnaire_items.js';

const phq9 = JSON.parse(readFileSync(new URL('../../knowledge/instruments/phq9.json', import.meta.url)));
const gad7 = JSON.parse(readFileSync(new URL('../../knowledge/instruments/gad7.json', import.meta.url)));

test('PHQ-9: nine items with their text; the unscored difficulty item is left out', () => {
  const wording = wordingOf(phq9);
  assert.equal(wording.items.length, 9);
  assert.deepEqual(wording.items.map((i) => i.number), [1, 2, 3, 4, 5, 6, 7, 8, 9]);
  assert.match(wording.items[8].text, /better off dead/);
  assert.deepEqual(wording.responses.map((r) => r.label),
    ['Not at all', 'Several days', 'More than half the days', 'Nearly every day']);
  assert.equal(wording.safety_item, 9);
  assert.match(wording.attribution, /Pfizer/);
});

test('GAD-7: seven items under the same stem', () => {
  const wording = wordingOf(gad7);
  assert.equal(wording.items.length, 7);
  assert.equal(wording.stem, wordingOf(phq9).stem);
});

test('the questionnaire API shape is used as it is', () => {
  const api = { id: 'phq9', name: 'PHQ-9', stem: 's', items: [{ number: 1, text: 't' }], responses: [{ value: 0, label: 'Not at all' }] };
  assert.equal(wordingOf(api), api);
});
