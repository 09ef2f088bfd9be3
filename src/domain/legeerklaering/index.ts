export * from './model.ts';
export type { LegeerklaeringRuleInput } from './payload.ts';
export { evaluateLegeerklaering, type LegeerklaeringRuleHit, type LegeerklaeringRuleResult } from './evaluate.ts';
export { OUTCOMES, type OutcomeName } from './outcomes.ts';
export { TREES, treeNamed, type LegeerklaeringTree } from './trees/index.ts';
export * from './intake.ts';
