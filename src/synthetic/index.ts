export { generatePopulation, summarisePopulation, type FhirResource } from './population.ts';
export { demoPersonas } from './personas.ts';
