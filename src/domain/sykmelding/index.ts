export * from './model.ts';
export * from './context.ts';
export { evaluate, type RuleResult, type RuleHit, type TreeOutcome } from './evaluate.ts';
export { OUTCOMES, type OutcomeName, type Message } from './outcomes.ts';
export { TREES, type SykmeldingTree } from './trees/index.ts';
export { asPapirsykmelding, routedStatus, type Routing } from './routing.ts';
export { countWords } from './syketilfelle.ts';
