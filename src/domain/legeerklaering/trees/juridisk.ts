/**
 * The legal reference on the legeerklæring trees. NAV's legeerklæring rules (pale-2-regler) put
 * none on any leaf, so we follow the sykmelding trees kind for kind:
 * - the suspension and validation trees carry none, exactly as the sykmelding's suspension and
 *   validation trees do (the sykmelding's under-13 rule rests on ftrl. § 8-3, an age limit for
 *   sickness benefit that does not govern a legeerklæring, so here it stays in the validation tree
 *   without one);
 * - the HPR checks (the pre-check and the HPR tree) carry ftrl. § 21-4: where the sykmelding's HPR
 *   tree cites the documentation rule for sickness benefit (§ 8-7), the legeerklæring is information
 *   NAV obtains from a health professional under § 21-4.
 */
import { ftrl } from '../../rules/tree.ts';

export const HPR_JURIDISK = ftrl('21-4');
