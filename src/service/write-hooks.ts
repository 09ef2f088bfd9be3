/**
 * The write hooks the server installs, in one list (see WriteHook in fhir-service.ts). A feature
 * that attaches behaviour to a kind of write adds its hook here.
 */
import { sykmeldingWriteHook } from '../sykmelding/write-hook.ts';
import { terminologyWriteHook } from '../terminology/write-hook.ts';
import type { Terminology } from '../terminology/code-lists.ts';
import type { WriteHook } from './fhir-service.ts';

export interface HookDeps {
  now(): Date;
  terminology: Terminology;
}

export function createWriteHooks(deps: HookDeps): WriteHook[] {
  return [
    sykmeldingWriteHook({ now: deps.now, isKnownCode: deps.terminology.isKnownCode }),
    terminologyWriteHook(deps.terminology),
  ];
}
