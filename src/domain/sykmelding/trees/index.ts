/** The eight trees, in NAV's evaluation order, each with its rules and its own payload. */
import { arbeidsuforhetRules } from './arbeidsuforhet/rules.ts';
import { toArbeidsuforhetPayload } from './arbeidsuforhet/payload.ts';
import { arbeidsuforhetTree } from './arbeidsuforhet/tree.ts';
import { datoRules } from './dato/rules.ts';
import { toDatoPayload } from './dato/payload.ts';
import { datoTree } from './dato/tree.ts';
import { hprRules } from './hpr/rules.ts';
import { toHprPayload } from './hpr/payload.ts';
import { hprTree } from './hpr/tree.ts';
import { pasientUnder13Rules } from './pasient-under-13/rules.ts';
import { toPasientUnder13Payload } from './pasient-under-13/payload.ts';
import { pasientUnder13Tree } from './pasient-under-13/tree.ts';
import { perioderRules } from './perioder/rules.ts';
import { toPerioderPayload } from './perioder/payload.ts';
import { perioderTree } from './perioder/tree.ts';
import { suspensjonRules } from './suspensjon/rules.ts';
import { toSuspensjonPayload } from './suspensjon/payload.ts';
import { suspensjonTree } from './suspensjon/tree.ts';
import { findTree } from '../../rules/sequence.ts';
import { sykmeldingTree, type SykmeldingTree } from './sykmelding-tree.ts';
import { tilbakedateringRules } from './tilbakedatering/rules.ts';
import { toTilbakedateringPayload } from './tilbakedatering/payload.ts';
import { tilbakedateringTree } from './tilbakedatering/tree.ts';
import { valideringRules } from './validering/rules.ts';
import { toValideringPayload } from './validering/payload.ts';
import { valideringTree } from './validering/tree.ts';

export type { SykmeldingTree } from './sykmelding-tree.ts';

export const TREES: ReadonlyArray<SykmeldingTree> = [
  sykmeldingTree(suspensjonTree, suspensjonRules, toSuspensjonPayload),
  sykmeldingTree(valideringTree, valideringRules, toValideringPayload),
  sykmeldingTree(perioderTree, perioderRules, toPerioderPayload),
  sykmeldingTree(hprTree, hprRules, toHprPayload),
  sykmeldingTree(arbeidsuforhetTree, arbeidsuforhetRules, toArbeidsuforhetPayload),
  sykmeldingTree(pasientUnder13Tree, pasientUnder13Rules, toPasientUnder13Payload),
  sykmeldingTree(datoTree, datoRules, toDatoPayload),
  sykmeldingTree(tilbakedateringTree, tilbakedateringRules, toTilbakedateringPayload),
];

/** A tree by its name (`HPR`, `TILBAKEDATERING`, …). */
export const treeNamed = (name: string): SykmeldingTree => findTree(TREES, name);
