/** Identifier systems used by HL7 Norway's no-basis profiles and the KITH/Volven code lists. */
export const IdentifierSystem = {
  FNR: 'urn:oid:2.16.578.1.12.4.1.4.1',
  DNR: 'urn:oid:2.16.578.1.12.4.1.4.2',
  HPR: 'urn:oid:2.16.578.1.12.4.1.4.4',
  HER: 'urn:oid:2.16.578.1.12.4.1.2',
  ORGNR: 'urn:oid:2.16.578.1.12.4.1.4.101',
  RESH: 'urn:oid:2.16.578.1.12.4.1.4.102',
} as const;
