-- Accounts of the offgridflow API.
CREATE TABLE accounts (
  id          bigserial PRIMARY KEY,
  email       text NOT NULL UNIQUE,
  display_name text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);
