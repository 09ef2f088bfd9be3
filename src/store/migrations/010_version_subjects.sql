-- Whom each version is about (`patients`: its compartment references to a Patient) and who wrote it
-- (`authors`: its authorship references to a Practitioner), from the version's own content, so
-- vread and history judge every version by what it said (src/store/version-subjects.ts). A
-- deletion carries its previous version's. Filled for existing versions by the code that runs with
-- this migration (src/store/backfill-version-subjects.ts); null only until then.
ALTER TABLE resource_history ADD COLUMN patients text[];
ALTER TABLE resource_history ADD COLUMN authors text[];
-- Without fastupdate: each version has one or two ids, and a pending list of unmerged entries would be
-- read in full by every lookup until vacuum merges it (1.5 ms per patient looked up at 20,000 versions).
CREATE INDEX resource_history_patients ON resource_history USING gin (patients) WITH (fastupdate = off);
CREATE INDEX resource_history_authors ON resource_history USING gin (authors) WITH (fastupdate = off);
