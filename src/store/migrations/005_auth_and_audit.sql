-- The built-in authorisation server's signing keys (one process signs, every process verifies).
CREATE TABLE auth_key (
  kid text PRIMARY KEY,
  private_jwk text NOT NULL,
  public_jwk text NOT NULL,
  created timestamptz NOT NULL DEFAULT now()
);

-- Registered client applications (SMART apps, backend systems) and their public keys.
CREATE TABLE auth_client (
  client_id text PRIMARY KEY,
  name text NOT NULL,
  kind text NOT NULL,            -- 'public' (PKCE, browser apps) or 'confidential' (private_key_jwt)
  jwks text,                     -- JSON Web Key Set for private_key_jwt
  scopes text NOT NULL,          -- the most a token for this client may carry
  redirect_uris text NOT NULL DEFAULT '',
  created timestamptz NOT NULL DEFAULT now()
);

-- Client assertion ids already used (replay protection), kept until they expire.
CREATE TABLE auth_jti (
  jti text PRIMARY KEY,
  expires timestamptz NOT NULL
);

-- Every access (read, search, write, operation, denied attempt). Append-only: the API serves it as
-- AuditEvent but never writes it; rows are inserted in groups before the responses are sent.
CREATE TABLE audit_log (
  id text PRIMARY KEY,
  recorded timestamptz NOT NULL,
  agent_role text NOT NULL,
  agent_id text NOT NULL,
  agent_name text,
  on_behalf_of text,
  client_id text,
  action text NOT NULL,          -- C R U D E (FHIR AuditEvent.action)
  interaction text NOT NULL,
  resource_type text,
  resource_id text,
  query text,
  patient_ids text[] NOT NULL DEFAULT '{}',
  purpose text,
  outcome text NOT NULL,         -- '0' success, '4' minor failure (denied), '8' serious failure
  status integer NOT NULL,
  source_ip text,
  request_id text
);
CREATE INDEX audit_log_patients ON audit_log USING gin (patient_ids);
CREATE INDEX audit_log_recorded ON audit_log (recorded);

-- FHIR's Patient CompartmentDefinition as rows (filled from the definition at startup): a resource
-- of `resource_type` belongs to a patient's compartment when its `param` reference points at them.
CREATE TABLE compartment_param (
  resource_type text NOT NULL,
  param text NOT NULL,
  PRIMARY KEY (resource_type, param)
);
