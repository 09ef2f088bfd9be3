/** How a sykmelding operation is declared: its OperationDefinition and what the token's scopes must allow (operation-scopes.ts). */
import type { Permission } from '../../../access/scopes.ts';
import type { OperationDeclaration, ScopeNeed } from '../index.ts';

const OP_BASE = 'https://helsebro.no/fhir/OperationDefinition/';

export const QR = 'QuestionnaireResponse';

export const need = (resourceType: string, permission: Permission): ScopeNeed => ({ resourceType, permission });

/** The patient's actions and the views read the sykmelding and its status Task (the status is the server's to write). */
export const READS_SYKMELDING = [need(QR, 'r'), need('Task', 'r')];

export const declaration = (type: string, name: string, scopes: ScopeNeed[]): OperationDeclaration => ({ name, definition: `${OP_BASE}${type}-${name}`, resourceTypes: [type], scopes });
