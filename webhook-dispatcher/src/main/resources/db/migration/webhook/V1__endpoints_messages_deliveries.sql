-- webhook-dispatcher's own tables (schema `webhook`).

-- An app's webhook endpoints. event_types NULL means every type. Deleted endpoints stay (status
-- 'deleted') so that their messages and attempts can still be explained; the API hides them.
CREATE TABLE endpoint (
    endpoint_id     UUID PRIMARY KEY,
    app_id          TEXT        NOT NULL,
    url             TEXT        NOT NULL,
    description     TEXT,
    event_types     TEXT[],
    ordered         BOOLEAN     NOT NULL DEFAULT FALSE,
    status          TEXT        NOT NULL,  -- enabled, disabled, deleted
    disabled_reason TEXT,                  -- manual, gone, failing
    disabled_at     TIMESTAMPTZ,
    failing_since   TIMESTAMPTZ,           -- first failed attempt since the last success
    secret_version  INT         NOT NULL,  -- bumped by every rotation (invalidates cached keys)
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX endpoint_app ON endpoint (app_id) WHERE status <> 'deleted';

-- Signing secrets, sealed with the platform's SecretCipher (associated data: the endpoint id). A
-- rotated-out secret keeps signing until expires_at, so receivers can switch without a gap.
CREATE TABLE endpoint_secret (
    endpoint_id UUID        NOT NULL REFERENCES endpoint (endpoint_id),
    version     INT         NOT NULL,
    key_id      TEXT        NOT NULL,
    nonce       BYTEA       NOT NULL,
    ciphertext  BYTEA       NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    expires_at  TIMESTAMPTZ,
    PRIMARY KEY (endpoint_id, version)
);

-- One row per webhook: an event turned into a typed payload for one app. message_id is the
-- `webhook-id` every attempt to every endpoint carries. (event_id, event_type) makes ingestion
-- idempotent: a redelivered Kafka event creates nothing.
CREATE TABLE message (
    id            BIGSERIAL PRIMARY KEY,
    message_id    TEXT        NOT NULL UNIQUE,
    app_id        TEXT        NOT NULL,
    event_type    TEXT        NOT NULL,
    event_id      TEXT        NOT NULL,
    connection_id TEXT,
    payload       TEXT        NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    UNIQUE (event_id, event_type)
);
CREATE INDEX message_app ON message (app_id, id);
CREATE INDEX message_created ON message (created_at);

-- A message on its way to one endpoint. A pending row is due at next_attempt_at; claiming it
-- moves next_attempt_at to the end of a lease, so a dispatcher that dies mid-attempt leaves it due
-- again later (at least once, same webhook-id). `round` grows with every replay, so a late result
-- of an older round cannot overwrite a newer one.
CREATE TABLE delivery (
    delivery_id      BIGSERIAL PRIMARY KEY,
    message_pk       BIGINT      NOT NULL REFERENCES message (id) ON DELETE CASCADE,
    endpoint_id      UUID        NOT NULL REFERENCES endpoint (endpoint_id),
    connection_id    TEXT,
    sequence         BIGINT,               -- per endpoint and connection: 1, 2, 3, ...
    ordered          BOOLEAN     NOT NULL DEFAULT FALSE, -- the endpoint's ordering, copied
    state            TEXT        NOT NULL, -- pending, delivered, failed, cancelled
    failure_reason   TEXT,                 -- exhausted, endpoint_disabled, endpoint_gone
    round            INT         NOT NULL DEFAULT 1,
    trigger          TEXT        NOT NULL DEFAULT 'event', -- event, replay
    attempts         INT         NOT NULL DEFAULT 0,       -- in the current round
    next_attempt_at  TIMESTAMPTZ,
    last_attempt_at  TIMESTAMPTZ,
    last_status_code INT,
    last_error       TEXT,
    created_at       TIMESTAMPTZ NOT NULL,
    finished_at      TIMESTAMPTZ
);
CREATE INDEX delivery_due ON delivery (endpoint_id, next_attempt_at) WHERE state = 'pending';
-- Only ordered endpoints need to find a connection's earlier pending deliveries.
CREATE INDEX delivery_ordered_pending ON delivery (endpoint_id, connection_id, sequence) WHERE state = 'pending' AND ordered;
CREATE INDEX delivery_message ON delivery (message_pk);
CREATE INDEX delivery_failed ON delivery (endpoint_id, finished_at) WHERE state = 'failed';

-- Counters behind delivery.sequence.
CREATE TABLE delivery_sequence (
    endpoint_id   UUID   NOT NULL,
    connection_id TEXT   NOT NULL,
    last_value    BIGINT NOT NULL,
    PRIMARY KEY (endpoint_id, connection_id)
);

-- Every HTTP attempt, successful or not.
CREATE TABLE attempt (
    attempt_id       BIGSERIAL PRIMARY KEY,
    delivery_id      BIGINT      NOT NULL REFERENCES delivery (delivery_id) ON DELETE CASCADE,
    attempted_at     TIMESTAMPTZ NOT NULL,
    outcome          TEXT        NOT NULL, -- delivered, rejected, gone, unreachable, refused
    status_code      INT,
    latency_ms       INT         NOT NULL,
    response_excerpt TEXT,
    error            TEXT,
    trigger          TEXT        NOT NULL,
    next_attempt_at  TIMESTAMPTZ
);
CREATE INDEX attempt_delivery ON attempt (delivery_id);
