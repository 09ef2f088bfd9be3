/**
 * The legeerklæring operations (docs/legeerklaering.md), one module each:
 *  - POST QuestionnaireResponse/$legeerklaering-dry-run   intake checks and rules, nothing stored (dry-run.ts)
 */
import type { FhirOperation } from '../index.ts';
import { legeerklaeringDryRunOperation } from './dry-run.ts';

export const legeerklaeringOperations: FhirOperation[] = [legeerklaeringDryRunOperation];
