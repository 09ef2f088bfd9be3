/** The doctor's app's reading of sykmeldinger from FHIR into the syketilfelle (web/lege/syketilfelle.ts). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { currentSyketilfelle, periodsOf, tidligereSykmelding, type QrItem } from '../../web/lege/syketilfelle.ts';

const period = (fom: string, tom: string, type = 'AKTIVITET_IKKE_MULIG'): QrItem => ({
  linkId: 'aktivitet',
  item: [
    { linkId: 'aktivitet-type', answer: [{ valueCoding: { code: type } }] },
    { linkId: 'aktivitet-fom', answer: [{ valueDate: fom }] },
    { linkId: 'aktivitet-tom', answer: [{ valueDate: tom }] },
  ],
});
const person = { ident: '01419012345', fodselsdato: '1990-01-01' };

describe('the syketilfelle in the doctor’s app', () => {
  it('reads the periods of the aktivitet groups and skips incomplete ones', () => {
    const incomplete: QrItem = { linkId: 'aktivitet', item: [{ linkId: 'aktivitet-fom', answer: [{ valueDate: '2026-03-01' }] }] };
    assert.deepEqual(periodsOf([{ linkId: 'hoveddiagnose' }, period('2026-03-02', '2026-03-15'), incomplete]), [{ fom: '2026-03-02', tom: '2026-03-15', type: 'AKTIVITET_IKKE_MULIG' }]);
  });

  it('takes rule status, remarks and lifecycle status from the status Task', () => {
    const inputs = [{ type: { text: 'regelstatus' }, valueCode: 'MANUAL_PROCESSING' }, { type: { text: 'merknad' }, valueCode: 'UNDER_BEHANDLING' }];
    const s = tidligereSykmelding('qr-1', [period('2026-03-02', '2026-03-15')], inputs, 'SENDT');
    assert.equal(s.status, 'MANUAL_PROCESSING');
    assert.deepEqual(s.merknader, ['UNDER_BEHANDLING']);
    assert.equal(s.brukerhandling, 'SENDT');
  });

  it('gives the current case with weeks so far and the maksdato, and none after a long gap', () => {
    const s = [tidligereSykmelding('qr-1', [period('2026-03-02', '2026-03-29')], [{ type: { text: 'regelstatus' }, valueCode: 'OK' }], 'APEN')];
    const current = currentSyketilfelle(s, person, '2026-03-30');
    assert.equal(current?.startdato, '2026-03-02');
    assert.equal(current?.uker, 4);
    assert.match(current?.maksdato ?? '', /^\d{4}-\d{2}-\d{2}$/);
    assert.equal(currentSyketilfelle(s, person, '2026-05-30'), undefined);
    assert.equal(currentSyketilfelle([], person, '2026-03-30'), undefined);
  });

  it('leaves out a sykmelding the rules rejected', () => {
    const rejected = [tidligereSykmelding('qr-1', [period('2026-03-02', '2026-03-29')], [{ type: { text: 'regelstatus' }, valueCode: 'INVALID' }], 'APEN')];
    assert.equal(currentSyketilfelle(rejected, person, '2026-03-30'), undefined);
  });
});
