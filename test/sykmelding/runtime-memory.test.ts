/**
 * Two runtimes in one process, on different databases, keep their own memory of stored
 * sykmeldinger: a sykmelding stored on one never shows up in what the other's rules see as a
 * patient's earlier sykmeldinger — even when both stores hold a version that looks alike from the
 * outside (same type, id, version, time written and size).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it, mock } from 'node:test';
import { earlierSykmeldinger } from '../../src/sykmelding/context-builder.ts';
import { DIALECTS } from '../support/databases.ts';
import { startTestServer, type TestServer } from '../support/runtime.ts';
import { sykInnParties, sykInnWithPeriod, SYK_INN_FNR } from '../support/sykmeldinger.ts';

const NOW = new Date('2026-02-10T10:00:00Z');
const FNR = SYK_INN_FNR;

for (const dialect of DIALECTS) {
  describe(`each runtime's own memory of stored sykmeldinger (${dialect})`, () => {
    let one: TestServer;
    let other: TestServer;

    before(async () => {
      one = await startTestServer(dialect, {}, { now: () => NOW });
      other = await startTestServer(dialect, {}, { now: () => NOW });
    });
    after(async () => {
      mock.timers.reset();
      await one.close();
      await other.close();
    });

    it('does not see the other runtime’s sykmelding among the earlier ones', async () => {
      const refsOne = await sykInnParties(one);
      const refsOther = await sykInnParties(other);
      // Both versions are written in the same millisecond, under the same id and with the same size.
      mock.timers.enable({ apis: ['Date'], now: NOW.getTime() });
      const put = (s: TestServer, body: Record<string, any>) => s.request({ method: 'PUT', url: '/fhir/QuestionnaireResponse/syk-1', body });
      const first = await put(one, sykInnWithPeriod(refsOne, '2026-01-12', '2026-01-25'));
      assert.equal(first.status, 201, first.text);
      const second = await put(other, sykInnWithPeriod(refsOther, '2026-01-13', '2026-01-26'));
      assert.equal(second.status, 201, second.text);
      mock.timers.reset();
      const [a, b] = [JSON.parse(first.text), JSON.parse(second.text)];
      assert.equal(a.meta.lastUpdated, b.meta.lastUpdated);

      const seenByOne = (await earlierSykmeldinger(one.runtime.service, FNR)).earlier.find((e) => e.id === 'syk-1');
      assert.deepEqual(seenByOne?.perioder.map((p) => [p.fom, p.tom]), [['2026-01-12', '2026-01-25']]);
      const seenByOther = (await earlierSykmeldinger(other.runtime.service, FNR)).earlier.find((e) => e.id === 'syk-1');
      assert.deepEqual(seenByOther?.perioder.map((p) => [p.fom, p.tom]), [['2026-01-13', '2026-01-26']]);
    });
  });
}
