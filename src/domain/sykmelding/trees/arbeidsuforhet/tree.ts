import { ftrl, invalid, node, ok, type TreeDefinition } from '../../../rules/tree.ts';
import type { ArbeidsuforhetOutcome, ArbeidsuforhetRule } from './definitions.ts';

const juridisk = ftrl('8-4', 1);

const bidiagnose = node<ArbeidsuforhetRule, ArbeidsuforhetOutcome>('UGYLDIG_KODEVERK_FOR_BIDIAGNOSE', invalid('UGYLDIG_KODEVERK_FOR_BIDIAGNOSE', juridisk), ok(juridisk));

/** Tree 4, ftrl. § 8-4 first ledd. */
export const arbeidsuforhetTree: TreeDefinition<ArbeidsuforhetRule, ArbeidsuforhetOutcome> = {
  name: 'ARBEIDSUFORHET',
  title: 'Arbeidsuførhet',
  juridisk,
  root: node('HOVEDDIAGNOSE_MANGLER',
    node('FRAVAERSGRUNN_MANGLER', invalid('FRAVAERSGRUNN_MANGLER', juridisk), bidiagnose),
    node('UGYLDIG_KODEVERK_FOR_HOVEDDIAGNOSE', invalid('UGYLDIG_KODEVERK_FOR_HOVEDDIAGNOSE', juridisk),
      node('ICPC_2_Z_DIAGNOSE', invalid('ICPC_2_Z_DIAGNOSE', juridisk), bidiagnose))),
};
