// The shared-decision view: a one-page summary for the conversation between a clinician and the
// patient. Options in plain language (knowledge/plain_language.json, served at
// /app/data/plain-language.json), what each involves and what the studies found, as natural
// frequencies where knowledge/interventions.json has arm counts (frequencies.js).
//
// Contract: renderDecision(main, {api, patientId}) replaces the children of `main` with the view.
// It reads GET /api/v1/patients/{id}, GET /api/v1/patients/{id}/assessment,
// GET /api/v1/knowledge/tables/interventions and the plain-language file through api.get. A failed
// patient or assessment read shows the error's message; a missing knowledge table or plain-language
// file only removes the wording it would have given (the view says so). Every text is set with
// textContent (never innerHTML), so no record value can inject markup. A safety action is shown first
// and never collapsed. The page always says it is decision support for a clinician.

import { chooseEntry, frequencySentence, per100 } from './frequencies.js';
import { h as el, svg } from '../dom.js';

const PLAIN_LANGUAGE_PATH = '/app/data/plain-language.json';
const INTERVENTIONS_PATH = '/api/v1/knowledge/tables/interventions';
const SHOWN_FIRST = 6;
// Printed: the first options only, so the page prints on one to two A4 pages (print.css hides the rest).
const PRINTED = 4;
const DISCLAIMER = 'Decision support for a clinician. It is not a diagnosis and not a treatment decision.';
const NO_NUMBERS = 'No simple numbers are available; ask your clinician about the evidence.';

// The words for a stated preference (patient record `preferences`: an option id or a category).
const CATEGORY_WORDS = {
  psychotherapy: 'talking therapy',
  medication_strategy: 'medicine',
  continuation: 'continuing the current treatment',
  neuromodulation: 'brain stimulation',
  glutamatergic: 'esketamine or ketamine',
  psychedelic: 'psychedelic-assisted therapy',
  lifestyle: 'lifestyle changes',
};

async function optional(promise) {
  try {
    return await promise;
  } catch {
    return null;
  }
}

export async function renderDecision(main, { api, patientId }) {
  main.replaceChildren(el('p', { className: 'decision-loading', role: 'status' }, 'Loading…'));
  const id = encodeURIComponent(patientId);
  let patient;
  let assessment;
  try {
    [patient, assessment] = await Promise.all([
      api.get(`/api/v1/patients/${id}`),
      api.get(`/api/v1/patients/${id}/assessment`),
    ]);
  } catch (error) {
    main.replaceChildren(errorView(error));
    return;
  }
  const [interventions, plain] = await Promise.all([
    optional(api.get(INTERVENTIONS_PATH)),
    optional(api.get(PLAIN_LANGUAGE_PATH)),
  ]);
  const context = makeContext(assessment?.assessment ?? assessment, interventions, plain, patient?.record);
  main.replaceChildren(decisionView(patient, context));
}

function errorView(error) {
  return el('section', { className: 'decision', 'aria-labelledby': 'decision-title' },
    el('h1', { id: 'decision-title' }, 'Talking about the next step'),
    el('p', { className: 'decision-error', role: 'alert' },
      `The summary could not be loaded: ${error?.message ?? 'unknown error'}`),
    el('p', { className: 'decision-disclaimer' }, DISCLAIMER));
}

// The psychotherapy modalities of the record's ongoing courses (no end date).
function ongoingModalities(record) {
  return new Set((record?.treatments ?? [])
    .filter((treatment) => treatment.kind === 'psychotherapy' && !treatment.end)
    .map((treatment) => treatment.modality));
}

function makeContext(assessment, interventions, plain, record) {
  const options = assessment?.options ?? {};
  const items = new Map((interventions?.items ?? []).map((item) => [item.id, item]));
  const words = new Map((plain?.options ?? []).map((entry) => [entry.id, entry]));
  return {
    assessment,
    options,
    items,
    words,
    studies: plain?.studies ?? {},
    levels: plain?.evidence_levels?.items ?? {},
    exclusionWords: plain?.exclusion_kinds?.items ?? {},
    hasPlain: plain !== null,
    hasItems: interventions !== null,
    iconShown: false,
    ongoing: ongoingModalities(record),
  };
}

