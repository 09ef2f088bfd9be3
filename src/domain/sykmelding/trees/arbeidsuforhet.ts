import { invalid, node, ok, type RuleTree } from '../../rules/tree.ts';
import { DiagnoseSystem, type Diagnose } from '../model.ts';
import type { OutcomeName } from '../outcomes.ts';
import type { RulePayload } from '../payload.ts';

type Rule = 'HOVEDDIAGNOSE_MANGLER' | 'FRAVAERSGRUNN_MANGLER' | 'UGYLDIG_KODEVERK_FOR_HOVEDDIAGNOSE' | 'ICPC_2_Z_DIAGNOSE' | 'UGYLDIG_KODEVERK_FOR_BIDIAGNOSE';

const KNOWN_SYSTEMS = new Set<string>([DiagnoseSystem.ICPC2, DiagnoseSystem.ICPC2B, DiagnoseSystem.ICD10]);

/** A known system, and a code its list knows (or the list is not loaded: only the system is checked). */
function validDiagnosis(p: RulePayload, d: Diagnose): boolean {
  if (!KNOWN_SYSTEMS.has(d.system)) return false;
  return p.context.isKnownCode?.(d.system, d.kode) !== false;
}

const bidiagnose = node<Rule, OutcomeName>('UGYLDIG_KODEVERK_FOR_BIDIAGNOSE', invalid('UGYLDIG_KODEVERK_FOR_BIDIAGNOSE'), ok());

export const arbeidsuforhetTree: RuleTree<Rule, OutcomeName, RulePayload> = {
  name: 'ARBEIDSUFORHET',
  title: 'Arbeidsuførhet',
  juridisk: { lov: 'Folketrygdloven', paragraf: '8-4', ledd: 1 },
  root: node('HOVEDDIAGNOSE_MANGLER',
    node('FRAVAERSGRUNN_MANGLER', invalid('FRAVAERSGRUNN_MANGLER'), bidiagnose),
    node('UGYLDIG_KODEVERK_FOR_HOVEDDIAGNOSE', invalid('UGYLDIG_KODEVERK_FOR_HOVEDDIAGNOSE'),
      node('ICPC_2_Z_DIAGNOSE', invalid('ICPC_2_Z_DIAGNOSE'), bidiagnose))),
  rules: {
    HOVEDDIAGNOSE_MANGLER: (p) => ({ result: !p.sykmelding.hoveddiagnose, inputs: { hoveddiagnose: p.sykmelding.hoveddiagnose } }),
    FRAVAERSGRUNN_MANGLER: (p) => {
      const a = p.sykmelding.annenFravarsgrunn;
      return { result: !a || (a.grunner.length === 0 && !a.beskrivelse?.trim()), inputs: { annenFravarsgrunn: a } };
    },
    UGYLDIG_KODEVERK_FOR_HOVEDDIAGNOSE: (p) => ({ result: !validDiagnosis(p, p.sykmelding.hoveddiagnose!), inputs: {} }),
    ICPC_2_Z_DIAGNOSE: (p) => {
      const d = p.sykmelding.hoveddiagnose!;
      return { result: (d.system === DiagnoseSystem.ICPC2 || d.system === DiagnoseSystem.ICPC2B) && d.kode.toUpperCase().startsWith('Z'), inputs: {} };
    },
    UGYLDIG_KODEVERK_FOR_BIDIAGNOSE: (p) => ({ result: p.sykmelding.bidiagnoser.some((d) => !validDiagnosis(p, d)), inputs: { bidiagnoser: p.sykmelding.bidiagnoser } }),
  },
};
