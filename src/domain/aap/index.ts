export * from './maksdato.ts';
export * from './transition.ts';