function decisionView(patient, context) {
  const { assessment, options } = context;
  const section = el('section', { className: 'decision', 'aria-labelledby': 'decision-title' });
  section.append(el('h1', { id: 'decision-title' }, 'Talking about the next step'), introduction(patient, assessment));
  const emergency = (options.safety_actions ?? []).some((action) => action.level === 'emergency');
  section.append(safetyBox(options.safety_actions ?? []));
  section.append(preferenceLine(options.preferences, context.words));
  if (!context.hasPlain || !context.hasItems) {
    section.append(el('p', { className: 'decision-note' },
      'Some plain-language text or study numbers could not be loaded; your clinician can explain each option.'));
  }
  if (options.applicable === false) {
    section.append(el('p', { className: 'decision-note' }, notApplicableWords(patient)));
  } else if (emergency) {
    const later = el('details', { className: 'decision-later' }, el('summary', {}, 'For later, once you are safe: the treatment options'),
      optionsPart(context));
    const aside = setAsidePart(context);
    if (aside) later.append(aside);
    section.append(later);
  } else {
    section.append(optionsPart(context));
    const aside = setAsidePart(context);
    if (aside) section.append(aside);
  }
  section.append(el('p', { className: 'decision-disclaimer' }, DISCLAIMER));
  return section;
}

// The engine's reason is written for the clinician (the report shows it); the patient reads this.
function notApplicableWords(patient) {
  if (patient?.record?.diagnosis === 'bipolar') {
    return 'Your depression is part of bipolar disorder. The treatments on this page were studied in '
      + 'people without bipolar disorder, and an antidepressant on its own can trigger a high mood. '
      + 'A psychiatrist will talk with you about treatments for bipolar depression.';
  }
  return 'No options are listed for this situation. Your clinician will talk with you about the next step.';
}

function introduction(patient, assessment) {
  const who = patient?.pseudonym ? `Prepared for ${patient.pseudonym}` : 'Prepared';
  const when = assessment?.as_of ? ` on ${assessment.as_of}` : '';
  return el('div', { className: 'decision-intro' },
    el('p', {},
      'This page is for you and your clinician to look at together. It lists treatments that could be '
      + 'the next step, what each one involves, and what studies found. You and your clinician decide '
      + 'together; nothing on this page is a decision.'),
    el('p', { className: 'decision-disclaimer' }, DISCLAIMER),
    el('p', { className: 'decision-meta' }, `${who}${when}.`));
}

// Always shown: with no safety action the box still says to report feeling worse or thoughts of
// self-harm at once, and gives the emergency line (NICE NG222 and NG225: ask about self-harm at
// every contact; the antidepressant labels' boxed warning: watch for clinical worsening).
function safetyBox(actions) {
  const levels = actions.map((action) => action.level);
  const level = levels.includes('emergency') ? 'emergency' : levels.includes('urgent') ? 'urgent' : 'routine';
  const box = el('section', { className: `decision-safety decision-safety-${level}`, 'aria-labelledby': 'decision-safety-title' },
    el('h2', { id: 'decision-safety-title' }, 'Your safety comes first'));
  if (level === 'emergency') {
    box.append(el('p', {},
      'Before anything else, your clinician will arrange for you to be seen today by a crisis team or '
      + 'emergency service, and you should not be left alone. Choosing a treatment can wait until then.'));
  } else if (level === 'urgent') {
    box.append(el('p', {},
      'Before choosing any treatment, your clinician will talk with you today about how you are feeling, '
      + 'any thoughts of harming yourself, and how to keep you safe.'));
  } else if (actions.length > 0) {
    box.append(el('p', {},
      'Your clinician will ask you about thoughts of harming yourself and agree a plan with you for '
      + 'keeping safe, before choosing a treatment.'));
  }
  box.append(el('p', {},
    'Tell your clinician or therapist straight away if you feel worse, or if you have thoughts of '
    + 'harming yourself.'));
  box.append(el('p', {},
    'If you feel you might act on thoughts of ending your life, call your local emergency number or go '
    + 'to the nearest emergency department now.'));
  return box;
}

