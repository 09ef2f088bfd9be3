/**
 * The legeerklæring operations (docs/legeerklaering.md), one module each:
 *  - POST QuestionnaireResponse/$legeerklaering-dry-run   intake checks and rules, nothing stored (dry-run.ts)
 *  - POST QuestionnaireResponse/$legeerklaering-submit    stored with its receipt Task; the receipt is the answer (submit.ts)
 */
import type { FhirOperation } from '../index.ts';
import { legeerklaeringDryRunOperation } from './dry-run.ts';
import { legeerklaeringSubmitOperation } from './submit.ts';

export const legeerklaeringOperations: FhirOperation[] = [legeerklaeringDryRunOperation, legeerklaeringSubmitOperation];
