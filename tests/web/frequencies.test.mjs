// Unit tests for web/app/views/frequencies.js (node --test tests/web/; Node 20, no dependencies).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  per100, inHundred, countedArms, chooseEntry, frequencySentence,
} from '../../web/app/views/frequencies.js';

const istdp = {
  study_id: 'town2017_istdp',
  citation: 'Town JM, et al. J Affect Disord 2017',
  outcome: 'full remission HAM-D <= 7',
  outcome_kind: 'remission',
  primary_outcome: false,
  population: 'inadequate_response',
  min_failed_treatments: 1,
  comparator: 'TAU',
  n: 60,
  arms: [{ label: 'ISTDP', events: 11, n: 30 }, { label: 'TAU', events: 1, n: 30 }],
};

test('per100 rounds to the nearest whole number in 100', () => {
  assert.equal(per100(11, 30), 37);
  assert.equal(per100(1, 30), 3);
  assert.equal(per100(1, 8), 13); // 12.5 rounds half up
  assert.equal(per100(91, 336), 27);
  assert.equal(per100(30, 30), 100);
});

test('per100 gives 0 for no events and null for anything it cannot count', () => {
  assert.equal(per100(0, 30), 0);
  assert.equal(per100(5, undefined), null);
  assert.equal(per100(undefined, 30), null);
  assert.equal(per100(5, 0), null);
  assert.equal(per100(31, 30), null);
  assert.equal(per100(-1, 30), null);
  assert.equal(per100(2.5, 30), null);
  assert.equal(per100('11', 30), null);
});

test('inHundred never rounds a real event away or up to certainty', () => {
  assert.equal(inHundred(11, 30), 'about 37 in 100');
  assert.equal(inHundred(0, 30), 'about 0 in 100');
  assert.equal(inHundred(1, 300), 'fewer than 1 in 100');
  assert.equal(inHundred(299, 300), 'more than 99 in 100');
  assert.equal(inHundred(3, null), null);
});

test('countedArms keeps only arms with events and n', () => {
  const entry = { arms: [{ label: 'A', events: 3, n: 10 }, { label: 'B', mean: -7.4 }, { label: 'C', events: 2 }] };
  assert.deepEqual(countedArms(entry).map((arm) => arm.label), ['A']);
  assert.deepEqual(countedArms({}), []);
});

test('the example sentence from the brief', () => {
  const result = frequencySentence(istdp, {
    arms: { ISTDP: 'who had ISTDP', TAU: 'with usual care' },
    outcome: 'were in remission afterwards',
    population: 'whose depression had not improved with an antidepressant',
  });
  assert.equal(result.sentence,
    'In one study of 60 people whose depression had not improved with an antidepressant, 11 of 30 '
    + '(about 37 in 100) who had ISTDP were in remission afterwards, compared with 1 of 30 (about 3 '
    + 'in 100) with usual care.');
  assert.equal(result.total, 60);
  assert.deepEqual(result.arms.map((arm) => arm.per100), [37, 3]);
});

test('generic wording without a plain-language entry', () => {
  const result = frequencySentence(istdp);
  assert.match(result.sentence, /^In one study of 60 people whose depression had not improved enough with an antidepressant, /);
  assert.match(result.sentence, /11 of 30 \(about 37 in 100\) who had ISTDP were in remission afterwards/);
  assert.match(result.sentence, /compared with 1 of 30 \(about 3 in 100\) with usual care\.$/);
});

test('zero events are stated, not hidden', () => {
  const entry = { ...istdp, arms: [{ label: 'X', events: 0, n: 20 }, { label: 'TAU', events: 2, n: 20 }], n: 40 };
  assert.match(frequencySentence(entry).sentence, /0 of 20 \(about 0 in 100\) who had X/);
});

