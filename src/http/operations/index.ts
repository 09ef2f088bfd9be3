/**
 * FHIR operations, one module each, registered from this one list. Each declares its name and
 * OperationDefinition (for the CapabilityStatement) and registers its routes under /fhir.
 */
import type { FastifyInstance } from 'fastify';
import type { FhirService } from '../../service/fhir-service.ts';
import { validateOperation } from './validate.ts';

export interface OperationDeps {
  service: FhirService;
}

export interface FhirOperation {
  name: string;
  definition: string;
  /** Types it applies to; undefined for system-level operations. */
  resourceTypes?: string[];
  register(app: FastifyInstance, deps: OperationDeps): Promise<void>;
}

export const OPERATIONS: FhirOperation[] = [validateOperation];
