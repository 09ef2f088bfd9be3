import type { RuleFunctions } from '../../../rules/tree.ts';
import { DiagnoseSystem, type Diagnose } from '../../model.ts';
import type { ArbeidsuforhetRule } from './definitions.ts';
import type { ArbeidsuforhetPayload } from './payload.ts';

const KNOWN_SYSTEMS = new Set<string>([DiagnoseSystem.ICPC2, DiagnoseSystem.ICPC2B, DiagnoseSystem.ICD10]);
const ICPC = new Set<string>([DiagnoseSystem.ICPC2, DiagnoseSystem.ICPC2B]);

/**
 * A known system, and a code its list knows (or the list is not loaded: only the system is
 * checked). Codes are matched as written, as NAV does: `l03` is not the ICPC-2 code `L03`.
 */
function validDiagnosis(p: ArbeidsuforhetPayload, d: Diagnose): boolean {
  if (!KNOWN_SYSTEMS.has(d.system)) return false;
  return p.isKnownCode?.(d.system, d.kode) !== false;
}

const code = (d: Diagnose | undefined) => d && { system: d.system, kode: d.kode };

export const arbeidsuforhetRules: RuleFunctions<ArbeidsuforhetRule, ArbeidsuforhetPayload> = {
  HOVEDDIAGNOSE_MANGLER: (p) => ({ result: !p.hoveddiagnose, inputs: { hoveddiagnose: code(p.hoveddiagnose) } }),
  // A description alone is enough of another reason.
  FRAVAERSGRUNN_MANGLER: (p) => {
    const a = p.annenFravarsgrunn;
    return { result: !a || (a.grunner.length === 0 && !a.beskrivelse?.trim()), inputs: { annenFravarsgrunn: a } };
  },
  UGYLDIG_KODEVERK_FOR_HOVEDDIAGNOSE: (p) => ({ result: !validDiagnosis(p, p.hoveddiagnose!), inputs: { hoveddiagnose: code(p.hoveddiagnose) } }),
  // Z (social problems) in ICPC-2 and ICPC-2B only; ICD-10 Z codes are not caught.
  ICPC_2_Z_DIAGNOSE: (p) => {
    const d = p.hoveddiagnose!;
    return { result: ICPC.has(d.system) && d.kode.startsWith('Z'), inputs: { hoveddiagnose: code(d) } };
  },
  UGYLDIG_KODEVERK_FOR_BIDIAGNOSE: (p) => ({ result: p.bidiagnoser.some((d) => !validDiagnosis(p, d)), inputs: { bidiagnoser: p.bidiagnoser.map(code) } }),
};
