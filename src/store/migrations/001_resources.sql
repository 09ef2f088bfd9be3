-- Resources and their versions. `content` is the exact JSON served to clients (meta included), kept
-- as text so reads stream it without re-serialising. The current version lives in `resource`; every
-- version, including deletions, lives in `resource_history`.
CREATE TABLE resource (
  resource_type text        NOT NULL,
  id            text        NOT NULL,
  version_id    integer     NOT NULL,
  last_updated  timestamptz NOT NULL,
  deleted       boolean     NOT NULL DEFAULT false,
  content       text,
  PRIMARY KEY (resource_type, id)
);
CREATE INDEX resource_last_updated ON resource (resource_type, last_updated);

CREATE TABLE resource_history (
  resource_type text        NOT NULL,
  id            text        NOT NULL,
  version_id    integer     NOT NULL,
  last_updated  timestamptz NOT NULL,
  deleted       boolean     NOT NULL DEFAULT false,
  method        text        NOT NULL,
  content       text,
  PRIMARY KEY (resource_type, id, version_id)
);
CREATE INDEX resource_history_time ON resource_history (last_updated);
CREATE INDEX resource_history_type_time ON resource_history (resource_type, last_updated);

-- Search index: one table per SearchParameter type. Rows are derived from the resource's current
-- version and rewritten in the same transaction as the resource. `param` is the SearchParameter code.
CREATE TABLE sp_string (
  resource_type text NOT NULL,
  id            text NOT NULL,
  param         text NOT NULL,
  value         text NOT NULL,  -- normalised: lower case, accents removed (for default and :contains)
  exact         text NOT NULL   -- as written (for :exact)
);
CREATE INDEX sp_string_lookup ON sp_string (resource_type, param, value text_pattern_ops);
CREATE INDEX sp_string_owner ON sp_string (resource_type, id);

CREATE TABLE sp_token (
  resource_type text NOT NULL,
  id            text NOT NULL,
  param         text NOT NULL,
  system        text,
  code          text,
  display       text            -- normalised text, for :text
);
CREATE INDEX sp_token_lookup ON sp_token (resource_type, param, code, system);
CREATE INDEX sp_token_owner ON sp_token (resource_type, id);

CREATE TABLE sp_date (
  resource_type text        NOT NULL,
  id            text        NOT NULL,
  param         text        NOT NULL,
  low           timestamptz,  -- start of the value's implicit range (null = open)
  high          timestamptz   -- end of the value's implicit range (null = open)
);
CREATE INDEX sp_date_lookup ON sp_date (resource_type, param, low, high);
CREATE INDEX sp_date_owner ON sp_date (resource_type, id);

CREATE TABLE sp_number (
  resource_type text    NOT NULL,
  id            text    NOT NULL,
  param         text    NOT NULL,
  value         numeric NOT NULL,
  low           numeric NOT NULL, -- value ± half a unit of its stated precision
  high          numeric NOT NULL
);
CREATE INDEX sp_number_lookup ON sp_number (resource_type, param, value);
CREATE INDEX sp_number_owner ON sp_number (resource_type, id);

CREATE TABLE sp_quantity (
  resource_type text    NOT NULL,
  id            text    NOT NULL,
  param         text    NOT NULL,
  value         numeric NOT NULL,
  low           numeric NOT NULL,
  high          numeric NOT NULL,
  system        text,
  code          text,
  unit          text
);
CREATE INDEX sp_quantity_lookup ON sp_quantity (resource_type, param, value);
CREATE INDEX sp_quantity_owner ON sp_quantity (resource_type, id);

CREATE TABLE sp_reference (
  resource_type text NOT NULL,
  id            text NOT NULL,
  param         text NOT NULL,
  target_type   text,          -- set for relative and resolvable references
  target_id     text,
  url           text           -- absolute/canonical references, and the raw value
);
CREATE INDEX sp_reference_lookup ON sp_reference (resource_type, param, target_id, target_type);
CREATE INDEX sp_reference_target ON sp_reference (target_type, target_id);
CREATE INDEX sp_reference_url ON sp_reference (resource_type, param, url);
CREATE INDEX sp_reference_owner ON sp_reference (resource_type, id);

CREATE TABLE sp_uri (
  resource_type text NOT NULL,
  id            text NOT NULL,
  param         text NOT NULL,
  value         text NOT NULL
);
CREATE INDEX sp_uri_lookup ON sp_uri (resource_type, param, value);
CREATE INDEX sp_uri_owner ON sp_uri (resource_type, id);
