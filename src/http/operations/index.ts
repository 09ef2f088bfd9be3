/**
 * FHIR operations, one module each, registered from this one list. Each declares its name and
 * OperationDefinition (for the CapabilityStatement and the scope check) and its routes, each a typed
 * handler that gets the caller's service (operation-routes.ts) and answers with a body.
 */
import type { FastifyRequest, RouteGenericInterface } from 'fastify';
import type { FhirService } from '../../service/fhir-service.ts';
import type { RuleContext } from '../../domain/sykmelding/index.ts';
import type { Terminology } from '../../terminology/code-lists.ts';
import type { Principal } from '../../access/principal.ts';
import { dialogOperations } from './dialog/index.ts';
import { legeerklaeringOperations } from './legeerklaering/index.ts';
import { sykmeldingOperations } from './sykmelding/index.ts';
import { terminologyOperations } from './terminology.ts';
import { validateOperation } from './validate.ts';
import { accessLogOperation } from './access-log.ts';
import type { AuditLog } from '../../audit/audit-log.ts';
import type { Permission } from '../../access/scopes.ts';

/** What every operation may use besides the caller's service. There is no unrestricted service here. */
export interface OperationDeps {
  /** The public FHIR base URL as this request reached it (for absolute Location headers). */
  baseUrl(request: FastifyRequest): string;
  now(): Date;
  terminology: Terminology;
  audit: AuditLog;
  isKnownCode: RuleContext['isKnownCode'];
}

/** One permission an operation needs the token's scopes to grant (see src/access/scopes.ts). */
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

/** What a handler is given for one request. */
export interface OperationContext<R extends RouteGenericInterface = RouteGenericInterface> {
  request: FastifyRequest<R>;
  /**
   * The caller's service, bound to the request's principal: what it reads is what the caller may
   * see, what it writes is checked as theirs. What the server must read whoever asks is asked for
   * by name, with `service.unrestricted(reason)`, in the domain code (src/sykmelding/caller-actions.ts).
   */
  service: FhirService;
  /** The caller; undefined without authentication (--insecure-dev). */
  principal: Principal | undefined;
  deps: OperationDeps;
}

/** A handler's answer: a FHIR JSON body, 200 unless `status` says otherwise. */
export interface OperationReply {
  body: unknown;
  status?: number;
  headers?: Record<string, string>;
}

/** One route of an operation; its URL ends in `$name`. */
export interface OperationRoute<R extends RouteGenericInterface = RouteGenericInterface> {
  method: 'GET' | 'POST' | Array<'GET' | 'POST'>;
  url: string;
  handle(ctx: OperationContext<R>): Promise<OperationReply>;
}

/** A typed route (the request's params, query and body as the handler reads them). */
export function operationRoute<R extends RouteGenericInterface>(method: OperationRoute['method'], url: string, handle: (ctx: OperationContext<R>) => Promise<OperationReply>): OperationRoute {
  return { method, url, handle } as OperationRoute<R> as OperationRoute;
}

/** A module of one or more operations: what it declares and its routes. */
export interface FhirOperation {
  declares: OperationDeclaration[];
  routes: OperationRoute[];
}

export const OPERATIONS: FhirOperation[] = [validateOperation, ...sykmeldingOperations, ...legeerklaeringOperations, ...dialogOperations, terminologyOperations, accessLogOperation];

export const declaredOperations = (): OperationDeclaration[] => OPERATIONS.flatMap((o) => o.declares);
