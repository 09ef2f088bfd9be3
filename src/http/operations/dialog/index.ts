/**
 * The NAV ⇄ doctor dialogue operations (docs/dialog.md), one module each:
 *  - POST Task/$send-request          NAV sends a request, routed from stored data (send-request.ts)
 *  - POST Task/{id}/$answer           the addressed doctor answers (answer.ts)
 *  - POST Task/{id}/$cancel-request   NAV withdraws it (cancel-request.ts)
 *  - GET  Task/$inbox | Task/$outbox  the doctor's and NAV's lists (lists.ts)
 */
import type { FhirOperation } from '../index.ts';
import { answerOperation } from './answer.ts';
import { cancelRequestOperation } from './cancel-request.ts';
import { listOperations } from './lists.ts';
import { sendRequestOperation } from './send-request.ts';

export const dialogOperations: FhirOperation[] = [sendRequestOperation, answerOperation, cancelRequestOperation, listOperations];
