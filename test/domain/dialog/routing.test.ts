/** Routing a request: the rules in order, with their explanations, and rerouting after a change of GP. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { reroute, routeRequest, ROUTING_RULES, type RoutingSituation } from '../../../src/domain/dialog/routing.ts';

const FASTLEGE = { ref: 'PractitionerRole/fastlege-1', navn: 'Lege Lise Berg', herId: '8142519' };
const NY_FASTLEGE = { ref: 'PractitionerRole/fastlege-2', navn: 'Lege Per Dahl', herId: '8142520' };
const SYKMELDER = { ref: 'Practitioner/behandler-7', navn: 'Lege Siri Moe' };
const BERGEN = { ref: 'Organization/kommune-4601', navn: 'Bergen kommune, legetjenesten' };
const ASKOY = { ref: 'Organization/kommune-4627', navn: 'Askøy kommune, legetjenesten' };

const base: RoutingSituation = {
  kommunenummer: '4627',
  fastlegeliste: { listeId: 'liste-17', kommunenummer: '4601', lege: FASTLEGE },
  kommunaleTjenester: { '4601': BERGEN, '4627': ASKOY },
};

const path = (s: RoutingSituation) => routeRequest(s).steg.map((st) => `${st.regel}(${st.treff ? 'ja' : 'nei'})`).join('->');

describe('routing rules', () => {
  it('are an ordered list with unique ids, the last a catch-all', () => {
    assert.deepEqual(ROUTING_RULES.map((r) => r.id), ['FASTLEGE', 'SYKMELDER', 'KOMMUNE_LISTEANSVAR', 'KOMMUNE_BOSTED', 'INGEN_MOTTAKER']);
  });

  it('sends to the fastlege when the patient has one, even with a current sykmelder', () => {
    const d = routeRequest({ ...base, sykmelder: SYKMELDER });
    assert.equal(d.mottaker, FASTLEGE);
    assert.equal(d.regel, 'FASTLEGE');
    assert.deepEqual(d.flagg, []);
    assert.equal(path({ ...base, sykmelder: SYKMELDER }), 'FASTLEGE(ja)');
    assert.match(d.forklaring.nb, /liste-17.*Lise Berg/);
    assert.match(d.forklaring.en, /list liste-17 of GP Lege Lise Berg/);
  });

  it('sends to the sykmelder when the list is vacant and there is a current sick leave, flagged "no GP"', () => {
    const s: RoutingSituation = { ...base, fastlegeliste: { ...base.fastlegeliste!, lege: 'UBESATT' }, sykmelder: SYKMELDER };
    const d = routeRequest(s);
    assert.equal(d.mottaker, SYKMELDER);
    assert.deepEqual(d.flagg, ['UTEN_FASTLEGE']);
    assert.equal(path(s), 'FASTLEGE(nei)->SYKMELDER(ja)');
    assert.match(d.steg[0].forklaring.nb, /ubesatt/);
  });

  it('sends a vacant list to the municipality that owns the list, not the home municipality', () => {
    const s: RoutingSituation = { ...base, fastlegeliste: { ...base.fastlegeliste!, lege: 'UBESATT' } };
    const d = routeRequest(s);
    assert.equal(d.mottaker, BERGEN);
    assert.equal(d.regel, 'KOMMUNE_LISTEANSVAR');
    assert.deepEqual(d.flagg, ['UTEN_FASTLEGE']);
    assert.equal(path(s), 'FASTLEGE(nei)->SYKMELDER(nei)->KOMMUNE_LISTEANSVAR(ja)');
  });

  it('sends a patient with no list to the home municipality', () => {
    const s: RoutingSituation = { ...base, fastlegeliste: undefined };
    const d = routeRequest(s);
    assert.equal(d.mottaker, ASKOY);
    assert.equal(d.regel, 'KOMMUNE_BOSTED');
    assert.equal(path(s), 'FASTLEGE(nei)->SYKMELDER(nei)->KOMMUNE_LISTEANSVAR(nei)->KOMMUNE_BOSTED(ja)');
    assert.match(d.forklaring.nb, /ikke på noen fastlegeliste/);
  });

  it('asks for manual routing when no service is known', () => {
    const d = routeRequest({ ...base, fastlegeliste: { ...base.fastlegeliste!, lege: 'UBESATT' }, kommunaleTjenester: {} });
    assert.equal(d.mottaker, undefined);
    assert.equal(d.regel, 'INGEN_MOTTAKER');
    assert.deepEqual(d.flagg, ['UTEN_FASTLEGE', 'MANUELL_RUTING']);
  });
});

describe('reroute', () => {
  const before = routeRequest(base);
  const changedGp: RoutingSituation = { ...base, fastlegeliste: { listeId: 'liste-22', kommunenummer: '4601', lege: NY_FASTLEGE } };

  it('moves an open request to the new fastlege and says why', () => {
    for (const status of ['requested', 'received', 'in-progress', 'overdue'] as const) {
      const r = reroute({ status, routing: before }, changedGp);
      assert.equal(r.changed, true, status);
      assert.equal(r.decision.mottaker, NY_FASTLEGE);
      assert.match(r.forklaring.nb, /fra Lege Lise Berg til Lege Per Dahl/);
    }
  });

  it('leaves answered and cancelled requests with the old recipient', () => {
    for (const status of ['answered', 'cancelled'] as const) {
      const r = reroute({ status, routing: before }, changedGp);
      assert.equal(r.changed, false);
      assert.equal(r.decision, before);
      assert.match(r.forklaring.en, /stays with Lege Lise Berg/);
    }
  });

  it('reports no change when the recipient is the same, and a move to the municipality when the list falls vacant', () => {
    assert.equal(reroute({ status: 'requested', routing: before }, base).changed, false);
    const vacant = reroute({ status: 'requested', routing: before }, { ...base, fastlegeliste: { ...base.fastlegeliste!, lege: 'UBESATT' } });
    assert.equal(vacant.changed, true);
    assert.equal(vacant.decision.mottaker, BERGEN);
    assert.deepEqual(vacant.decision.flagg, ['UTEN_FASTLEGE']);
  });
});
