-- One-time grants of the built-in authorisation server: authorisation codes, refresh tokens and
-- launch contexts. Kept in the database so a restart or another node honours them. Only the SHA-256
-- of each value is stored. A redeemed row stays (used_at set) until it expires, so that a second
-- redemption is recognised as a replay; a replay revokes every grant of its family (the code and
-- the refresh tokens that descend from it).
CREATE TABLE auth_grant (
  hash text PRIMARY KEY,          -- hex SHA-256 of the code, token or launch value
  kind text NOT NULL,             -- 'code', 'refresh' or 'launch'
  family text NOT NULL,           -- the code and its refresh tokens share one
  client_id text,                 -- the client it was issued to (none for a launch)
  body text NOT NULL,             -- JSON: what redeeming it yields
  expires timestamptz NOT NULL,
  used_at timestamptz,
  revoked_at timestamptz
);
CREATE INDEX auth_grant_family ON auth_grant (family);
CREATE INDEX auth_grant_expires ON auth_grant (expires);
