-- The index tables' leading columns are strongly correlated: a token code belongs to one
-- (resource_type, param), a target type to one reference parameter. Without statistics on the
-- combination the planner multiplies their selectivities as if independent and expects one row
-- where there are thousands (every sykmelding status Task has the same code), then drives a
-- chained search from that "one row" instead of from the patient it names: 50 ms instead of 1.5 ms
-- at a thousand Tasks, growing with every sykmelding. Lists of the most common combinations (mcv)
-- fix the estimates and add little to ANALYZE (functional-dependency statistics over the same
-- columns were tried too: six times the ANALYZE time for the same plans).
CREATE STATISTICS sp_token_combined (mcv) ON resource_type, param, code FROM sp_token;
CREATE STATISTICS sp_reference_combined (mcv) ON resource_type, param, target_type FROM sp_reference;
CREATE STATISTICS sp_string_combined (mcv) ON resource_type, param FROM sp_string;
CREATE STATISTICS sp_date_combined (mcv) ON resource_type, param FROM sp_date;
CREATE STATISTICS sp_number_combined (mcv) ON resource_type, param FROM sp_number;
CREATE STATISTICS sp_quantity_combined (mcv) ON resource_type, param, code FROM sp_quantity;
CREATE STATISTICS sp_uri_combined (mcv) ON resource_type, param FROM sp_uri;
