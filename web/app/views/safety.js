// The safety banner at the top of the patient page: every open critical alert (a self-harm item
// above 0 on the latest administration of its instrument, never hidden) and the safety action the
// options put above every option (routine, urgent, emergency), with its text in full.
import { h } from '../dom.js';

// Critical alerts of the latest administration (by date) of each instrument.
export function openAlerts(assessment) {
  const open = [];
  for (const series of assessment.measures?.series || []) {
    const administrations = [...(series.administrations || [])].sort((a, b) => a.date.localeCompare(b.date));
    const latest = administrations[administrations.length - 1];
    for (const alert of latest?.alerts || []) if (alert.severity === 'critical') open.push(alert);
  }
  return open;
}

export function renderSafetyBanner(assessment) {
  const alerts = openAlerts(assessment);
  const actions = assessment.options?.safety_actions || [];
  if (alerts.length === 0 && actions.length === 0) return null;
  const urgent = alerts.length > 0 || actions.some((a) => a.level === 'urgent' || a.level === 'emergency');
  const level = actions.map((a) => a.level).find((l) => l === 'emergency') || actions.map((a) => a.level).find((l) => l === 'urgent') || actions[0]?.level;
  return h(`section.safety-banner${urgent ? '' : '.routine'}`, { role: urgent ? 'alert' : 'region', 'aria-label': 'Safety' },
    h('h2', {}, alerts.length > 0 ? 'Self-harm alert' : `Safety: ${level}`),
    alerts.length ? h('ul', {}, alerts.map((alert) => h('li', {}, alert.message))) : null,
    actions.map((action) => h('div', {},
      h('p', {}, h('strong', {}, `Safety action (${action.level}): `), action.text),
      action.why ? h('p.small', {}, `Why: ${action.why}`) : null)));
}
