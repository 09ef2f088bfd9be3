/**
 * The FHIR REST API under /fhir. Each route turns the HTTP request into an Interaction (the same
 * data the bundle processor builds) and hands it to the service; replies go through sendFhir.
 */
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { badRequest, type FhirError, methodNotAllowed, notFound } from '../../fhir/outcome.ts';
import { processBundle } from '../../service/bundle-processor.ts';
import type { FhirService } from '../../service/fhir-service.ts';
import { parseETag } from '../../service/fhir-response.ts';
import { executeInteraction, toInteraction, type Interaction } from '../../service/interactions.ts';
import { parseJsonBody, parameterPairs } from '../json-body.ts';
import { checkFormat, FHIR_JSON, preferences, sendFhir } from '../fhir-reply.ts';
import { declaredOperations, OPERATIONS, type OperationDeps } from '../operations/index.ts';
import { registerOperation } from '../operations/operation-routes.ts';

interface FhirRoutesOptions {
  service: FhirService;
  operationDeps: Omit<OperationDeps, 'baseUrl'>;
  bodyLimit: number;
  maxJsonDepth: number;
  maxBundleEntries: number;
  publicBaseUrl?: string;
  capabilityStatement: () => Record<string, unknown>;
}

type Params = { type?: string; id?: string; vid?: string };

const JSON_TYPES = ['application/fhir+json', 'application/json', 'application/json-patch+json'];

/** The FHIR routes as a plugin that needs authentication (each request's principal) and the metrics' labels. */
export const fhirRoutes = fp(registerFhirRoutes, {
  name: 'helsebro-fhir-routes', dependencies: ['helsebro-auth', 'helsebro-hardening'], decorators: { request: ['principal', 'fhirLabel'] }, encapsulate: true,
});

