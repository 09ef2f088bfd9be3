/**
 * The write hooks the server installs, in one list (see WriteHook in fhir-service.ts). A feature
 * that attaches behaviour to a kind of write adds its hook here.
 */
import type { WriteHook } from './fhir-service.ts';

export const WRITE_HOOKS: WriteHook[] = [];
