/**
 * The sykmelding operations (documented in docs/sykmelding.md), one module each:
 *  - POST QuestionnaireResponse/$submit      store + rules, answers with the receipt (submit.ts)
 *  - POST QuestionnaireResponse/$dry-run     rules only, nothing stored (dry-run.ts)
 *  - GET  QuestionnaireResponse/{id}/$status the receipt, lifecycle status and its history (status.ts)
 *  - POST QuestionnaireResponse/{id}/$send | $confirm | $cancel | $reopen   the patient's actions (patient-actions.ts)
 *  - GET  QuestionnaireResponse/{id}/$patient-view (patient-view.ts)
 *  - GET  QuestionnaireResponse/{id}/$employer-view?orgnr=…   only for a sykmelding sent to that employer (employer-view.ts)
 *  - POST Task/{id}/$decide                  a NAV caseworker's manual decision (decide.ts)
 */
import type { FhirOperation } from '../index.ts';
import { decideOperation } from './decide.ts';
import { dryRunOperation } from './dry-run.ts';
import { employerViewOperation } from './employer-view.ts';
import { patientActionOperations } from './patient-actions.ts';
import { patientViewOperation } from './patient-view.ts';
import { statusOperation } from './status.ts';
import { submitOperation } from './submit.ts';

export const sykmeldingOperations: FhirOperation[] = [
  submitOperation, dryRunOperation, statusOperation, patientActionOperations, patientViewOperation, employerViewOperation, decideOperation,
];
