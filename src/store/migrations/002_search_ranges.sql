-- Range searches bound the upper end of a value too (ge, gt, sa): index it.
CREATE INDEX sp_date_high ON sp_date (resource_type, param, high);