// A preference is an option id (its plain name) or a category (its words).
function preferenceWords(value, words) {
  return CATEGORY_WORDS[value] ?? words.get(value)?.plain_name ?? String(value).replaceAll('_', ' ');
}

function preferenceLine(preferences, words) {
  const prefers = preferences?.prefers ?? [];
  const declines = preferences?.declines ?? [];
  if (prefers.length === 0 && declines.length === 0) {
    return el('p', { className: 'decision-preference' },
      'No preference is written down yet. It helps to say what matters most to you.');
  }
  const parts = [];
  if (prefers.length > 0) parts.push(`You said you would prefer: ${prefers.map((value) => preferenceWords(value, words)).join('; ')}.`);
  if (declines.length > 0) parts.push(`You said you do not want: ${declines.map((value) => preferenceWords(value, words)).join('; ')}.`);
  return el('p', { className: 'decision-preference' }, parts.join(' '));
}

function optionsPart(context) {
  const ranked = context.options.ranked ?? [];
  const part = el('div', { className: 'decision-options' });
  if (ranked.length === 0) {
    part.append(el('p', {}, 'No options are listed. Your clinician will talk with you about the next step.'));
    return part;
  }
  part.append(el('p', { className: 'decision-order' },
    'The options are in the order the decision support lists them for your situation. The order is not '
    + 'a verdict: you can ask about any of them. Numbers from studies describe groups of people, not what '
    + 'will happen to you.'));
  ranked.slice(0, SHOWN_FIRST).forEach((option) => part.append(optionArticle(option, context)));
  const notPrinted = ranked.length - PRINTED;
  if (notPrinted > 0) {
    part.append(el('p', { className: 'decision-print-note' },
      `${notPrinted} more option${notPrinted === 1 ? ' is' : 's are'} on the screen version of this page; the clinical report lists every option.`));
  }
  const rest = ranked.slice(SHOWN_FIRST);
  if (rest.length > 0) {
    const details = el('details', { className: 'decision-more' },
      el('summary', {}, `${rest.length} more option${rest.length === 1 ? '' : 's'}`));
    rest.forEach((option) => details.append(optionArticle(option, context)));
    part.append(details);
  }
  return part;
}

function matchesPreference(option, preferences) {
  const prefers = preferences?.prefers ?? [];
  return prefers.includes(option.id) || prefers.includes(option.category);
}

function optionArticle(option, context) {
  const words = context.words.get(option.id);
  const headingId = `decision-option-${option.id}`;
  const article = el('article', { className: 'decision-option', 'aria-labelledby': headingId },
    el('h2', { id: headingId }, words?.plain_name ?? option.name ?? option.id));
  const flags = [];
  const current = (context.items.get(option.id)?.psychotherapy_modalities ?? []).some((modality) => context.ongoing.has(modality));
  if (current) {
    flags.push('You are having this therapy now. Tell your therapist and clinician how it is going, '
      + 'and straight away if you feel worse.');
  }
  if (option.tier === 'indicated') flags.push('Guidelines name this option for situations like yours.');
  const failed = [...new Set((option.prior_failures ?? []).map((failure) => String(failure.agent).replaceAll('_', ' ')))];
  if (failed.length > 0) {
    flags.push(`${failed.join(' and ')} ${failed.length === 1 ? 'was' : 'were'} tried before and did not help enough. `
      + 'A different medicine of this kind may be suggested: ask your clinician.');
  }
  if (matchesPreference(option, context.options.preferences)) {
    const what = (context.options.preferences.prefers ?? []).includes(option.id) ? 'this option' : preferenceWords(option.category, context.words);
    flags.push(`This matches what you said you would prefer (${what}).`);
  }
  if ((option.cautions ?? []).some((caution) => caution.status === 'applies')) {
    flags.push('Your clinician has noted something about your health to talk over with this option.');
  }
  if (flags.length > 0) article.append(el('ul', { className: 'decision-flags' }, flags.map((flag) => el('li', {}, flag))));
  article.append(el('p', {}, words?.what_it_is ?? 'Ask your clinician to explain this option.'));
  if (words?.what_it_involves) {
    article.append(el('h3', {}, 'What it involves'), el('p', {}, words.what_it_involves));
  }
  if ((words?.things_to_weigh ?? []).length > 0) {
    article.append(el('h3', {}, 'Things to weigh'),
      el('ul', {}, words.things_to_weigh.map((text) => el('li', {}, text))));
  }
  article.append(evidencePart(option, context));
  if (words?.tag === 'U') {
    article.append(el('p', { className: 'decision-source decision-description-source' },
      'This description has not yet been checked against its source: your clinician will confirm it.'));
  }
  return article;
}

