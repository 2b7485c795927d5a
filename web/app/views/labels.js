// Small shared labels: severity bands, adequacy and outcome words, dates.
import { h } from '../dom.js';

const BAND_TONE = {
  'none/minimal': 'ok', minimal: 'ok', none: 'ok', normal: 'ok', remission: 'ok', mild: 'neutral',
  moderate: 'warn', 'moderately severe': 'danger', severe: 'danger', 'very severe': 'danger',
};

export function bandBadge(band) {
  if (!band) return null;
  const label = String(band).replaceAll('_', ' ');
  const tone = BAND_TONE[label] || 'neutral';
  return h(`span.badge.${tone}`, {}, label);
}

export const OUTCOME_WORDS = {
  response: 'response', remission: 'remission', partial_response: 'partial response',
  nonresponse: 'non-response', unknown: 'outcome unknown',
};

export function outcomeWord(outcome) {
  return OUTCOME_WORDS[outcome] || (outcome ? String(outcome).replaceAll('_', ' ') : 'outcome unknown');
}

export function humanId(id) {
  return String(id || '').replaceAll('_', ' ');
}
