/** Tree 3: the patient's age on the signature date, the office's orgnr length, and the signer not being the patient. */
import { describe } from 'node:test';
import { addDays, ident, LEGE_FNR, PASIENT, ruleInput, SIGNED } from '../builders.ts';
import { expectTree, linearPath } from './expect.ts';

const ORDER = ['PASIENT_YNGRE_ENN_13', 'UGYLDIG_ORGNR_LENGDE', 'AVSENDER_FNR_ER_SAMME_SOM_PASIENT_FNR'];
const thirteenYearsBefore = (date: string) => `${Number(date.slice(0, 4)) - 13}${date.slice(4)}`;
const BIRTHDAY_13 = thirteenYearsBefore(SIGNED);
const OK_LAST = { avsenderFnr: false };
const age = (fodselsdato: string | undefined, fodselsdatoKilde: string) => ({ fodselsdato, fodselsdatoKilde, signaturdato: SIGNED });

describe('legeerklæring tree VALIDERING', () => {
  describe('PASIENT_YNGRE_ENN_13', () => {
    expectTree('VALIDERING', {
      name: '13th birthday on the signature date (from the register)', input: ruleInput({ pasient: { fodselsdato: BIRTHDAY_13 } }),
      status: 'OK', path: linearPath(ORDER), inputs: OK_LAST,
    });
    expectTree('VALIDERING', {
      name: '13th birthday the day after the signature date', input: ruleInput({ pasient: { fodselsdato: addDays(BIRTHDAY_13, 1) } }),
      status: 'INVALID', outcome: 'PASIENT_YNGRE_ENN_13', path: linearPath(ORDER, 'PASIENT_YNGRE_ENN_13'), inputs: age(addDays(BIRTHDAY_13, 1), 'PDL'),
    });
    expectTree('VALIDERING', {
      name: 'no register birth date: 13th birthday on the signature date, from the fnr', input: ruleInput({ le: { pasientFnr: ident(BIRTHDAY_13) } }),
      status: 'OK', path: linearPath(ORDER), inputs: OK_LAST,
    });
    expectTree('VALIDERING', {
      name: 'no register birth date: one day short of 13, from the fnr', input: ruleInput({ le: { pasientFnr: ident(addDays(BIRTHDAY_13, 1)) } }),
      status: 'INVALID', outcome: 'PASIENT_YNGRE_ENN_13', path: linearPath(ORDER, 'PASIENT_YNGRE_ENN_13'), inputs: age(addDays(BIRTHDAY_13, 1), 'FNR'),
    });
    expectTree('VALIDERING', {
      name: 'no register birth date: one day short of 13, from a D-nummer', input: ruleInput({ le: { pasientFnr: ident(addDays(BIRTHDAY_13, 1), 'DNR') } }),
      status: 'INVALID', outcome: 'PASIENT_YNGRE_ENN_13', path: linearPath(ORDER, 'PASIENT_YNGRE_ENN_13'), inputs: age(addDays(BIRTHDAY_13, 1), 'FNR'),
    });
    expectTree('VALIDERING', {
      name: 'no birth date at all (an unreadable number): the rule cannot fire', input: ruleInput({ le: { pasientFnr: '12345678901' } }),
      status: 'OK', path: linearPath(ORDER), inputs: OK_LAST,
    });
    expectTree('VALIDERING', {
      name: 'the register birth date wins over the fnr', input: ruleInput({ pasient: { fodselsdato: addDays(BIRTHDAY_13, 1) }, le: { pasientFnr: PASIENT } }),
      status: 'INVALID', outcome: 'PASIENT_YNGRE_ENN_13', path: linearPath(ORDER, 'PASIENT_YNGRE_ENN_13'), inputs: age(addDays(BIRTHDAY_13, 1), 'PDL'),
    });
    expectTree('VALIDERING', {
      name: 'born 29 February, signed on 28 February 13 years later', input: ruleInput({ pasient: { fodselsdato: '2012-02-29' }, le: { signed: '2025-02-28' } }),
      status: 'OK', path: linearPath(ORDER), inputs: OK_LAST,
    });
  });

  describe('UGYLDIG_ORGNR_LENGDE', () => {
    expectTree('VALIDERING', { name: 'orgnr of 9 digits', input: ruleInput({ le: { orgnr: '974652277' } }), status: 'OK', path: linearPath(ORDER), inputs: OK_LAST });
    expectTree('VALIDERING', { name: 'no orgnr', input: ruleInput({ le: { orgnr: null } }), status: 'OK', path: linearPath(ORDER), inputs: OK_LAST });
    for (const orgnr of ['97465227', '9746522770']) {
      expectTree('VALIDERING', {
        name: `orgnr of ${orgnr.length} digits`, input: ruleInput({ le: { orgnr } }),
        status: 'INVALID', outcome: 'UGYLDIG_ORGNR_LENGDE', path: linearPath(ORDER, 'UGYLDIG_ORGNR_LENGDE'), inputs: { orgnr },
      });
    }
  });

  describe('AVSENDER_FNR_ER_SAMME_SOM_PASIENT_FNR', () => {
    expectTree('VALIDERING', {
      name: 'the signer is the patient', input: ruleInput({ le: { signaturFnr: PASIENT } }),
      status: 'INVALID', outcome: 'AVSENDER_FNR_ER_SAMME_SOM_PASIENT_FNR', path: linearPath(ORDER, 'AVSENDER_FNR_ER_SAMME_SOM_PASIENT_FNR'), inputs: { avsenderFnr: true },
    });
    expectTree('VALIDERING', {
      name: 'the signer is the patient, by the register fnr', input: ruleInput({ behandler: { finnesIHpr: true, suspendert: false, godkjenninger: ruleInput().behandler.godkjenninger, fnr: PASIENT } }),
      status: 'INVALID', outcome: 'AVSENDER_FNR_ER_SAMME_SOM_PASIENT_FNR', path: linearPath(ORDER, 'AVSENDER_FNR_ER_SAMME_SOM_PASIENT_FNR'), inputs: { avsenderFnr: true },
    });
    expectTree('VALIDERING', {
      name: 'the signer is someone else', input: ruleInput({ le: { signaturFnr: LEGE_FNR } }), status: 'OK', path: linearPath(ORDER), inputs: { avsenderFnr: true },
    });
  });
});