test('no sentence when n is missing or nothing is counted', () => {
  assert.equal(frequencySentence({ ...istdp, arms: [{ label: 'ISTDP', events: 11 }] }), null);
  assert.equal(frequencySentence({ ...istdp, arms: undefined }), null);
  assert.equal(frequencySentence(null), null);
});

test('a review with a design override and a total from the arms', () => {
  const entry = { ...istdp, n: undefined, arms: [{ label: 'a', events: 281, n: 585 }, { label: 'b', events: 242, n: 373 }] };
  const result = frequencySentence(entry, { design: 'review' });
  assert.match(result.sentence, /^In a review of studies with 958 people /);
});

test('chooseEntry prefers primary outcomes, then the patient population, then size', () => {
  const secondary = { ...istdp, study_id: 's', primary_outcome: false, n: 900 };
  const primaryOne = { ...istdp, study_id: 'p1', primary_outcome: true, min_failed_treatments: 1, n: 100 };
  const primaryTwo = { ...istdp, study_id: 'p2', primary_outcome: true, min_failed_treatments: 2, n: 50 };
  const classLevel = { ...istdp, study_id: 'c', primary_outcome: true, class_level: true, n: 5000 };
  const noArms = { ...istdp, study_id: 'none', primary_outcome: true, arms: [{ label: 'A', mean: 1 }] };
  const all = [secondary, primaryOne, primaryTwo, classLevel, noArms];
  assert.equal(chooseEntry(all, { failedTrials: 3 }).study_id, 'p2');
  assert.equal(chooseEntry(all, { failedTrials: 1 }).study_id, 'p1');
  assert.equal(chooseEntry([secondary], { failedTrials: 1 }).study_id, 's');
  assert.equal(chooseEntry([classLevel, noArms], { failedTrials: 2 }), null);
  assert.equal(chooseEntry(undefined), null);
});

test('plain arm phrases follow the knowledge arm labels, whatever their order', () => {
  const entry = { ...istdp, arms: [istdp.arms[1], istdp.arms[0]] };
  const result = frequencySentence(entry, { arms: { ISTDP: 'who had ISTDP', TAU: 'who had usual care' } });
  assert.match(result.sentence, /1 of 30 \(about 3 in 100\) who had usual care .* compared with 11 of 30 \(about 37 in 100\) who had ISTDP\.$/);
});

test('every study in knowledge/plain_language.json names arms that exist in the knowledge', async () => {
  const { readFile } = await import('node:fs/promises');
  const root = new URL('../../knowledge/', import.meta.url);
  const plain = JSON.parse(await readFile(new URL('plain_language.json', root), 'utf8'));
  const interventions = JSON.parse(await readFile(new URL('interventions.json', root), 'utf8'));
  const labels = new Map();
  for (const item of interventions.items) {
    for (const entry of item.evidence ?? []) {
      for (const arm of entry.arms ?? []) {
        if (!labels.has(entry.study_id)) labels.set(entry.study_id, new Set());
        labels.get(entry.study_id).add(arm.label);
      }
    }
  }
  for (const [studyId, study] of Object.entries(plain.studies)) {
    assert.ok(labels.has(studyId), `${studyId} is not a study with arms in interventions.json`);
    for (const label of Object.keys(study.arms)) {
      assert.ok(labels.get(studyId).has(label), `${studyId}: no arm labelled '${label}'`);
    }
  }
  const ids = new Set(interventions.items.map((item) => item.id));
  assert.deepEqual(new Set(plain.options.map((option) => option.id)), ids);
  for (const option of plain.options) {
    for (const field of ['plain_name', 'what_it_is', 'what_it_involves', 'source', 'tag']) {
      assert.ok(typeof option[field] === 'string' && option[field] !== '', `${option.id}.${field}`);
    }
    assert.ok(['V', 'U'].includes(option.tag), `${option.id}.tag`);
    assert.ok(Array.isArray(option.things_to_weigh) && option.things_to_weigh.length > 0, `${option.id}.things_to_weigh`);
  }
});
