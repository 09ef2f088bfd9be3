/**
 * FHIR operations, one module each, registered from this one list. Each declares its name and
 * OperationDefinition (for the CapabilityStatement) and registers its routes under /fhir.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { FhirService } from '../../service/fhir-service.ts';
import type { RuleContext } from '../../domain/sykmelding/index.ts';
import type { Terminology } from '../../terminology/code-lists.ts';
import { sykmeldingOperations } from './sykmelding.ts';
import { terminologyOperations } from './terminology.ts';
import { validateOperation } from './validate.ts';
import { accessLogOperation } from './access-log.ts';
import type { AuditLog } from '../../audit/audit-log.ts';
import type { Permission } from '../../auth/scopes.ts';

export interface OperationDeps {
  /** The unrestricted service (domain logic); use serviceFor(request) for what the caller may see. */
  service: FhirService;
  serviceFor(request: FastifyRequest): FhirService;
  /** The public FHIR base URL as this request reached it (for absolute Location headers). */
  baseUrl(request: FastifyRequest): string;
  now(): Date;
  terminology: Terminology;
  audit: AuditLog;
  isKnownCode: RuleContext['isKnownCode'];
}

/** One permission an operation needs the token's scopes to grant (see src/auth/scopes.ts). */
export interface ScopeNeed {
  resourceType: string;
  permission: Permission;
}

export interface OperationDeclaration {
  name: string;
  definition: string;
  /** Types it applies to; undefined for system-level operations. */
  resourceTypes?: string[];
  /**
   * What the token's scopes must allow before the operation runs: what it reads and writes on the
   * caller's behalf, enforced for every route of the operation (operation-scopes.ts). Empty only for
   * an operation that reads and writes nothing stored.
   */
  scopes: ScopeNeed[];
}

/** A module of one or more operations: what it declares (for the CapabilityStatement and the scope check) and its routes, each ending in `$name`. */
export interface FhirOperation {
  declares: OperationDeclaration[];
  register(app: FastifyInstance, deps: OperationDeps): Promise<void>;
}

export const OPERATIONS: FhirOperation[] = [validateOperation, sykmeldingOperations, terminologyOperations, accessLogOperation];

export const declaredOperations = (): OperationDeclaration[] => OPERATIONS.flatMap((o) => o.declares);
