// Synthetic records set up through the JSON API for the journeys that do not create them in the UI.
import { patientRecord } from './harness.mjs';

// Two adequate antidepressant trials without response (8 weeks each at a usual dose), so the
// two-failure model stages TRD and the next-step options are populated.
export function twoFailedTrials() {
  return [
    { id: 'T1', kind: 'antidepressant', drug: 'sertraline', start: '2024-11-11', end: '2025-01-06',
      doses: [{ from: '2024-11-11', mg_per_day: 100 }], adherence_pct: 90,
      outcome: { judgement: 'nonresponse' } },
    { id: 'T2', kind: 'antidepressant', drug: 'venlafaxine', start: '2025-01-13', end: '2025-03-10',
      doses: [{ from: '2025-01-13', mg_per_day: 225 }], adherence_pct: 90,
      outcome: { judgement: 'nonresponse' } },
  ];
}

// Creates a patient of the client's team; resolves with the API's reply (patient_id, pseudonym, ...).
export function createPatient(client, pseudonym, extra = {}) {
  return client.createPatient(patientRecord(pseudonym, extra));
}

export function createTreatedPatient(client, pseudonym) {
  return createPatient(client, pseudonym, { treatments: twoFailedTrials() });
}
