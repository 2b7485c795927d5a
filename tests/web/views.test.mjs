// Tests of the shared-decision view and the clinical report on a fake DOM (tests/web/fake_dom.mjs)
// with a fake api: headings, safety first, natural frequencies, fallbacks, set-aside reasons, and
// that record text is never parsed as markup.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { installFakeDom } from './fake_dom.mjs';

const newMain = installFakeDom();
const { renderDecision } = await import('../../web/app/views/decision.js');
const { renderReport } = await import('../../web/app/views/report.js');

const knowledge = new URL('../../knowledge/', import.meta.url);
const plain = JSON.parse(await readFile(new URL('plain_language.json', knowledge), 'utf8'));
const interventions = JSON.parse(await readFile(new URL('interventions.json', knowledge), 'utf8'));

const INJECTION = '<img src=x onerror=alert(1)>';

function option(id, rank, extra = {}) {
  return {
    id, name: `${id} (engine name)`, category: 'psychotherapy', rank, tier: 'ranked', tied: false,
    rationale: 'r', cautions: [], evidence: { level: 'inadequate_response_rct', entries: [] },
    provisional: false, ...extra,
  };
}

function assessment({ safety = [] } = {}) {
  return {
    format: 'refract-assessment/1', as_of: '2026-01-05', patient_id: 'p1', diagnosis: 'mdd',
    disclaimer: 'Decision support for a clinician, not a diagnosis or a treatment decision.',
    knowledge: { version: 'k@1', default_adequacy_rule: 'rule' },
    trials: [{ id: 'T1', kind: 'antidepressant', agent: 'sertraline', class: 'SSRI', start: '2025-01-01', end: '2025-03-01',
      in_current_episode: true, adequate: true, reasons: [{ check: 'dose', passed: true, detail: 'ok' }], outcome: 'nonresponse', outcome_detail: 'PHQ-9 15 -> 15' }],
    staging: { thase_rush_1997: { name: 'Thase & Rush (1997)', summary: 'Stage I', provisional: false, counted_trials: ['T1'], missing: [], next_steps: [], assumptions: [{ text: 'six weeks' }], notes: [] } },
    not_adequately_tried: [{ id: 'ad_snri', label: 'SNRI', tried: false, attempts: [] }],
    alerts: [{ severity: 'critical', message: 'PHQ-9 item 9 (self-harm) scored 2 of 3' }],
    measures: { series: [] },
    options: {
      safety_actions: safety,
      preferences: { prefers: ['psychotherapy'], declines: ['ect'] },
      failed_antidepressant_trials: 1,
      ranked: [option('short_term_psychodynamic', 1), option('cbt', 2), option('support_groups', 3, { category: 'lifestyle', evidence: { level: 'not_reviewed' } }),
        option('act', 4), option('dbt', 5), option('ipt', 6), option('emdr', 7)],
      excluded: [{ id: 'ect', name: 'ECT', exclusions: [{ kind: 'declined', detail: 'declined' }] }],
      notes: [],
    },
  };
}

function fakeApi(body, { failPlain = false, record = {} } = {}) {
  return {
    async get(path) {
      if (path === '/app/data/plain-language.json') {
        if (failPlain) throw Object.assign(new Error('not found'), { status: 404 });
        return plain;
      }
      if (path === '/api/v1/knowledge/tables/interventions') return interventions;
      if (path.endsWith('/assessment')) return body;
      return { patient_id: 'p1', pseudonym: INJECTION, version: 4, record, change: {} };
    },
  };
}

const tagged = (main, tag) => main.findAll((node) => node.tagName === tag);

test('the decision view: heading, disclaimer, six options shown and the rest in details', async () => {
  const main = newMain();
  await renderDecision(main, { api: fakeApi(assessment()), patientId: 'p1' });
  assert.equal(tagged(main, 'H1')[0].textContent, 'Talking about the next step');
  assert.match(main.textContent, /Decision support for a clinician\. It is not a diagnosis and not a treatment decision\./);
  const details = tagged(main, 'DETAILS');
  assert.equal(details.length, 1);
  assert.equal(details[0].findAll((node) => node.tagName === 'ARTICLE').length, 1);
  assert.equal(tagged(main, 'ARTICLE').length, 7);
  assert.equal(tagged(main, 'H2').find((h) => h.textContent.startsWith('Talking therapy: cognitive')) !== undefined, true);
});

test('the decision view gives natural frequencies where the knowledge has arm counts, else says so', async () => {
  const main = newMain();
  await renderDecision(main, { api: fakeApi(assessment()), patientId: 'p1' });
  assert.match(main.textContent, /11 of 30 \(about 37 in 100\) who had ISTDP were in remission afterwards/);
  assert.match(main.textContent, /No simple numbers are available; ask your clinician about the evidence\./);
  const icons = main.findAll((node) => node.getAttribute('role') === 'img');
  assert.equal(icons.length, 2);
  assert.match(icons[0].getAttribute('aria-label'), /^37 of 100 dots filled/);
  assert.equal(icons[0].findAll((node) => node.getAttribute('class') === 'dot-filled').length, 37);
});

test('the decision view shows the preference, and set-aside options with plain reasons', async () => {
  const main = newMain();
  await renderDecision(main, { api: fakeApi(assessment()), patientId: 'p1' });
  assert.match(main.textContent, /You said you would prefer: talking therapy\./);
  assert.match(main.textContent, /This matches what you said you would prefer \(talking therapy\)\./);
  assert.match(main.textContent, /Brain stimulation: electroconvulsive therapy \(ECT\): You said you do not want this\./);
});