async function registerFhirRoutes(app: FastifyInstance, options: FhirRoutesOptions): Promise<void> {
  const { service } = options;
  /** The service as the caller sees it (access rules and scopes), see src/access/. */
  const serviceFor = (request: FastifyRequest) => (request.principal ? service.forPrincipal(request.principal) : service);

  // Only JSON bodies are accepted; anything else is answered 415 by the error handler.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(JSON_TYPES, { parseAs: 'string', bodyLimit: options.bodyLimit }, (_req, body, done) => {
    try {
      done(null, parseJsonBody(body as string, options.maxJsonDepth));
    } catch (err) {
      done(err as Error, undefined);
    }
  });
  // Form-encoded POST _search bodies.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: options.bodyLimit }, (_req, body, done) => {
    try {
      done(null, parameterPairs(body as string));
    } catch (err) {
      done(err as Error, undefined);
    }
  });

  const baseUrl = (request: FastifyRequest) => options.publicBaseUrl ?? `${request.protocol}://${request.host}/fhir`;

  const run = async (request: FastifyRequest, reply: FastifyReply, interaction: Interaction) => {
    checkFormat(request);
    request.fhirLabel = { interaction: interaction.kind, resourceType: 'type' in interaction ? (interaction.type ?? '') : '' };
    const response = await executeInteraction(serviceFor(request), interaction, { baseUrl: baseUrl(request) });
    return sendFhir(request, reply, response);
  };

  // A NUL in the URL was refused for every route before this (plugins/hardening.ts).
  const rawQuery = (request: FastifyRequest) => request.url.split('?')[1] ?? '';
  const queryOf = (request: FastifyRequest): Array<[string, string]> => [...new URLSearchParams(rawQuery(request))];
  const ifMatch = (request: FastifyRequest) => {
    const v = parseETag(request.headers['if-match'] as string | undefined);
    if (Number.isNaN(v)) throw badRequest(`If-Match '${String(request.headers['if-match']).slice(0, 40)}' is not a version ETag like W/"3"`);
    return v;
  };
  const lenient = (request: FastifyRequest) => preferences(request).lenient;

  app.get('/metadata', async (request, reply) => {
    request.fhirLabel = { interaction: 'capabilities', resourceType: '' };
    checkFormat(request);
    const statement = options.capabilityStatement();
    return reply.type(FHIR_JSON).send(JSON.stringify(statement, null, (request.query as Record<string, string>)._pretty === 'true' ? 2 : undefined));
  });

  app.post('/', async (request, reply) => {
    checkFormat(request);
    const type = (request.body as { type?: unknown })?.type;
    request.fhirLabel = { interaction: type === 'batch' || type === 'transaction' ? type : 'bundle', resourceType: 'Bundle' };
    const body = await processBundle(serviceFor(request), request.body, {
      baseUrl: baseUrl(request),
      returnMinimal: preferences(request).return === 'minimal',
      maxEntries: options.maxBundleEntries,
    });
    return sendFhir(request, reply, { status: 200, body });
  });

  app.get('/', (request, reply) => run(request, reply, { kind: 'search', params: queryOf(request), lenient: lenient(request) }));
  app.get('/_history', (request, reply) => run(request, reply, { kind: 'history', params: queryOf(request) }));
  app.get('/_search', (request, reply) => run(request, reply, { kind: 'search', params: queryOf(request), lenient: lenient(request) }));
  app.post('/_search', (request, reply) => run(request, reply, { kind: 'search', params: formParams(request), lenient: lenient(request) }));

  app.get<{ Params: Params }>('/:type', (request, reply) =>
    run(request, reply, { kind: 'search', type: request.params.type, params: queryOf(request), lenient: lenient(request) }));
  app.post<{ Params: Params }>('/:type/_search', (request, reply) =>
    run(request, reply, { kind: 'search', type: request.params.type, params: [...queryOf(request), ...formParams(request)], lenient: lenient(request) }));
  app.post<{ Params: Params }>('/:type', (request, reply) =>
    run(request, reply, {
      kind: 'create', type: request.params.type!, body: request.body,
      ifNoneExist: request.headers['if-none-exist'] as string | undefined,
    }));
  app.put<{ Params: Params }>('/:type', (request, reply) =>
    run(request, reply, toInteraction('PUT', `${request.params.type}?${rawQuery(request)}`, request.body)));
  app.delete<{ Params: Params }>('/:type', (request, reply) =>
    run(request, reply, toInteraction('DELETE', `${request.params.type}?${rawQuery(request)}`, undefined)));
  app.get<{ Params: Params }>('/:type/_history', (request, reply) =>
    run(request, reply, { kind: 'history', type: request.params.type, params: queryOf(request) }));

  app.get<{ Params: Params }>('/:type/:id', (request, reply) => {
    // `$name` is an operation, never an id: one served here by another method is 405, an unknown one 404.
    if (request.params.id!.startsWith('$')) throw operationNotServed(request.params.id!, 'GET');
    return run(request, reply, { kind: 'read', type: request.params.type!, id: request.params.id! });
  });
  app.put<{ Params: Params }>('/:type/:id', (request, reply) =>
    run(request, reply, { kind: 'update', type: request.params.type!, id: request.params.id!, body: request.body, ifMatch: ifMatch(request) }));
  app.patch<{ Params: Params }>('/:type/:id', (request, reply) =>
    run(request, reply, { kind: 'patch', type: request.params.type!, id: request.params.id!, body: request.body, ifMatch: ifMatch(request) }));
  app.delete<{ Params: Params }>('/:type/:id', (request, reply) =>
    run(request, reply, { kind: 'delete', type: request.params.type!, id: request.params.id!, ifMatch: ifMatch(request) }));
  app.get<{ Params: Params }>('/:type/:id/_history', (request, reply) =>
    run(request, reply, { kind: 'history', type: request.params.type, id: request.params.id, params: queryOf(request) }));
  app.get<{ Params: Params }>('/:type/:id/_history/:vid', (request, reply) =>
    run(request, reply, { kind: 'vread', type: request.params.type!, id: request.params.id!, versionId: request.params.vid! }));

  // Every operation's handler gets the caller's service (operation-routes.ts).
  const deps = { ...options.operationDeps, baseUrl };
  for (const operation of OPERATIONS) await registerOperation(app, operation, { deps, serviceFor });
}

const OPERATION_NAMES = new Set(declaredOperations().map((o) => o.name));

function operationNotServed(segment: string, method: string): FhirError {
  const name = segment.slice(1, 65);
  if (OPERATION_NAMES.has(name)) return methodNotAllowed(`$${name} is not invoked with ${method} here; see the CapabilityStatement for how to call it`);
  return notFound(`Unknown operation '$${name}'`);
}

function formParams(request: FastifyRequest): Array<[string, string]> {
  const body = request.body;
  if (body === undefined || body === null) return [];
  if (Array.isArray(body) && body.every((p) => Array.isArray(p) && p.length === 2)) return body as Array<[string, string]>;
  throw badRequest('POST _search takes application/x-www-form-urlencoded parameters');
}
