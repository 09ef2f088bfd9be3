export * from './kinds.ts';
export * from './answer-check.ts';
export * from './request-status.ts';
export * from './linking.ts';
export * from './routing.ts';
