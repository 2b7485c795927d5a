// The date axis of the timeline and the trajectories (web/app/views/chart_axis.js): partial dates
// placed where the record rules impute them, linear mapping, and ticks on month or year starts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dateAxis, dayNumber } from '../../web/app/views/chart_axis.js';

test('a full date counts days since 1970-01-01', () => {
  assert.equal(dayNumber('1970-01-02'), 1);
  assert.equal(dayNumber('2024-03-01') - dayNumber('2024-02-28'), 2); // 2024 is a leap year
});

test('a year-month is placed on the 15th and a year on 1 July', () => {
  assert.equal(dayNumber('2024-04'), dayNumber('2024-04-15'));
  assert.equal(dayNumber('2024'), dayNumber('2024-07-01'));
});

test('the axis maps the first and last dates to the ends and is linear between', () => {
  const axis = dateAxis('2024-01-01', '2024-12-31', 100, 700);
  assert.equal(axis.x('2024-01-01'), 100);
  assert.equal(axis.x('2024-12-31'), 800);
  const middle = axis.x('2024-07-01');
  assert.ok(Math.abs(middle - (100 + (182 / 365) * 700)) < 1e-9);
});

test('ticks fall on month starts inside the range, quarterly for a year or two', () => {
  const axis = dateAxis('2024-01-10', '2025-06-30', 0, 1000);
  const labels = axis.ticks.map((t) => t.label);
  assert.deepEqual(labels, ['2024-04', '2024-07', '2024-10', '2025', '2025-04']);
  for (const tick of axis.ticks) assert.ok(tick.x >= 0 && tick.x <= 1000);
});

test('a range of one day does not divide by zero', () => {
  const axis = dateAxis('2024-05-05', '2024-05-05', 0, 100);
  assert.equal(axis.x('2024-05-05'), 0);
});
