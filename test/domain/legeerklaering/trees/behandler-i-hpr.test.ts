/** The pre-check: a signer HPR does not know cannot give a legeerklæring. */
import { describe } from 'node:test';
import { ruleInput } from '../builders.ts';
import { expectTree } from './expect.ts';

describe('legeerklæring pre-check BEHANDLER_I_HPR', () => {
  expectTree('BEHANDLER_I_HPR', {
    name: 'signer not in HPR', input: ruleInput({ behandler: { finnesIHpr: false, suspendert: false, godkjenninger: [] } }),
    status: 'INVALID', outcome: 'BEHANDLER_NOT_IN_HPR', path: 'BEHANDLER_NOT_IN_HPR(yes)->INVALID', inputs: { finnesIHpr: false },
  });
  expectTree('BEHANDLER_I_HPR', {
    name: 'signer in HPR, and everything else in order', input: ruleInput(),
    status: 'OK', path: 'BEHANDLER_NOT_IN_HPR(no)->OK', inputs: { finnesIHpr: true },
  });
});
