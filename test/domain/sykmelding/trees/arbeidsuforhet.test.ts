/**
 * Tree 4: a main diagnosis (or another statutory reason) in a known code list, no ICPC-2 Z
 * diagnosis, and known secondary diagnoses. Codes are matched as written, as NAV does.
 */
import type { RuleContext } from '../../../../src/domain/sykmelding/index.ts';
import { describeTree } from './check.ts';

const ICPC2 = '2.16.578.1.12.4.1.1.7170';
const ICPC2B = '2.16.578.1.12.4.1.1.7171';
const ICD10 = '2.16.578.1.12.4.1.1.7110';
/** A loaded ICPC-2 list with two codes, matched exactly as the code lists are. */
const loaded: Partial<RuleContext> = { isKnownCode: (system, code) => (system === ICPC2 ? ['L03', 'L87'].includes(code) : undefined) };

const MISSING = 'HOVEDDIAGNOSE_MANGLER(yes)->FRAVAERSGRUNN_MANGLER';
const MAIN = 'HOVEDDIAGNOSE_MANGLER(no)->UGYLDIG_KODEVERK_FOR_HOVEDDIAGNOSE';
const Z = `${MAIN}(no)->ICPC_2_Z_DIAGNOSE`;
const L87 = { system: ICPC2, kode: 'L87' };

