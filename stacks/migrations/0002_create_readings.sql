-- Meter readings, one row per account and timestamp.
CREATE TABLE readings (
  account_id  bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  taken_at    timestamptz NOT NULL,
  watt_hours  numeric(14, 3) NOT NULL CHECK (watt_hours >= 0),
  PRIMARY KEY (account_id, taken_at)
);
CREATE INDEX readings_taken_at_idx ON readings (taken_at);
