-- Client apps and their API tokens. Tokens are stored only as SHA-256 hashes: they are 192-bit
-- random secrets, so a fast hash is enough, and a leaked table reveals no usable token.
CREATE TABLE app (
    app_id     UUID PRIMARY KEY,
    name       TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE api_token (
    token_id   UUID PRIMARY KEY,
    app_id     UUID        NOT NULL REFERENCES app (app_id),
    token_hash BYTEA       NOT NULL UNIQUE,
    hint       TEXT        NOT NULL, -- the first characters, to tell tokens apart in listings
    created_at TIMESTAMPTZ NOT NULL,
    revoked_at TIMESTAMPTZ
);
CREATE INDEX api_token_app ON api_token (app_id);
