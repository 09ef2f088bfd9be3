/** The eight trees, in NAV's evaluation order. */
import { suspensjonTree } from './suspensjon.ts';
import { valideringTree } from './validering.ts';
import { perioderTree } from './perioder.ts';
import { hprTree } from './hpr.ts';
import { arbeidsuforhetTree } from './arbeidsuforhet.ts';
import { pasientUnder13Tree } from './pasient-under-13.ts';
import { datoTree } from './dato.ts';
import { tilbakedateringTree } from './tilbakedatering.ts';
import type { RuleTree } from '../../rules/tree.ts';
import type { RulePayload } from '../payload.ts';

export const TREES: ReadonlyArray<RuleTree<string, string, RulePayload>> = [
  suspensjonTree,
  valideringTree,
  perioderTree,
  hprTree,
  arbeidsuforhetTree,
  pasientUnder13Tree,
  datoTree,
  tilbakedateringTree,
] as ReadonlyArray<RuleTree<string, string, RulePayload>>;
