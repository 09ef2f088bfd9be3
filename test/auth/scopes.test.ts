import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { negotiateScopes, parseScopes, permits } from '../../src/access/scopes.ts';

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
    assert.equal(negotiateScopes('patient/Observation.rs patient/Observation.cruds openid', 'patient/*.rs openid'), 'patient/Observation.rs openid');
    assert.equal(negotiateScopes('system/*.cruds', 'system/Patient.r'), 'system/Patient.r');
    assert.equal(negotiateScopes('system/*.cruds', 'user/*.cruds'), '', 'user access never becomes system access');
    assert.equal(negotiateScopes('openid launch', 'openid'), 'openid');
  });

  it('narrows a scope to its allowed permissions instead of dropping it', () => {
    assert.equal(negotiateScopes('patient/*.cruds', 'patient/*.rs'), 'patient/*.rs');
    assert.equal(negotiateScopes('patient/*.cruds', 'patient/*.r'), 'patient/*.r');
    assert.equal(negotiateScopes('patient/*.c', 'patient/*.rs'), '');
    assert.equal(negotiateScopes('patient/*.rs', 'patient/Observation.rs patient/Patient.r'), 'patient/Observation.rs patient/Patient.r');
    assert.equal(negotiateScopes('patient/Task.cruds', 'user/*.rs user/Task.u'), 'patient/Task.rus');
  });

  it('lets a user-level grant cover the same request for the launch patient', () => {
    assert.equal(negotiateScopes('launch patient/*.rs openid fhirUser', 'openid fhirUser launch user/*.cruds'), 'launch patient/*.rs openid fhirUser');
    assert.equal(negotiateScopes('user/*.rs', 'patient/*.rs'), '', 'patient-level access never widens to user level');
  });

  it('keeps a v1 scope in v1 form when granted whole, and gives v2 when narrowed', () => {
    assert.equal(negotiateScopes('patient/*.read', 'user/*.cruds'), 'patient/*.read');
    assert.equal(negotiateScopes('patient/*.write', 'user/*.cruds'), 'patient/*.write');
    assert.equal(negotiateScopes('patient/*.*', 'patient/*.rs'), 'patient/*.rs');
    assert.equal(negotiateScopes('patient/*.write', 'patient/*.rs'), '');
    assert.equal(negotiateScopes('user/Patient.read', 'user/*.r'), 'user/Patient.r');
  });

  it('never grants a query-restricted scope, which it could not enforce, nor honours one in a token', () => {
    assert.equal(negotiateScopes('patient/Observation.rs', 'patient/Observation.rs?category=laboratory'), '');
    assert.equal(negotiateScopes('patient/Observation.rs?category=laboratory', 'patient/*.rs'), '');
    assert.equal(permits(parseScopes('patient/Observation.rs?category=laboratory'), 'Observation', 'r'), false);
  });
});
