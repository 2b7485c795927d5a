// The next-step options as the engine ranked them (docs/options.md): guideline-indicated options
// first, then the ranked ones, each with its rationale; the full explanation (score components,
// evidence, moderators that fit, cautions, indications) on demand. Options set aside are listed
// with the reason and never ranked.
import { h } from '../dom.js';
import { humanId } from './labels.js';

const TIER_WORDS = { indicated: 'guideline-indicated', ranked: 'ranked' };

function section(title, items, render) {
  if (!items || items.length === 0) return null;
  return h('div', {}, h('h4', {}, title), h('ul', {}, items.map((item) => h('li', {}, render(item)))));
}

function explanation(option) {
  return h('details.why', {},
    h('summary', {}, `Full explanation: ${option.name}`),
    section('Guideline indications', option.indications, (i) => [i.text, h('div.small.muted', {}, i.source)]),
    section('Score components', option.components, (c) => `${c.detail} (${c.points >= 0 ? '+' : ''}${c.points}; ${c.id})`),
    section('Patient factors that fit', option.moderators?.filter((m) => !m.not_applied), (m) => `${m.label} (+${m.points})`),
    section('Evidence', option.evidence?.entries, (e) => `${e.citation}${e.tag === 'U' ? ' (unconfirmed)' : ''}`),
    option.evidence?.clearest_benefit ? h('p.small', {}, `Clearest benefit: ${option.evidence.clearest_benefit}`) : null,
    section('Cautions to screen for', option.cautions, (c) => `${humanId(c.condition)}: ${c.status === 'present' ? 'PRESENT' : c.status}${c.hard_exclusion ? ' (contraindication)' : ''}`),
    section('Rests on unconfirmed values', option.relies_on_unconfirmed, (t) => t));
}

function optionCard(option) {
  return h('article.option', { dataset: { option: option.id } },
    h('h3', {}, `${option.rank}. ${option.name}`),
    h('p.meta', {},
      h(`span.badge.${option.tier === 'indicated' ? 'ok' : 'neutral'}`, {}, TIER_WORDS[option.tier] || option.tier),
      ` ${humanId(option.category)} · evidence: ${humanId(option.evidence?.level || 'not graded')} · setting: ${humanId(option.setting || '—')}`,
      option.investigational ? h('span.badge.warn', {}, ' investigational') : null,
      option.provisional ? h('span.provisional', {}, ' provisional') : null),
    h('p', {}, option.rationale),
    explanation(option));
}

function excludedItem(option) {
  const reasons = (option.exclusions || []).map((e) => e.detail).join('; ');
  return h('li', {}, h('strong', {}, option.name), `: ${reasons || 'set aside'}`);
}

export function renderOptions(assessment) {
  const options = assessment.options || {};
  if (options.applicable === false) {
    return h('p.notice-box', {}, options.not_applicable_reason || 'The options do not apply to this record.');
  }
  const ranked = options.ranked || [];
  return h('div', {},
    (options.notes || []).length ? h('ul.notice-box', {}, options.notes.map((n) => h('li', {}, n))) : null,
    ranked.slice(0, 8).map(optionCard),
    ranked.length > 8 ? h('details', {}, h('summary', {}, `${ranked.length - 8} more ranked options`), ranked.slice(8).map(optionCard)) : null,
    (options.excluded || []).length
      ? h('details', {}, h('summary', {}, `Set aside and not ranked (${options.excluded.length})`),
        h('ul', {}, options.excluded.map(excludedItem)))
      : null);
}
