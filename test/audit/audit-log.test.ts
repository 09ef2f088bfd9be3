import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { outcomeOf, patientIdsIn, timeOrderedId } from '../../src/audit/audit-log.ts';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('audit log ids and contents', () => {
  it('gives each record a UUID version 7 carrying the time it was made', () => {
    const at = Date.UTC(2026, 10, 30, 12, 0, 0, 123);
    const id = timeOrderedId(at);
    assert.match(id, UUID_V7);
    assert.equal(parseInt(id.replace('-', '').slice(0, 12), 16), at);
    assert.notEqual(timeOrderedId(at), timeOrderedId(at), 'ids made in the same millisecond still differ');
  });

  it('orders ids made in later milliseconds after earlier ones', () => {
    const ids = [0, 1, 255, 256, Date.UTC(2026, 0, 1), Date.UTC(2089, 0, 1)].map((t) => timeOrderedId(t));
    assert.deepEqual([...ids].sort(), ids);
    for (const id of ids) assert.match(id, UUID_V7);
  });

  it('finds every patient a response refers to or contains, once each', () => {
    const payload = JSON.stringify({
      resourceType: 'Bundle',
      entry: [
        { resource: { resourceType: 'Patient', id: 'pasient-1' } },
        { resource: { resourceType: 'Observation', subject: { reference: 'Patient/pasient-2' } } },
        { resource: { resourceType: 'Observation', subject: { reference: 'Patient/pasient-2' } } },
        { resource: { resourceType: 'Observation', performer: [{ reference: 'Practitioner/lege-1' }] } },
      ],
    });
    assert.deepEqual(patientIdsIn(payload).sort(), ['pasient-1', 'pasient-2']);
    assert.deepEqual(patientIdsIn('{"resourceType":"OperationOutcome"}'), []);
  });

  it('maps HTTP status to AuditEvent.outcome', () => {
    assert.deepEqual([200, 201, 304, 400, 403, 404, 500, 503].map(outcomeOf), ['0', '0', '0', '4', '4', '4', '8', '8']);
  });
});
