// The end-to-end harness: a fresh `refract serve` on a free port over a new SQLite store in a
// temporary directory, with test accounts made by `refract admin create-user`, a JSON API client for
// setting up data, and Debian's chromium driven by playwright-core. Each test file starts its own
// harness in `before` and stops it in `after` (server, browser and temporary directory go even when a
// test failed). Only synthetic data.
//
// Environment: REFRACT_BIN (default build/src/cli/refract under the repository root), CHROMIUM
// (default /usr/bin/chromium), E2E_OUTPUT (screenshots and axe reports; default build/e2e-screenshots).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const refractBin = path.resolve(repoRoot, process.env.REFRACT_BIN || 'build/src/cli/refract');
export const outputDir = path.resolve(repoRoot, process.env.E2E_OUTPUT || 'build/e2e-screenshots');

// Test accounts (synthetic; passwords are at least 12 characters as the server requires).
export const users = {
  north: { username: 'dr.north', password: 'north-password-1', roles: ['clinician'], team: 'north' },
  north2: { username: 'dr.north2', password: 'north-password-2', roles: ['clinician'], team: 'north' },
  south: { username: 'dr.south', password: 'south-password-1', roles: ['clinician'], team: 'south' },
  admin: { username: 'e2e.admin', password: 'admin-password-1', roles: ['admin'], team: null },
};

const chromiumArgs = ['--no-sandbox', '--headless', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

function createUser(store, user) {
  const args = ['admin', 'create-user', '--store', store, '--username', user.username, '--password-stdin'];
  for (const role of user.roles) args.push('--role', role);
  if (user.team) args.push('--team', user.team);
  const result = spawnSync(refractBin, args, { input: `${user.password}\n`, encoding: 'utf8' });
  assert.equal(result.status, 0, `create-user ${user.username} failed: ${result.error ?? result.stderr}`);
}

// Starts the server and resolves with its base URL, read from the line it prints on stderr
// ("refract serve: listening on http://HOST:PORT ...").
function startServer(store) {
  const server = spawn(refractBin, ['serve', '--host', '127.0.0.1', '--port', '0', '--store', store],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let stderr = '';
    const timer = setTimeout(() => fail(new Error(`no "listening" line within 20 s:\n${stderr}`)), 20000);
    function fail(error) {
      clearTimeout(timer);
      server.kill('SIGKILL');
      reject(error);
    }
    server.on('error', fail);
    server.on('exit', (code) => fail(new Error(`refract serve exited (${code}) before listening:\n${stderr}`)));
    server.stdout.resume();
    server.stderr.on('data', (chunk) => {
      stderr += chunk;
      const match = /listening on (http:\/\/[^\s]+)/.exec(stderr);
      if (!match) return;
      clearTimeout(timer);
      server.removeAllListeners('exit');
      server.stderr.removeAllListeners('data');
      server.stderr.resume();
      resolve({ server, baseUrl: match[1] });
    });
  });
}

// SIGTERM (graceful), then SIGKILL after 5 s.
function stopServer(server) {
  if (!server || server.exitCode !== null || server.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => server.kill('SIGKILL'), 5000);
    server.once('exit', () => { clearTimeout(timer); resolve(); });
    server.kill('SIGTERM');
  });
}

// A JSON API client signed in as one user (session cookie + CSRF token, docs/server.md).
export class ApiClient {
  constructor(baseUrl, cookie, csrf) {
    Object.assign(this, { baseUrl, cookie, csrf });
  }

