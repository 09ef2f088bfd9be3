-- An audit row may stand for several like events: refusals of unauthenticated requests are recorded
-- once per address, target and minute, with how many there were (src/audit/refusal-tally.ts).
ALTER TABLE audit_log ADD COLUMN count integer NOT NULL DEFAULT 1;
