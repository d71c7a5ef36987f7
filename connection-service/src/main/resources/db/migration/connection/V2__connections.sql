-- Providers the pipeline can connect to, as it catalogues them (ProviderCatalogued).
CREATE TABLE provider (
    provider_id   UUID PRIMARY KEY,
    name          TEXT        NOT NULL,
    kind          TEXT        NOT NULL,
    country       TEXT        NOT NULL,
    data_types    TEXT[]      NOT NULL,
    login_method  TEXT        NOT NULL,
    catalogued_at TIMESTAMPTZ NOT NULL
);

-- One link between an app's end user and a provider login, with its projections: the seed-000
-- context (connection_status, reason, timestamp) and the seed-001 state. Credentials are sealed
-- with AES-GCM (associated data: the connection id) and dropped on disconnection.
CREATE TABLE connection (
    connection_id          UUID PRIMARY KEY,
    app_id                 UUID        NOT NULL REFERENCES app (app_id),
    provider_id            UUID        NOT NULL,
    user_id                UUID        NOT NULL,
    username               TEXT        NOT NULL,
    requested_scopes       TEXT[],
    metrics                TEXT[],
    stream_enabled         BOOLEAN     NOT NULL,
    credentials_key_id     TEXT,
    credentials_nonce      BYTEA,
    credentials_ciphertext BYTEA,
    created_at             TIMESTAMPTZ NOT NULL,
    state                  TEXT        NOT NULL,
    connection_status      TEXT        NOT NULL,
    status_reason          TEXT        NOT NULL,
    status_timestamp       TIMESTAMPTZ NOT NULL,
    connected_at           TIMESTAMPTZ,
    disconnected_at        TIMESTAMPTZ,
    granted_scopes         TEXT[],
    extraction_json        TEXT        NOT NULL DEFAULT '[]',
    prompt_json            TEXT,
    prompt_answered_at     TIMESTAMPTZ,
    current_session_id     UUID        NOT NULL,
    current_session_open   BOOLEAN     NOT NULL DEFAULT true,
    last_sequence          BIGINT      NOT NULL DEFAULT 0
);
-- Listing: an app's connections in creation order (the cursor), optionally filtered.
CREATE INDEX connection_app_page ON connection (app_id, created_at, connection_id);
-- Re-linking the same login repairs the connection instead of duplicating it.
CREATE UNIQUE INDEX connection_login ON connection (app_id, user_id, provider_id, username);

-- The accounts (seed-000 entities) the latest session linked.
CREATE TABLE connection_account (
    connection_id  UUID    NOT NULL REFERENCES connection (connection_id),
    position       INT     NOT NULL,
    account_id     TEXT    NOT NULL,
    account_number TEXT    NOT NULL,
    name           TEXT,
    kind           TEXT,
    PRIMARY KEY (connection_id, position)
);

-- Connection-scoped access tokens (for an end user's front end): stored only as SHA-256 hashes.
CREATE TABLE connection_token (
    token_hash    BYTEA PRIMARY KEY,
    connection_id UUID        NOT NULL UNIQUE REFERENCES connection (connection_id),
    app_id        UUID        NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL
);

-- Sessions: the ones this service asked for (requested_at set) and the ones the pipeline ran on
-- its own (Stream refreshes), with the data outcome the pipeline reported for them.
CREATE TABLE session (
    session_id    UUID PRIMARY KEY,
    connection_id UUID        NOT NULL REFERENCES connection (connection_id),
    kind          TEXT        NOT NULL,
    requested_at  TIMESTAMPTZ,
    first_seen_at TIMESTAMPTZ NOT NULL,
    outcome_json  TEXT
);
CREATE INDEX session_connection ON session (connection_id, first_seen_at);

-- Every seed-002 transition as the pipeline reported it, once per (connection, sequence).
CREATE TABLE session_transition (
    connection_id   UUID        NOT NULL REFERENCES connection (connection_id),
    sequence        BIGINT      NOT NULL,
    session_id      UUID        NOT NULL,
    code            INT         NOT NULL,
    name            TEXT        NOT NULL,
    occurred_at     TIMESTAMPTZ NOT NULL,
    substage        TEXT,
    prompt_type     TEXT,
    failure_reason  TEXT,
    failure_message TEXT,
    retryable       BOOLEAN,
    PRIMARY KEY (connection_id, sequence)
);
CREATE INDEX session_transition_session ON session_transition (session_id, sequence);

-- Idempotency-Key: the first response to a key is kept (sealed: it may hold a connection token)
-- and answered again for the same request; another request under the same key is refused.
CREATE TABLE idempotent_request (
    app_id              UUID        NOT NULL,
    idempotency_key     TEXT        NOT NULL,
    request_hash        BYTEA       NOT NULL,
    status              INT         NOT NULL,
    response_key_id     TEXT        NOT NULL,
    response_nonce      BYTEA       NOT NULL,
    response_ciphertext BYTEA       NOT NULL,
    created_at          TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (app_id, idempotency_key)
);
CREATE INDEX idempotent_request_age ON idempotent_request (created_at);
