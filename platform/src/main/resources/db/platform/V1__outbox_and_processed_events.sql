-- Platform tables, present in every service's own schema; tracked in platform_schema_history,
-- apart from the service's own migrations.

-- Events written in the same transaction as the state change they announce; relayed to Kafka
-- in id order by OutboxRelay and then deleted.
CREATE TABLE outbox (
    id          BIGSERIAL PRIMARY KEY,
    topic       TEXT        NOT NULL,
    message_key TEXT,
    event_id    TEXT        NOT NULL,
    event_type  TEXT        NOT NULL,
    payload     BYTEA       NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Per-key counters behind the gap-free `sequence` carried by events about one connection.
CREATE TABLE outbox_sequence (
    sequence_key TEXT PRIMARY KEY,
    last_value   BIGINT NOT NULL
);

-- Event ids a consumer has already applied, written in the transaction that applied them.
CREATE TABLE processed_event (
    consumer     TEXT        NOT NULL,
    event_id     TEXT        NOT NULL,
    processed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);
CREATE INDEX processed_event_age ON processed_event (processed_at);
