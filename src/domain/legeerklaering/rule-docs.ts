/** How the legeerklæring trees are documented in docs/rules/ (pages `legeerklaering-<tree>.md`). */
import { slug, type TreeDocSet } from '../rules/rule-docs.ts';
import { OUTCOMES, type OutcomeName } from './outcomes.ts';
import { TREES } from './trees/index.ts';

export const LEGEERKLAERING_RULE_DOCS: TreeDocSet = {
  heading: 'Legeerklæring rule trees',
  intro: [
    'Generated from `src/domain/legeerklaering/trees/` by `npm run rules:docs`; do not edit by hand.',
    'The HPR pre-check runs first, then the trees in this order; the first tree that is not OK decides.',
    'Every outcome is INVALID: a legeerklæring is never sent to manual processing. Every rule judges on',
    'the signature date. See [../legeerklaering.md](../legeerklaering.md) for the legal references chosen.',
  ],
  trees: TREES,
  outcome: (name) => {
    const def = OUTCOMES[name as OutcomeName];
    return { status: def.status, doctor: def.behandler.nb, patient: def.pasient.nb };
  },
  fileName: (tree) => `legeerklaering-${slug(tree)}.md`,
};
