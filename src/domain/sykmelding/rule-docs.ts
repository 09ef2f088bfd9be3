/** How the sykmelding trees are documented in docs/rules/ (rendered by `src/domain/rules/rule-docs.ts`). */
import { slug, type TreeDocSet } from '../rules/rule-docs.ts';
import { OUTCOMES, type OutcomeName } from './outcomes.ts';
import { TREES } from './trees/index.ts';

export const SYKMELDING_RULE_DOCS: TreeDocSet = {
  heading: 'Sykmelding rule trees',
  intro: [
    'Generated from `src/domain/sykmelding/trees/` by `npm run rules:docs`; do not edit by hand.',
    'The trees run in this order; the first tree that is not OK decides. In paper mode every INVALID',
    'leaf becomes MANUAL_PROCESSING. Each leaf of a tree with a legal basis shows that reference; the',
    'tree\'s result carries it with a juridisk vurdering (OK: VILKAR_OPPFYLT, INVALID: VILKAR_IKKE_OPPFYLT,',
    'MANUAL_PROCESSING: VILKAR_UAVKLART).',
  ],
  trees: TREES,
  outcome: (name) => {
    const def = OUTCOMES[name as OutcomeName];
    return { status: def.status, doctor: def.sykmelder.nb, patient: def.sykmeldt.nb };
  },
  fileName: (tree) => `${slug(tree)}.md`,
};
