-- Date searches also test overlap with a range type: its statistics estimate how many rows a
-- window matches far better than separate low/high bounds do, so the planner drives the search
-- from the index instead of walking every resource in id order.
ALTER TABLE sp_date ADD COLUMN span tstzrange GENERATED ALWAYS AS (tstzrange(low, high, '[]')) STORED;
CREATE INDEX sp_date_span ON sp_date USING gist (span);
