CREATE TABLE counter (
    name  TEXT PRIMARY KEY,
    value BIGINT NOT NULL
);
CREATE TABLE applied (
    event_id   TEXT NOT NULL,
    topic      TEXT NOT NULL,
    key        TEXT,
    applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
