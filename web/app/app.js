// The clinician app: a hash router over the views, the navigation and the signed-in state.
// Routes: #/sign-in, #/patients, #/patients/new, #/patients/{id}, #/patients/{id}/decision,
// #/patients/{id}/report. Every view renders into <main> and sets the document title.
import { api, ApiError } from './api.js';
import { appendTo, clear, h } from './dom.js';
import { renderPatientList } from './views/patient_list.js';
import { renderNewPatient } from './views/new_patient.js';
import { renderPatientPage } from './views/patient_page.js';
import { renderDecision } from './views/decision.js';
import { renderReport } from './views/report.js';
import { renderSignIn } from './views/sign_in.js';

const main = document.getElementById('main');
const nav = document.getElementById('nav');
const state = { user: null };

const routes = [
  [/^#\/patients\/new$/, () => renderNewPatient(main, context())],
  [/^#\/patients\/(p[0-9a-f]{16})\/decision$/, (m) => renderDecision(main, context(m[1]))],
  [/^#\/patients\/(p[0-9a-f]{16})\/report$/, (m) => renderReport(main, context(m[1]))],
  [/^#\/patients\/(p[0-9a-f]{16})$/, (m) => renderPatientPage(main, context(m[1]))],
  [/^#\/patients$/, () => renderPatientList(main, context())],
];

function context(patientId) {
  return { api, user: state.user, patientId, navigate };
}

export function navigate(hash) {
  if (location.hash === hash) route();
  else location.hash = hash;
}

function renderNav() {
  clear(nav);
  if (!state.user) return;
  nav.append(
    h('a', { href: '#/patients' }, 'Patients'),
    h('span.who', {}, `${state.user.username}${state.user.team ? ` · team ${state.user.team}` : ''}`),
    h('button.link', { type: 'button', onclick: signOut }, 'Sign out'),
  );
}

async function signOut() {
  await api.signOut().catch(() => {});
  state.user = null;
  renderNav();
  navigate('#/sign-in');
}

function showError(error) {
  clear(main);
  const message =
    error instanceof ApiError && error.status === 403
      ? 'You are not permitted to see this patient: it belongs to another care team.'
      : error instanceof ApiError && error.status === 404
        ? 'No such patient.'
        : `Something went wrong: ${error.message}`;
  appendTo(main, h('h1', {}, 'Not available'), h('p.error-box', { role: 'alert' }, message),
    h('p', {}, h('a', { href: '#/patients' }, 'Back to the patient list')));
}

async function route() {
  if (!state.user) state.user = await api.me().catch(() => null);
  renderNav();
  if (!state.user) {
    renderSignIn(main, {
      api,
      onSignedIn: (user) => {
        state.user = user;
        const wanted = location.hash && location.hash !== '#/sign-in' ? location.hash : '#/patients';
        navigate(wanted);
      },
    });
    return;
  }
  const hash = location.hash === '' || location.hash === '#/sign-in' ? '#/patients' : location.hash;
  for (const [pattern, render] of routes) {
    const match = hash.match(pattern);
    if (!match) continue;
    try {
      await render(match);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        state.user = null;
        return route();
      }
      showError(error);
    }
    main.focus({ preventScroll: true });
    return;
  }
  navigate('#/patients');
}

window.addEventListener('hashchange', route);
route();