test('an emergency safety action comes first, before any option', async () => {
  const main = newMain();
  const body = assessment({ safety: [{ level: 'emergency', text: 'EMERGENCY', why: 'attempt', signals: [] }] });
  await renderDecision(main, { api: fakeApi(body), patientId: 'p1' });
  const text = main.textContent;
  assert.ok(text.indexOf('Your safety comes first') > 0);
  assert.ok(text.indexOf('Your safety comes first') < text.indexOf('Talking therapy:'));
  assert.match(text, /seen today by a crisis team/);
  const later = tagged(main, 'DETAILS').find((details) => /For later, once you are safe/.test(details.textContent));
  assert.ok(later, 'in an emergency the options wait behind "For later, once you are safe"');
  assert.match(later.textContent, /Talking therapy:/);
});

test('a psychotherapy the patient is having now says so, and asks to report feeling worse', async () => {
  const main = newMain();
  const record = { treatments: [{ id: 'P1', kind: 'psychotherapy', modality: 'istdp', start: '2025-12-01' },
    { id: 'P0', kind: 'psychotherapy', modality: 'cbt', start: '2025-01-01', end: '2025-04-01' }] };
  await renderDecision(main, { api: fakeApi(assessment(), { record }), patientId: 'p1' });
  const articles = tagged(main, 'ARTICLE');
  const now = articles.filter((article) => /You are having this therapy now/.test(article.textContent));
  assert.equal(now.length, 1, 'only the ongoing course (ISTDP), not the finished CBT');
  assert.match(now[0].textContent, /straight away if you feel worse/);
});

test('an indicated option whose medicine failed before says so in plain words', async () => {
  const main = newMain();
  const body = assessment();
  body.options.ranked[0] = { ...body.options.ranked[0], tier: 'indicated', prior_failures: [{ trial: 'T7A', agent: 'aripiprazole' }] };
  await renderDecision(main, { api: fakeApi(body), patientId: 'p1' });
  assert.match(tagged(main, 'ARTICLE')[0].textContent, /aripiprazole was tried before and did not help enough/);
  assert.doesNotMatch(tagged(main, 'ARTICLE')[1].textContent, /tried before/);
});

test('without a safety action the safety box still asks to report feeling worse and gives the emergency line', async () => {
  const main = newMain();
  await renderDecision(main, { api: fakeApi(assessment()), patientId: 'p1' });
  assert.match(main.textContent, /Your safety comes first/);
  assert.match(main.textContent, /Tell your clinician or therapist straight away if you feel worse/);
  assert.match(main.textContent, /call your local emergency number/);
  assert.doesNotMatch(main.textContent, /will ask you about thoughts of harming yourself/);
  assert.doesNotMatch(main.textContent, /null/);
});

test('record text is shown as text, never parsed as markup', async () => {
  const main = newMain();
  await renderDecision(main, { api: fakeApi(assessment()), patientId: 'p1' });
  assert.match(main.textContent, /Prepared for <img src=x onerror=alert\(1\)>/);
  assert.equal(tagged(main, 'IMG').length, 0);
});

test('without the plain-language file the view falls back to the engine names and says so', async () => {
  const main = newMain();
  await renderDecision(main, { api: fakeApi(assessment(), { failPlain: true }), patientId: 'p1' });
  assert.match(main.textContent, /Some plain-language text or study numbers could not be loaded/);
  assert.equal(tagged(main, 'H2').some((h) => h.textContent === 'cbt (engine name)'), true);
});

test('a failed read shows its message', async () => {
  const main = newMain();
  const api = { async get() { throw Object.assign(new Error('patient not found'), { status: 404 }); } };
  await renderDecision(main, { api, patientId: 'nobody' });
  assert.match(main.textContent, /could not be loaded: patient not found/);
  const report = newMain();
  await renderReport(report, { api, patientId: 'nobody' });
  assert.match(report.textContent, /could not be loaded: patient not found/);
});

test('the report: heading, print button, header, safety before staging, tables', async () => {
  const main = newMain();
  const body = assessment({ safety: [{ level: 'urgent', text: 'Assess today', why: 'item', signals: [{ text: 'PHQ-9 item 9' }] }] });
  await renderReport(main, { api: fakeApi(body), patientId: 'p1' });
  assert.equal(tagged(main, 'H1')[0].textContent, 'Clinical report');
  const button = tagged(main, 'BUTTON')[0];
  assert.equal(button.textContent, 'Print or save as PDF');
  let printed = 0;
  globalThis.window = { print: () => { printed += 1; } };
  button.listeners.get('click')();
  assert.equal(printed, 1);
  const text = main.textContent;
  assert.match(text, /Decision support for a clinician\. It is not a diagnosis and not a treatment decision\./);
  assert.match(text, /Record version4/);
  assert.ok(text.indexOf('URGENT: Assess today') < text.indexOf('Thase & Rush (1997)'));
  assert.match(text, /PHQ-9 item 9 \(self-harm\) scored 2 of 3/);
  assert.equal(tagged(main, 'TABLE').length >= 3, true);
  assert.match(text, /SNRI: never tried/);
  assert.match(text, /declined: declined/);
  assert.equal(tagged(main, 'IMG').length, 0);
});

test('the views never use innerHTML', async () => {
  for (const file of ['decision.js', 'report.js', 'frequencies.js']) {
    const source = await readFile(new URL(`../../web/app/views/${file}`, import.meta.url), 'utf8');
    assert.doesNotMatch(source, /\.innerHTML|\.outerHTML|insertAdjacentHTML|document\.write/, file);
  }
});
