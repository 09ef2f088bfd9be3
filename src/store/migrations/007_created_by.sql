-- Who created each resource (the caller's stable subject, e.g. `hpr:9144889`), recorded when its
-- first version is written and kept through updates and deletion. Access policies read it: a doctor
-- may always read what they created themselves, even a Patient off their list or a deleted resource.
ALTER TABLE resource ADD COLUMN created_by text;
CREATE INDEX resource_created_by ON resource (created_by, resource_type) WHERE created_by IS NOT NULL;
