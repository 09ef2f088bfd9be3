export { generatePopulation, summarisePopulation, type FhirResource, type PopulationOptions, type PopulationSummary } from './population.ts';
export { demoPersonas, type DemoPersonas } from './personas.ts';
