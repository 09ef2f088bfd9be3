import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { narrowScopes, parseScopes, permits } from '../../src/auth/scopes.ts';

describe('SMART scopes', () => {
  it('parses v2 scopes with permissions in c-r-u-d-s order', () => {
    const s = parseScopes('openid fhirUser launch/patient patient/Observation.rs user/*.cruds');
    assert.equal(s.resources.length, 2);
    assert.equal(permits(s, 'Observation', 'r', 'patient'), true);
    assert.equal(permits(s, 'Observation', 'c', 'patient'), false);
    assert.equal(permits(s, 'Patient', 'd', 'user'), true);
    assert.deepEqual([...s.other].sort(), ['fhirUser', 'launch/patient', 'openid']);
  });

  it('treats out-of-order or repeated permissions as not a resource scope', () => {
    const s = parseScopes('patient/Observation.sr patient/Patient.rr');
    assert.equal(s.resources.length, 0);
  });

  it('maps v1 read/write onto v2 permissions', () => {
    const s = parseScopes('patient/*.read system/Patient.write');
    assert.equal(permits(s, 'Condition', 's'), true);
    assert.equal(permits(s, 'Condition', 'c'), false);
    assert.equal(permits(s, 'Patient', 'u', 'system'), true);
    assert.equal(permits(s, 'Patient', 'r', 'system'), false);
  });

  it('keeps a v2 query restriction', () => {
    const s = parseScopes('patient/Observation.rs?category=laboratory');
    assert.equal(s.resources[0].query, 'category=laboratory');
  });

  it('narrows requested scopes to the registered ones (no escalation)', () => {
    assert.equal(narrowScopes('patient/Observation.rs patient/Observation.cruds openid', 'patient/*.rs openid'), 'patient/Observation.rs openid');
    assert.equal(narrowScopes('system/*.cruds', 'system/Patient.r'), '');
  });
});
