export * from './personnummer.ts';
export * from './organisasjonsnummer.ts';
export * from './hpr.ts';
export * from './oids.ts';
