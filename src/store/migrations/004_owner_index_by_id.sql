-- The owner indexes lead with the id, so a lookup on resource_type alone cannot use them. With
-- (resource_type, id) the planner, misled by stale statistics for a resource type that has just
-- started to grow, scanned every index row of that type per candidate instead of using the lookup index.
DROP INDEX sp_string_owner;
CREATE INDEX sp_string_owner ON sp_string (id, resource_type);
DROP INDEX sp_token_owner;
CREATE INDEX sp_token_owner ON sp_token (id, resource_type);
DROP INDEX sp_date_owner;
CREATE INDEX sp_date_owner ON sp_date (id, resource_type);
DROP INDEX sp_number_owner;
CREATE INDEX sp_number_owner ON sp_number (id, resource_type);
DROP INDEX sp_quantity_owner;
CREATE INDEX sp_quantity_owner ON sp_quantity (id, resource_type);
DROP INDEX sp_reference_owner;
CREATE INDEX sp_reference_owner ON sp_reference (id, resource_type);
DROP INDEX sp_uri_owner;
CREATE INDEX sp_uri_owner ON sp_uri (id, resource_type);
