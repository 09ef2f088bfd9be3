/** Tree 1: a signer suspended by NAV (btsys) on the signature date. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluateLegeerklaering } from '../../../../src/domain/legeerklaering/index.ts';
import { approval, ruleInput, SIGNED } from '../builders.ts';
import { expectTree } from './expect.ts';

const behandler = (suspendert: boolean) => ({ finnesIHpr: true, suspendert, godkjenninger: [approval('LE')] });

describe('legeerklæring tree LEGESUSPENSJON', () => {
  expectTree('LEGESUSPENSJON', {
    name: 'suspended on the signature date', input: ruleInput({ behandler: behandler(true) }),
    status: 'INVALID', outcome: 'BEHANDLER_SUSPENDERT', path: 'BEHANDLER_SUSPENDERT(yes)->INVALID', inputs: { suspendert: true, signaturdato: SIGNED },
  });
  expectTree('LEGESUSPENSJON', {
    name: 'not suspended on the signature date', input: ruleInput({ behandler: behandler(false) }),
    status: 'OK', path: 'BEHANDLER_SUSPENDERT(no)->OK', inputs: { suspendert: false, signaturdato: SIGNED },
  });

  it('runs after the HPR pre-check and stops the sequence: HPR and validation do not run', () => {
    const result = evaluateLegeerklaering(ruleInput({ behandler: behandler(true), le: { orgnr: '123' } }));
    assert.deepEqual(result.trees.map((t) => t.tree), ['BEHANDLER_I_HPR', 'LEGESUSPENSJON']);
    assert.equal(result.path, 'BEHANDLER_NOT_IN_HPR(no)->OK | BEHANDLER_SUSPENDERT(yes)->INVALID');
    assert.deepEqual(result.inputs, { finnesIHpr: true, suspendert: true, signaturdato: SIGNED });
  });
});
