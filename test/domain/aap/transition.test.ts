/**
 * When the AAP transition starts. A continuous case from Monday 5 January 2026 has maksdato
 * Friday 1 January 2027 (see maksdato.test.ts); 13 weeks (91 days) before it is Friday 2 October 2026.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { aapTransitionDue } from '../../../src/domain/aap/transition.ts';
import { continuous, person, sm } from './builders.ts';

const KARI = person('1980-03-15');
const YEAR = continuous('2026-01-05', 52);

describe('aapTransitionDue', () => {
  it('is due from Oslo midnight 13 weeks before the maksdato, not the day before', () => {
    const before = aapTransitionDue(YEAR, KARI, '2026-10-01T21:59:59Z');
    assert.equal(before.due, false);
    assert.equal(before.reason, 'FOR_TIDLIG');
    assert.equal(before.overgangFra, '2026-10-02');
    assert.deepEqual(before.opprett, { navOppgave: false, legeerklaeringForesporsel: false });
    const on = aapTransitionDue(YEAR, KARI, '2026-10-01T22:00:00Z');
    assert.equal(on.due, true);
    assert.equal(on.reason, 'OVERGANG');
    assert.equal(on.maksdato?.maksdato, '2027-01-01');
    assert.deepEqual(on.opprett, { navOppgave: true, legeerklaeringForesporsel: true });
    assert.equal(on.idempotencyKey, `aap-overgang:${KARI.ident}:2026-01-05`);
  });

  it('takes the lead time from the configuration', () => {
    assert.equal(aapTransitionDue(YEAR, KARI, '2026-10-02T10:00:00Z', { ledetidUker: 8 }).due, false);
    const eight = aapTransitionDue(YEAR, KARI, '2026-11-06T10:00:00Z', { ledetidUker: 8 });
    assert.equal(eight.overgangFra, '2026-11-06');
    assert.equal(eight.due, true);
  });

  it('starts during week 39 of a 39-week sick leave, not in week 38', () => {
    const weeks39 = continuous('2026-01-05', 39);
    assert.equal(weeks39.at(-1)!.perioder[0].tom, '2026-10-04');
    assert.equal(aapTransitionDue(continuous('2026-01-05', 38), KARI, '2026-09-27T10:00:00Z').reason, 'FOR_TIDLIG');
    const due = aapTransitionDue(weeks39, KARI, '2026-10-04T10:00:00Z');
    assert.equal(due.due, true);
    assert.equal(due.maksdato?.maksdato, '2027-01-01');
  });

  it('keeps one key when new sykmeldinger arrive, and says when the maksdato moves', () => {
    const first = aapTransitionDue(continuous('2026-01-05', 39), KARI, '2026-10-02T10:00:00Z');
    const earlier = { idempotencyKey: first.idempotencyKey!, maksdato: first.maksdato!.maksdato };
    const extended = aapTransitionDue(YEAR, KARI, '2026-10-20T10:00:00Z', undefined, earlier);
    assert.equal(extended.idempotencyKey, first.idempotencyKey);
    assert.equal(extended.reason, 'ALLEREDE_OPPRETTET');
    assert.deepEqual(extended.opprett, { navOppgave: false, legeerklaeringForesporsel: false });
    assert.equal(extended.maksdatoFlyttet, undefined);
    // Back at work 5–14 October: 8 weekdays not used, so the maksdato moves 8 weekdays to Wednesday 13 January.
    const withGap = [...continuous('2026-01-05', 39), sm('2026-10-15', '2026-12-31')];
    const moved = aapTransitionDue(withGap, KARI, '2026-10-20T10:00:00Z', undefined, earlier);
    assert.equal(moved.idempotencyKey, first.idempotencyKey);
    assert.deepEqual(moved.maksdatoFlyttet, { fra: '2027-01-01', til: '2027-01-13' });
    assert.equal(moved.opprett.navOppgave, false);
  });

  it('is not due when the sick leave has ended, or the maksdato has passed, or there is none', () => {
    const weeks39 = continuous('2026-01-05', 39);
    assert.equal(aapTransitionDue(weeks39, KARI, '2026-10-20T10:00:00Z').due, true);
    assert.equal(aapTransitionDue(weeks39, KARI, '2026-10-21T10:00:00Z').reason, 'AVSLUTTET');
    assert.equal(aapTransitionDue(YEAR, KARI, '2027-01-01T10:00:00Z').due, true);
    assert.equal(aapTransitionDue(YEAR, KARI, '2027-01-02T10:00:00Z').reason, 'MAKSDATO_PASSERT');
    assert.equal(aapTransitionDue([], KARI, '2027-01-02T10:00:00Z').reason, 'INGEN_SYKEFRAVAER');
  });
});
