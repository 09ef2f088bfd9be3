import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  checkDigits, completeOrgnr, individRange, isValidDnr, isValidFnr, isValidHprNumber, isValidOrgnr,
  makeSyntheticIdent, normaliseHprNumber, parseIdent,
} from '../../src/domain/identity/index.ts';

describe('identity numbers', () => {
  it('builds Test Norge numbers (month + 80) with valid check digits that parse back to the birth date', () => {
    let made = 0;
    for (const birthDate of ['1985-01-31', '2000-02-29', '2013-12-01', '1950-06-15']) {
      const [lo, hi] = individRange(Number(birthDate.slice(0, 4)));
      for (let individ = lo; individ <= Math.min(hi, lo + 30); individ++) {
        const fnr = makeSyntheticIdent(birthDate, individ);
        if (!fnr) continue;
        made++;
        assert.equal(Number(fnr.slice(2, 4)) > 80, true);
        assert.deepEqual(parseIdent(fnr), { kind: 'FNR', synthetic: true, birthDate });
        assert.equal(isValidFnr(fnr), true);
      }
    }
    assert.ok(made > 50);
  });

  it('builds synthetic D-numbers (day + 40)', () => {
    const dnr = [...Array(40).keys()].map((i) => makeSyntheticIdent('1990-07-04', 100 + i, 'DNR')).find(Boolean)!;
    assert.equal(dnr.slice(0, 2), '44');
    assert.equal(isValidDnr(dnr), true);
    assert.equal(isValidFnr(dnr), false);
  });

  it('rejects a number when one check digit is off', () => {
    const fnr = makeSyntheticIdent('1985-01-31', 123) ?? makeSyntheticIdent('1985-01-31', 124)!;
    const wrong = fnr.slice(0, 10) + String((Number(fnr[10]) + 1) % 10);
    assert.equal(parseIdent(wrong), undefined);
    const wrong1 = fnr.slice(0, 9) + String((Number(fnr[9]) + 1) % 10) + fnr[10];
    assert.equal(parseIdent(wrong1), undefined);
  });

  it('rejects impossible dates, wrong lengths and non-digits', () => {
    assert.equal(parseIdent('3102'), undefined);
    assert.equal(parseIdent('abcdefghijk'), undefined);
    // 30 February, month + 80: check digits computed so only the date is wrong
    const first9 = '308285123';
    const cc = checkDigits(first9);
    if (cc) assert.equal(parseIdent(first9 + cc), undefined);
  });

  it('checks organisation numbers with mod 11', () => {
    assert.equal(completeOrgnr('97452211'), undefined); // weighted sum leaves remainder 1: no check digit exists
    const orgnr = completeOrgnr('97452212')!;
    assert.equal(orgnr.length, 9);
    assert.equal(isValidOrgnr(orgnr), true);
    assert.equal(isValidOrgnr(orgnr.slice(0, 8) + String((Number(orgnr[8]) + 1) % 10)), false);
    assert.equal(isValidOrgnr('12345678'), false);
  });

  it('normalises HPR numbers, accepting the zero-padded 10-digit form senders use', () => {
    assert.equal(normaliseHprNumber('0123456789'.slice(1)), '123456789');
    assert.equal(normaliseHprNumber('0912345678'), '912345678');
    assert.equal(isValidHprNumber('12345678901'), false);
    assert.equal(isValidHprNumber('12a'), false);
    assert.equal(isValidHprNumber('0'), false);
  });
});
