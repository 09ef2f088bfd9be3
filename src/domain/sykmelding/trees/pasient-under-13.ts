import { invalid, node, ok, type RuleTree } from '../../rules/tree.ts';
import { plusYears } from '../dates.ts';
import type { OutcomeName } from '../outcomes.ts';
import type { RulePayload } from '../payload.ts';

type Rule = 'PASIENT_YNGRE_ENN_13';

export const pasientUnder13Tree: RuleTree<Rule, OutcomeName, RulePayload> = {
  name: 'PASIENT_UNDER_13',
  title: 'Pasient under 13',
  juridisk: { lov: 'Folketrygdloven', paragraf: '8-3', ledd: 1 },
  root: node('PASIENT_YNGRE_ENN_13', invalid('PASIENT_YNGRE_ENN_13'), ok()),
  rules: {
    PASIENT_YNGRE_ENN_13: (p) => ({
      result: p.tom < plusYears(p.context.pasient.fodselsdato, 13),
      inputs: { fodselsdato: p.context.pasient.fodselsdato },
    }),
  },
};
