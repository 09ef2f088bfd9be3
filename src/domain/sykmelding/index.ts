export * from './model.ts';
export * from './context.ts';
export { evaluate, type RuleResult, type TreeOutcome } from './evaluate.ts';
export { OUTCOMES, type OutcomeName } from './outcomes.ts';
export { asPapirsykmelding, routedStatus } from './routing.ts';
