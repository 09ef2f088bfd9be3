/**
 * Renders the Questionnaires that are kept as tables in src/fhir/mapping/ into fhir/, so the
 * published form and the mapping cannot drift; a test re-renders them and fails when a committed
 * file is stale. Run: node --import tsx scripts/generate-questionnaires.ts
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderLegeerklaeringQuestionnaire } from '../src/fhir/mapping/legeerklaering-items.ts';

const file = fileURLToPath(new URL('../fhir/Questionnaire-helsebro-legeerklaering.json', import.meta.url));
writeFileSync(file, `${JSON.stringify(renderLegeerklaeringQuestionnaire(), null, 2)}\n`);
console.log(`Wrote ${file}`);