  static async signIn(baseUrl, user) {
    const response = await fetch(`${baseUrl}/api/v1/session`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: user.username, password: user.password }),
    });
    const body = await response.json();
    assert.equal(response.status, 201, `API sign-in of ${user.username}: ${JSON.stringify(body)}`);
    const cookie = response.headers.getSetCookie().map((line) => line.split(';')[0]).join('; ');
    return new ApiClient(baseUrl, cookie, body.csrf_token);
  }

  // Resolves with {status, headers, body}; body is parsed JSON when the reply is JSON.
  async request(method, route, { body, headers = {} } = {}) {
    const response = await fetch(`${this.baseUrl}${route}`, {
      method,
      headers: { Cookie: this.cookie, 'X-CSRF-Token': this.csrf, 'Content-Type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const json = (response.headers.get('content-type') || '').includes('json') && text ? JSON.parse(text) : text;
    return { status: response.status, headers: response.headers, body: json };
  }

  async expect(status, method, route, options) {
    const reply = await this.request(method, route, options);
    assert.equal(reply.status, status, `${method} ${route}: ${JSON.stringify(reply.body)}`);
    return reply.body;
  }

  createPatient(record) {
    return this.expect(201, 'POST', '/api/v1/patients', { body: record });
  }

  async addTrial(patientId, trial) {
    const current = await this.expect(200, 'GET', `/api/v1/patients/${patientId}`);
    return this.expect(200, 'POST', `/api/v1/patients/${patientId}/trials`,
      { body: trial, headers: { 'If-Match': `"${current.version}"` } });
  }

  assessment(patientId) {
    return this.expect(200, 'GET', `/api/v1/patients/${patientId}/assessment`);
  }
}

// A synthetic refract-patient/1 record as of today without treatments; `extra` overrides top-level
// fields. (Today, so that answers a patient sends today are not after the record's as_of.)
export function patientRecord(pseudonym, extra = {}) {
  return {
    format: 'refract-patient/1',
    id: pseudonym,
    as_of: new Date().toISOString().slice(0, 10),
    demographics: { birth_date: '1985-03-14', sex: 'female' },
    diagnosis: 'mdd',
    episode: { onset: '2024-10-07', severity: 'moderate', psychotic_features: false },
    treatments: [],
    ...extra,
  };
}

// Starts everything; `stop()` undoes what was started, whatever the state.
export async function startHarness() {
  const dir = mkdtempSync(path.join(tmpdir(), 'refract-e2e-'));
  const harness = { dir, server: null, browser: null, baseUrl: null, clients: new Map() };
  harness.stop = async () => {
    await harness.browser?.close().catch(() => {});
    await stopServer(harness.server);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const store = `sqlite:${path.join(dir, 'refract.db')}`;
    for (const user of Object.values(users)) createUser(store, user);
    Object.assign(harness, await startServer(store));
    harness.browser = await chromium.launch({
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: chromiumArgs,
    });
  } catch (error) {
    await harness.stop();
    throw error;
  }
  // An API client per user, signed in once.
  harness.api = async (user) => {
    if (!harness.clients.has(user.username)) {
      harness.clients.set(user.username, await ApiClient.signIn(harness.baseUrl, user));
    }
    return harness.clients.get(user.username);
  };
  // A page in a fresh browser context (no cookies); uncaught page errors are collected in
  // page.errors so that a test can require there were none.
  harness.newPage = async () => {
    const context = await harness.browser.newContext({
      baseURL: harness.baseUrl, viewport: { width: 1280, height: 900 },
    });
    context.setDefaultTimeout(10000);
    const page = await context.newPage();
    page.errors = [];
    page.on('pageerror', (error) => page.errors.push(error.message));
    return page;
  };
  return harness;
}

// Signs in through the web app's sign-in form and waits for the patient list.
export async function signIn(page, user) {
  await page.goto('/app/#/sign-in');
  await page.getByLabel('Username').fill(user.username);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Patients', exact: true }).waitFor();
}

// Runs axe-core (WCAG 2.0/2.1 A and AA rules) on the page, saves the full result as
// NAME.axe.json in the output folder, and fails listing every serious or critical violation.
export async function checkAccessibility(page, name) {
  // Evaluated through the DevTools protocol, not as a <script> tag: the app's content security
  // policy (script-src 'self') stays in force for everything else the test sees.
  await page.evaluate(readFileSync(require.resolve('axe-core'), 'utf8'));
  const results = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
  }));
  mkdirSync(outputDir, { recursive: true });
  writeFileSync(path.join(outputDir, `${name}.axe.json`), JSON.stringify(results.violations, null, 1));
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const lines = serious.map((v) =>
    `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  assert.equal(serious.length, 0, `axe on "${name}" found serious/critical violations:\n${lines.join('\n')}`);
  return results;
}

// Fails when the page shows a value that leaked from code instead of text: a line reading "null",
// or "undefined", "NaN" or "[object Object]" anywhere.
export async function assertNoStrayValues(page) {
  const text = await page.locator('body').innerText();
  const stray = /^\s*null\s*$|\bundefined\b|\bNaN\b|\[object Object\]/m.exec(text);
  if (!stray) return;
  const near = text.slice(Math.max(0, stray.index - 80), stray.index + 40);
  assert.fail(`the page shows "${stray[0].trim()}" near: ${JSON.stringify(near)}`);
}

// A full-page screenshot, OUTPUT/NAME.png.
export async function screenshot(page, name) {
  mkdirSync(outputDir, { recursive: true });
  const file = path.join(outputDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

// Waits until the locator's rendered text satisfies `test` (a string it must contain, a RegExp, or a
// predicate); fails with the last text seen.
export async function waitForText(locator, test, timeout = 10000) {
  const matches = typeof test === 'string' ? (text) => text.includes(test)
    : test instanceof RegExp ? (text) => test.test(text) : test;
  const deadline = Date.now() + timeout;
  let text = '';
  for (;;) {
    text = await locator.innerText({ timeout: Math.max(1, deadline - Date.now()) }).catch(() => text);
    if (matches(text)) return text;
    if (Date.now() > deadline) assert.fail(`text did not match ${test} within ${timeout} ms; last: "${text}"`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

// Calls `probe` (async) every 100 ms until it returns a truthy value, which it resolves with; fails
// naming `what` after `timeout` ms.
export async function eventually(probe, what, timeout = 10000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) assert.fail(`not within ${timeout} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

// The innermost form, dialog or section that holds a heading with this name (e.g. "Add trial").
export function formWithHeading(page, name) {
  const heading = page.getByRole('heading', { name, exact: true });
  return page.locator('form, dialog, [role=dialog], section').filter({ has: heading }).last();
}

// The cell of `row` under the column header `header` of `table`.
export async function cellUnder(table, row, header) {
  const headers = (await table.getByRole('columnheader').allInnerTexts()).map((text) => text.trim());
  const index = headers.indexOf(header);
  assert.notEqual(index, -1, `no column "${header}" in ${JSON.stringify(headers)}`);
  return row.locator('th, td').nth(index);
}

// Answers the PHQ-9 fieldsets inside `scope`: `answers` are nine radio labels for items 1-9
// ("Not at all", ...); a further fieldset (item 10, difficulty, not scored) gets its first choice.
export async function answerPhq9(scope, answers) {
  const groups = scope.getByRole('group');
  const count = await groups.count();
  assert.ok(count >= 9, `expected at least 9 item fieldsets, found ${count}`);
  assert.match(await groups.nth(8).innerText(), /dead|harm/i, 'the ninth fieldset is not PHQ-9 item 9');
  for (let item = 0; item < 9; item++) {
    await groups.nth(item).getByLabel(answers[item], { exact: true }).check();
  }
  for (let item = 9; item < count; item++) {
    const radios = groups.nth(item).getByRole('radio');
    if (await radios.count()) await radios.first().check();
  }
}

// The text of a PDF (Debian poppler-utils' pdftotext).
export function pdfText(file) {
  const result = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  assert.equal(result.status, 0, `pdftotext failed: ${result.error ?? result.stderr}`);
  return result.stdout;
}
