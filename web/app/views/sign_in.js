// Sign-in: username and password to POST /api/v1/session. A failure says so without telling an
// unknown account from a wrong password (the server does not either).
import { appendTo, clear, h } from '../dom.js';

export function renderSignIn(main, { api, onSignedIn }) {
  document.title = 'Sign in · Refract';
  clear(main);
  const status = h('div', { 'aria-live': 'polite' });
  const username = h('input#username', { name: 'username', autocomplete: 'username', required: true });
  const password = h('input#password', {
    name: 'password', type: 'password', autocomplete: 'current-password', required: true,
  });
  const form = h('form.card.narrow', { novalidate: true },
    h('div.field', {}, h('label', { for: 'username' }, 'Username'), username),
    h('div.field', {}, h('label', { for: 'password' }, 'Password'), password),
    h('button.primary', { type: 'submit' }, 'Sign in'),
    status);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clear(status);
    try {
      const user = await api.signIn(username.value.trim(), password.value);
      onSignedIn(user);
    } catch (error) {
      const reason = error.status === 429 ? 'too many attempts; wait a minute and try again'
        : 'wrong username or password';
      status.append(h('p.error-box', { role: 'alert' }, `Sign-in failed: ${reason}.`));
      password.value = '';
      password.focus();
    }
  });
  appendTo(main, h('h1', {}, 'Sign in to Refract'),
    h('p.lead', {}, 'Staging, measurement-based care and next-step options for treatment-resistant depression.'),
    form);
  username.focus();
}
