-- A national identifier names one person or one health worker: among the current resources of a type
-- at most one carries a given fødselsnummer or D-nummer (Patient) or HPR number (Practitioner), so
-- nobody can make a second Patient with another person's number and reach that person's history
-- through it. A deleted resource has no index rows, so it holds no number. Enforced by the store
-- itself, atomically with the write and under concurrent writers (src/store/national-identity.ts
-- names the same systems). A store holding such duplicates must have them merged before this applies.
CREATE UNIQUE INDEX sp_token_national_identity ON sp_token (resource_type, system, code)
  WHERE param = 'identifier' AND (
    (resource_type = 'Patient' AND system IN ('urn:oid:2.16.578.1.12.4.1.4.1', 'urn:oid:2.16.578.1.12.4.1.4.2'))
    OR (resource_type = 'Practitioner' AND system = 'urn:oid:2.16.578.1.12.4.1.4.4'));