function evidencePart(option, context) {
  const part = el('div', { className: 'decision-evidence' }, el('h3', {}, 'What studies found'));
  const item = context.items.get(option.id);
  const entry = chooseEntry(item?.evidence, { failedTrials: context.options.failed_antidepressant_trials });
  const frequency = entry ? frequencySentence(entry, context.studies[entry.study_id]) : null;
  if (frequency) {
    part.append(el('p', {}, frequency.sentence));
    // Pictures only for a comparison the patient could choose between (not a review's subgroups).
    if (!context.iconShown && frequency.arms.length > 0 && context.studies[entry.study_id]?.design !== 'review') {
      part.append(iconArrays(frequency));
      context.iconShown = true;
    }
    part.append(el('p', { className: 'decision-source' },
      `Study: ${frequency.citation}${entry.tag === 'U' ? ' (your clinician will confirm these numbers)' : ''}.`));
  } else {
    part.append(el('p', {}, NO_NUMBERS));
  }
  part.append(el('p', { className: 'decision-sure' }, howSure(option, context)));
  return part;
}

function howSure(option, context) {
  const level = option.evidence?.level;
  let text = `How sure: ${context.levels[level] ?? 'ask your clinician how strong the evidence is.'}`;
  if (option.provisional) text += ' Part of this rests on information that is not yet confirmed.';
  if (option.investigational) text += ' This is only available in research studies.';
  return text;
}

const DOT_COLUMNS = 10;
const DOT_SPACING = 12;

// A 100-dot icon array per arm (the option and its first comparator): filled dots = per100.
function iconArrays(frequency) {
  const figure = el('figure', { className: 'decision-icons' });
  frequency.arms.slice(0, 2).forEach((arm) => figure.append(iconArray(arm)));
  figure.append(el('figcaption', {}, 'Each picture shows 100 people; the filled dots are the number in 100 from the sentence above.'));
  return figure;
}

function iconArray(arm) {
  const filled = per100(arm.events, arm.n);
  const size = DOT_COLUMNS * DOT_SPACING;
  const dots = Array.from({ length: 100 }, (_, index) => svg('circle', {
    cx: (index % DOT_COLUMNS) * DOT_SPACING + DOT_SPACING / 2,
    cy: Math.floor(index / DOT_COLUMNS) * DOT_SPACING + DOT_SPACING / 2,
    r: 4.5,
    class: index < filled ? 'dot-filled' : 'dot-empty',
  }));
  const picture = svg('svg', {
    viewBox: `0 0 ${size} ${size}`, width: size, height: size, role: 'img',
    'aria-label': `${filled} of 100 dots filled: about ${filled} in 100 people ${arm.label}`,
  }, dots);
  return el('div', { className: 'decision-icon' }, picture,
    el('p', { className: 'decision-icon-label', 'aria-hidden': 'true' }, `${filled} in 100 ${arm.label}`));
}

function setAsidePart(context) {
  const excluded = context.options.excluded ?? [];
  if (excluded.length === 0) return null;
  const part = el('section', { className: 'decision-aside', 'aria-labelledby': 'decision-aside-title' },
    el('h2', { id: 'decision-aside-title' }, 'Options set aside for now'),
    el('p', {}, 'These are not suggested at the moment. You can still ask about them.'));
  const list = el('ul', {});
  for (const option of excluded) {
    const name = context.words.get(option.id)?.plain_name ?? option.name ?? option.id;
    const kinds = [...new Set((option.exclusions ?? []).map((exclusion) => exclusion.kind))];
    const reasons = kinds.map((kind) => context.exclusionWords[kind] ?? 'Your clinician can explain why.');
    list.append(el('li', {}, el('strong', {}, name), `: ${reasons.join(' ')}`));
  }
  part.append(list);
  return part;
}
