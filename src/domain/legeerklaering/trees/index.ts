/** The legeerklæring trees in NAV's order: the HPR pre-check, then Legesuspensjon → HPR → Validering. */
import { bindTree, findTree, type BoundTree } from '../../rules/sequence.ts';
import type { LegeerklaeringRuleInput } from '../payload.ts';
import { behandlerIHprRules } from './behandler-i-hpr/rules.ts';
import { toBehandlerIHprPayload } from './behandler-i-hpr/payload.ts';
import { behandlerIHprTree } from './behandler-i-hpr/tree.ts';
import { hprRules } from './hpr/rules.ts';
import { toHprPayload } from './hpr/payload.ts';
import { hprTree } from './hpr/tree.ts';
import { legesuspensjonRules } from './legesuspensjon/rules.ts';
import { toLegesuspensjonPayload } from './legesuspensjon/payload.ts';
import { legesuspensjonTree } from './legesuspensjon/tree.ts';
import { valideringRules } from './validering/rules.ts';
import { toValideringPayload } from './validering/payload.ts';
import { valideringTree } from './validering/tree.ts';

export type LegeerklaeringTree = BoundTree<LegeerklaeringRuleInput>;

export const TREES: ReadonlyArray<LegeerklaeringTree> = [
  bindTree(behandlerIHprTree, behandlerIHprRules, toBehandlerIHprPayload),
  bindTree(legesuspensjonTree, legesuspensjonRules, toLegesuspensjonPayload),
  bindTree(hprTree, hprRules, toHprPayload),
  bindTree(valideringTree, valideringRules, toValideringPayload),
];

/** A tree by its name (`HPR`, `VALIDERING`, …). */
export const treeNamed = (name: string): LegeerklaeringTree => findTree(TREES, name);
