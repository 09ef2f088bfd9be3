/**
 * The expiry job: it counts days by the Norwegian calendar, like the rules; a sykmelding changed by
 * someone else meanwhile is left for the next run, but any other failure is not swallowed — the job
 * fails and says why.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { conflict } from '../../src/fhir/outcome.ts';
import type { FhirService } from '../../src/service/fhir-service.ts';
import { expireSykmeldinger } from '../../src/sykmelding/status.ts';
import { DIALECTS } from '../support/databases.ts';
import { startTestServer, type TestServer } from '../support/runtime.ts';
import { sykInnParties, sykInnWithPeriod } from '../support/sykmeldinger.ts';

const NOW = new Date('2026-02-10T10:00:00Z');

/** The service, except that every transaction fails with `error`. */
const failingWith = (service: FhirService, error: Error) => new Proxy(service, {
  get(target, prop) {
    if (prop === 'inTransaction') return () => Promise.reject(error);
    const value = Reflect.get(target, prop, target);
    return typeof value === 'function' ? value.bind(target) : value;
  },
});

for (const dialect of DIALECTS) {
  describe(`the expiry job (${dialect})`, () => {
    let s: TestServer;
    before(async () => {
      s = await startTestServer(dialect, {}, { now: () => NOW });
      const res = await s.request({ method: 'PUT', url: '/fhir/QuestionnaireResponse/syk-1', body: sykInnWithPeriod(await sykInnParties(s), '2026-01-12', '2026-01-25') });
      assert.equal(res.status, 201, res.text);
    });
    after(() => s.close());

    const LATE = new Date('2026-06-01T12:00:00Z');

    it('leaves a sykmelding changed meanwhile for the next run', async () => {
      assert.deepEqual(await expireSykmeldinger(failingWith(s.runtime.service, conflict('no longer open')), LATE), []);
    });

    it('fails on any other error instead of swallowing it', async () => {
      await assert.rejects(expireSykmeldinger(failingWith(s.runtime.service, new Error('the connection was lost')), LATE), /the connection was lost/);
    });

    // Its last day is 2026-01-25: open through 25 April, expired from 26 April — in Norway, where
    // 26 April begins at 22:00 UTC (summer time).
    it('counts the days in Norway, as the rules do', async () => {
      assert.deepEqual(await expireSykmeldinger(s.runtime.service, new Date('2026-04-25T21:30:00Z')), [], '23:30 on 25 April in Oslo');
      assert.deepEqual(await expireSykmeldinger(s.runtime.service, new Date('2026-04-25T23:30:00Z')), ['syk-1'], '01:30 on 26 April in Oslo');
    });
  });
}