describeTree('ARBEIDSUFORHET', {
  FRAVAERSGRUNN_MANGLER: [
    {
      name: 'no diagnosis and no other reason', sm: { hoveddiagnose: undefined },
      status: 'INVALID', outcome: 'FRAVAERSGRUNN_MANGLER', path: `${MISSING}(yes)->INVALID`, inputs: { annenFravarsgrunn: undefined },
    },
    {
      name: 'no diagnosis, another reason with a blank description only', sm: { hoveddiagnose: undefined, annenFravarsgrunn: { grunner: [], beskrivelse: ' ' } },
      status: 'INVALID', outcome: 'FRAVAERSGRUNN_MANGLER', path: `${MISSING}(yes)->INVALID`, inputs: { annenFravarsgrunn: { grunner: [], beskrivelse: ' ' } },
    },
    {
      name: 'no diagnosis, another reason with a description only', sm: { hoveddiagnose: undefined, annenFravarsgrunn: { grunner: [], beskrivelse: 'Innlagt' } },
      status: 'OK', path: `${MISSING}(no)->UGYLDIG_KODEVERK_FOR_BIDIAGNOSE(no)->OK`, inputs: { bidiagnoser: [] },
    },
    {
      name: 'no diagnosis, another reason with a code', sm: { hoveddiagnose: undefined, annenFravarsgrunn: { grunner: ['SMITTEFARE'] } },
      status: 'OK', path: `${MISSING}(no)->UGYLDIG_KODEVERK_FOR_BIDIAGNOSE(no)->OK`, inputs: { bidiagnoser: [] },
    },
  ],
  UGYLDIG_KODEVERK_FOR_HOVEDDIAGNOSE: [
    {
      name: 'unknown code system', sm: { hoveddiagnose: { system: '2.16.578.1.12.4.1.1.9999', kode: 'L87' } },
      status: 'INVALID', outcome: 'UGYLDIG_KODEVERK_FOR_HOVEDDIAGNOSE', path: `${MAIN}(yes)->INVALID`, inputs: { hoveddiagnose: { system: '2.16.578.1.12.4.1.1.9999', kode: 'L87' } },
    },
    {
      name: 'code not in the loaded list', ctx: { isKnownCode: () => false },
      status: 'INVALID', outcome: 'UGYLDIG_KODEVERK_FOR_HOVEDDIAGNOSE', path: `${MAIN}(yes)->INVALID`, inputs: { hoveddiagnose: L87 },
    },
    {
      name: 'code in the loaded list', ctx: loaded,
      status: 'OK', path: `${Z}(no)->UGYLDIG_KODEVERK_FOR_BIDIAGNOSE(no)->OK`, inputs: { bidiagnoser: [] },
    },
    {
      name: 'code list not loaded: only the system is checked', ctx: { isKnownCode: () => undefined },
      status: 'OK', path: `${Z}(no)->UGYLDIG_KODEVERK_FOR_BIDIAGNOSE(no)->OK`, inputs: { bidiagnoser: [] },
    },
    {
      name: 'a known code written in small letters is not known', ctx: loaded, sm: { hoveddiagnose: { system: ICPC2, kode: 'l03' } },
      status: 'INVALID', outcome: 'UGYLDIG_KODEVERK_FOR_HOVEDDIAGNOSE', path: `${MAIN}(yes)->INVALID`, inputs: { hoveddiagnose: { system: ICPC2, kode: 'l03' } },
    },
  ],
  ICPC_2_Z_DIAGNOSE: [
    {
      name: 'ICPC-2 Z diagnosis', sm: { hoveddiagnose: { system: ICPC2, kode: 'Z01' } },
      status: 'INVALID', outcome: 'ICPC_2_Z_DIAGNOSE', path: `${Z}(yes)->INVALID`, inputs: { hoveddiagnose: { system: ICPC2, kode: 'Z01' } },
    },
    {
      name: 'ICPC-2B Z diagnosis', sm: { hoveddiagnose: { system: ICPC2B, kode: 'Z01.0001' } },
      status: 'INVALID', outcome: 'ICPC_2_Z_DIAGNOSE', path: `${Z}(yes)->INVALID`, inputs: { hoveddiagnose: { system: ICPC2B, kode: 'Z01.0001' } },
    },
    {
      name: 'ICD-10 Z diagnosis is not caught', sm: { hoveddiagnose: { system: ICD10, kode: 'Z00.0' } },
      status: 'OK', path: `${Z}(no)->UGYLDIG_KODEVERK_FOR_BIDIAGNOSE(no)->OK`, inputs: { bidiagnoser: [] },
    },
    {
      // Not upper-cased: with the lists loaded, `z01` is an unknown code (above); without them only the system is checked.
      name: 'a small z is matched as written: no Z diagnosis', sm: { hoveddiagnose: { system: ICPC2, kode: 'z01' } },
      status: 'OK', path: `${Z}(no)->UGYLDIG_KODEVERK_FOR_BIDIAGNOSE(no)->OK`, inputs: { bidiagnoser: [] },
    },
  ],
  UGYLDIG_KODEVERK_FOR_BIDIAGNOSE: [
    {
      name: 'secondary diagnosis with an unknown system', sm: { bidiagnoser: [{ system: 'urn:x', kode: 'A' }] },
      status: 'INVALID', outcome: 'UGYLDIG_KODEVERK_FOR_BIDIAGNOSE', path: `${Z}(no)->UGYLDIG_KODEVERK_FOR_BIDIAGNOSE(yes)->INVALID`, inputs: { bidiagnoser: [{ system: 'urn:x', kode: 'A' }] },
    },
    {
      name: 'secondary diagnosis written in small letters', ctx: loaded, sm: { bidiagnoser: [{ system: ICPC2, kode: 'l03' }] },
      status: 'INVALID', outcome: 'UGYLDIG_KODEVERK_FOR_BIDIAGNOSE', path: `${Z}(no)->UGYLDIG_KODEVERK_FOR_BIDIAGNOSE(yes)->INVALID`, inputs: { bidiagnoser: [{ system: ICPC2, kode: 'l03' }] },
    },
    {
      name: 'no diagnosis, other reason, bad secondary diagnosis', sm: { hoveddiagnose: undefined, annenFravarsgrunn: { grunner: ['ABORT'] }, bidiagnoser: [{ system: 'urn:x', kode: 'A' }] },
      status: 'INVALID', outcome: 'UGYLDIG_KODEVERK_FOR_BIDIAGNOSE', path: `${MISSING}(no)->UGYLDIG_KODEVERK_FOR_BIDIAGNOSE(yes)->INVALID`, inputs: { bidiagnoser: [{ system: 'urn:x', kode: 'A' }] },
    },
  ],
});
