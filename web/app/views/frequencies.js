// Natural frequencies for the shared-decision view: pure functions, no DOM.
//
// Contract:
//  - per100(events, n): the whole number "in 100" (rounded half up) when events and n are
//    integers with 0 <= events <= n and n > 0; otherwise null (no number is invented).
//  - inHundred(events, n): "about 37 in 100"; "fewer than 1 in 100" when events > 0 rounds to 0;
//    "more than 99 in 100" when events < n rounds to 100; null when per100 is null.
//  - countedArms(entry): the arms of a knowledge evidence entry that have valid events and n.
//  - chooseEntry(entries, {failedTrials}): the entry to show, or null. Only entries with at least
//    one counted arm and not class-level (a class-level pool is never the option's own evidence,
//    docs/options.md). Preferred, in order: a primary outcome; a population the patient belongs
//    to (min_failed_treatments <= failedTrials), the closest such; more participants.
//  - frequencySentence(entry, plain): {sentence, arms[{label, events, n, per100, phrase}],
//    total, citation} or null when the entry has no counted arm. `plain` (optional) is the study's
//    entry in knowledge/plain_language.json `studies` ({design, population, outcome, arms: {knowledge
//    arm label: phrase}}) and replaces the generic wording. The first arm is the option's; the
//    others are comparators.
// Natural frequencies ("11 of 30, about 37 in 100") are easier to understand than percentages or
// relative risks: Gigerenzer G, Hoffrage U. Psychol Rev 1995;102:684-704; Akl EA, et al.
// Cochrane Database Syst Rev 2011;(3):CD006776.

export function per100(events, n) {
  if (!Number.isInteger(events) || !Number.isInteger(n)) return null;
  if (n <= 0 || events < 0 || events > n) return null;
  return Math.floor((200 * events + n) / (2 * n));
}

export function inHundred(events, n) {
  const value = per100(events, n);
  if (value === null) return null;
  if (value === 0 && events > 0) return 'fewer than 1 in 100';
  if (value === 100 && events < n) return 'more than 99 in 100';
  return `about ${value} in 100`;
}

export function countedArms(entry) {
  const arms = Array.isArray(entry?.arms) ? entry.arms : [];
  return arms.filter((arm) => per100(arm?.events, arm?.n) !== null);
}

function populationFit(entry, failedTrials) {
  const needed = Number.isInteger(entry.min_failed_treatments) ? entry.min_failed_treatments : 0;
  if (!Number.isInteger(failedTrials)) return 0;
  return needed <= failedTrials ? 1 + needed : 0;
}

function participants(entry) {
  if (Number.isInteger(entry.n) && entry.n > 0) return entry.n;
  return countedArms(entry).reduce((sum, arm) => sum + arm.n, 0);
}

export function chooseEntry(entries, { failedTrials } = {}) {
  const usable = (Array.isArray(entries) ? entries : []).filter(
    (entry) => entry && !entry.class_level && countedArms(entry).length > 0,
  );
  const key = (entry) => [
    entry.primary_outcome === true ? 1 : 0,
    populationFit(entry, failedTrials),
    participants(entry),
  ];
  let best = null;
  for (const entry of usable) {
    if (best === null || compareKeys(key(entry), key(best)) > 0) best = entry;
  }
  return best;
}

function compareKeys(a, b) {
  for (let i = 0; i < a.length; i += 1) {
    if (a[i] !== b[i]) return a[i] - b[i];
  }
  return 0;
}

const POPULATION = {
  trd: 'whose depression had not improved with at least two antidepressants',
  inadequate_response: 'whose depression had not improved enough with an antidepressant',
};

const OUTCOME = {
  remission: 'were in remission afterwards (few or no symptoms left)',
  response: 'improved clearly afterwards (their symptoms at least halved)',
};

const COMPARATOR_WORDS = { tau: 'usual care', placebo: 'a placebo (dummy treatment)' };

function genericPopulation(entry) {
  if (entry.min_failed_treatments >= 2) return POPULATION.trd;
  if (entry.min_failed_treatments === 1) return POPULATION.inadequate_response;
  return POPULATION[entry.population] ?? 'with depression';
}

function genericOutcome(entry) {
  return OUTCOME[entry.outcome_kind] ?? `had this result: ${entry.outcome ?? 'the outcome studied'}`;
}

function genericArmLabel(label, index) {
  const words = COMPARATOR_WORDS[String(label ?? '').toLowerCase()] ?? String(label ?? 'this group');
  return index === 0 ? `who had ${words}` : `with ${words}`;
}

function armPhrase(arm, label) {
  return `${arm.events} of ${arm.n} (${inHundred(arm.events, arm.n)}) ${label}`;
}

export function frequencySentence(entry, plain = null) {
  if (!entry) return null;
  const arms = countedArms(entry);
  if (arms.length === 0) return null;
  const labelOf = (arm, index) => {
    const phrases = plain?.arms && typeof plain.arms === 'object' ? plain.arms : {};
    const override = Object.hasOwn(phrases, arm.label) ? phrases[arm.label] : undefined;
    return typeof override === 'string' && override !== '' ? override : genericArmLabel(arm.label, index);
  };
  const shown = arms.map((arm, index) => ({
    label: labelOf(arm, index),
    events: arm.events,
    n: arm.n,
    per100: per100(arm.events, arm.n),
    phrase: '',
  }));
  for (const arm of shown) arm.phrase = armPhrase(arm, arm.label);
  const total = participants(entry);
  const opening = plain?.design === 'review' ? `In a review of studies with ${total} people`
                                              : `In one study of ${total} people`;
  const population = plain?.population || genericPopulation(entry);
  const outcome = plain?.outcome || genericOutcome(entry);
  let sentence = `${opening} ${population}, ${shown[0].phrase} ${outcome}`;
  if (shown.length > 1) {
    sentence += `, compared with ${shown.slice(1).map((arm) => arm.phrase).join(' and ')}`;
  }
  return { sentence: `${sentence}.`, arms: shown, total, citation: entry.citation ?? '' };
}
