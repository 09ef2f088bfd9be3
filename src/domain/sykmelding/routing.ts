/**
 * What happens to a rule status after the rules, never inside them (reference §1 and §7.3). Each
 * function is a lookup that returns a new value: a tree's result is never changed.
 */
import { withStatus, type RuleStatus, type TreeResult } from '../rules/tree.ts';
import type { Periode } from './model.ts';

/** Paper sykmeldinger registered by NAV: a refusal becomes manual processing, same outcome and texts. */
const PAPIR: Record<RuleStatus, RuleStatus> = { OK: 'OK', INVALID: 'MANUAL_PROCESSING', MANUAL_PROCESSING: 'MANUAL_PROCESSING' };

/** A copy of a tree's result as paper mode reports it (its juridisk vurdering follows the status). */
export function asPapirsykmelding<T extends TreeResult>(result: T): T {
  return withStatus(result, PAPIR[result.status]);
}

type Routing = 'OK' | 'INVALID';

/** MANUAL_PROCESSING is published as OK, marked "under behandling" (reference §8). */
const ROUTING: Record<RuleStatus, Routing> = { OK: 'OK', MANUAL_PROCESSING: 'OK', INVALID: 'INVALID' };

/**
 * How a sykmelding is routed after the rules: only INVALID is rejected, and one with a treatment-day
 * period is routed as OK whatever the rules said (NAV's intake since 2026-06-16, reference §7.3).
 */
export function routedStatus(status: RuleStatus, sykmelding: { perioder: Pick<Periode, 'type'>[] }): Routing {
  if (sykmelding.perioder.some((p) => p.type === 'BEHANDLINGSDAGER')) return 'OK';
  return ROUTING[status];
}
