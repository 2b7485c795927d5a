// The patient's questionnaire from a one-time link (/q/#t=TOKEN). The token stays in the URL
// fragment (never sent in a request line, so never in a server log) and is posted in the body.
// Choosing anything above "Not at all" on the self-harm item shows the crisis wording at once,
// before anything is sent; the answers raise the alert for the care team.
import { appendTo, h, clear } from '../app/dom.js';
import { itemFieldsets } from '../app/views/questionnaire_items.js';

const main = document.getElementById('main');
const token = new URLSearchParams(location.hash.slice(1)).get('t') || '';

async function post(path, body) {
  const response = await fetch(path, {
    method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify(body),
  });
  const parsed = await response.json().catch(() => null);
  return { status: response.status, body: parsed };
}

function showGone() {
  appendTo(clear(main), h('h1', {}, 'Your questionnaire'),
    h('p.error', { role: 'alert' }, 'This link has been used or has expired.'),
    h('p', {}, 'Please ask your care team for a new link if you still need to answer.'));
}

function crisisBox(text) {
  return h('div.crisis', { role: 'alert' }, h('p', {}, h('strong', {}, text)));
}

function render(questionnaire) {
  clear(main);
  const crisis = h('div', { 'aria-live': 'assertive' });
  const status = h('div', { 'aria-live': 'polite' });
  const sets = questionnaire.instruments.map((instrument) => {
    const fieldsets = itemFieldsets(instrument, {
      idPrefix: `q-${instrument.id}`,
      onChange: (number, value) => {
        if (instrument.id !== 'phq9' || number !== 9) return;
        clear(crisis);
        if (value > 0) crisis.append(crisisBox(questionnaire.crisis.text));
      },
    });
    return { instrument, fieldsets };
  });
  const send = h('button', { type: 'submit' }, 'Send answers');
  const form = h('form', { novalidate: true },
    sets.map(({ instrument, fieldsets }) => h('section', {},
      h('h2', {}, instrument.name), fieldsets.element,
      instrument.id === 'phq9' ? crisis : null,
      instrument.attribution ? h('p.small', {}, instrument.attribution) : null)),
    status, send);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clear(status);
    const answers = {};
    const missing = [];
    for (const { instrument, fieldsets } of sets) {
      answers[instrument.id] = fieldsets.values();
      answers[instrument.id].forEach((value, index) => { if (value === null) missing.push(`${instrument.name} question ${index + 1}`); });
    }
    if (missing.length) {
      status.append(h('p.error', { role: 'alert' }, `Please answer every question (${missing.join(', ')}).`));
      return;
    }
    send.disabled = true;
    const result = await post('/api/v1/questionnaire/submit', { token, answers });
    if (result.status === 410) return showGone();
    if (result.status !== 200) {
      send.disabled = false;
      status.append(h('p.error', { role: 'alert' }, 'Your answers could not be sent. Please try again in a moment.'));
      return;
    }
    appendTo(clear(main), h('h1', {}, 'Thank you'),
      h('p', {}, 'Your answers have been sent to your care team. You can close this page.'),
      result.body.self_harm_positive && result.body.crisis ? crisisBox(result.body.crisis.text) : null);
    main.focus();
  });
  appendTo(main, h('h1', {}, 'Your questionnaire'),
    h('p', {}, 'Your care team asked you to answer these questions. It takes about 5 minutes. There are no right or wrong answers.'),
    form);
}

async function start() {
  if (!token) return showGone();
  const result = await post('/api/v1/questionnaire/open', { token }).catch(() => ({ status: 0 }));
  if (result.status === 200) return render(result.body);
  if (result.status === 410 || result.status === 404) return showGone();
  appendTo(clear(main), h('h1', {}, 'Your questionnaire'), h('p.error', { role: 'alert' }, 'The questionnaire could not be loaded. Please try again later.'));
}

start();
