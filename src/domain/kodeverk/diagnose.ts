/** Diagnoses as both forms carry them: a code in a Volven code system, with its text. */

/** Code systems for diagnoses (Volven OIDs, without the `urn:oid:` prefix). */
export const DiagnoseSystem = {
  ICPC2: '2.16.578.1.12.4.1.1.7170',
  ICPC2B: '2.16.578.1.12.4.1.1.7171',
  ICD10: '2.16.578.1.12.4.1.1.7110',
} as const;

export interface Diagnose {
  /** One of DiagnoseSystem, or whatever the sender wrote (the rules reject unknown systems). */
  system: string;
  kode: string;
  tekst?: string;
}
