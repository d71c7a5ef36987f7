-- pipeline-worker's own tables (schema "pipeline"). The outbox and processed_event tables come from
-- the platform's migrations.

-- A connection as the pipeline knows it: whose it is, which provider, and its own sealed copy of the
-- credentials (AES-GCM, associated data 'credentials:' || connection_id), needed for every refresh.
CREATE TABLE connection (
    connection_id          UUID PRIMARY KEY,
    app_id                 TEXT        NOT NULL,
    provider_id            UUID        NOT NULL,
    user_id                TEXT        NOT NULL,
    username               TEXT,
    credentials_key_id     TEXT,
    credentials_nonce      BYTEA,
    credentials_ciphertext BYTEA,
    -- account numbers the user picked at an account selection; refreshes answer it with these
    selected_accounts      TEXT[],
    disconnected_at        TIMESTAMPTZ,
    created_at             TIMESTAMPTZ NOT NULL,
    updated_at             TIMESTAMPTZ NOT NULL
);

-- One login or refresh run. `step` is what happens next; `status_code` the last seed-002 status
-- emitted. A worker claims a due session by taking its lease; every step commits its new state
-- together with the events it emits, guarded by `version`, so a step done twice (a worker died,
-- another took over) is committed once.
CREATE TABLE session (
    session_id        UUID PRIMARY KEY,
    connection_id     UUID        NOT NULL,
    app_id            TEXT        NOT NULL,
    provider_id       UUID        NOT NULL,
    kind              TEXT        NOT NULL,
    job_id            TEXT,
    account_id        UUID,
    data_types        TEXT[]      NOT NULL,
    window_from       TIMESTAMPTZ,
    window_to         TIMESTAMPTZ,
    step              TEXT        NOT NULL,
    status_code       INT         NOT NULL,
    status_at         TIMESTAMPTZ NOT NULL,
    due_at            TIMESTAMPTZ,
    lease_owner       TEXT,
    lease_until       TIMESTAMPTZ,
    version           BIGINT      NOT NULL DEFAULT 0,
    progress          JSONB       NOT NULL DEFAULT '{}',
    -- the provider's token for this session (sealed, associated data 'access:' || session_id)
    access_key_id     TEXT,
    access_nonce      BYTEA,
    access_ciphertext BYTEA,
    -- the user's answer waiting to be sent to the provider (sealed by connection-service, associated
    -- data = connection_id), dropped once sent
    answer_key_id     TEXT,
    answer_nonce      BYTEA,
    answer_ciphertext BYTEA,
    callback_secret   TEXT,
    created_at        TIMESTAMPTZ NOT NULL,
    updated_at        TIMESTAMPTZ NOT NULL
);
-- What the runners poll: sessions with work due.
CREATE INDEX session_due ON session (due_at) WHERE step <> 'DONE' AND due_at IS NOT NULL;
-- What the watchdog scans: sessions that have not moved.
CREATE INDEX session_open ON session (status_at) WHERE step <> 'DONE';
CREATE INDEX session_connection ON session (connection_id);

-- Documents as the provider served them, from Loading to Structuring ("the datalake"); dropped when
-- the session ends.
CREATE TABLE raw_document (
    session_id     UUID    NOT NULL,
    seq            INT     NOT NULL,
    kind           TEXT    NOT NULL,
    account_number TEXT,
    content        BYTEA   NOT NULL,
    PRIMARY KEY (session_id, seq)
);

-- Provider data. Every record row carries `stored_seq`, one value per insert batch from
-- ingest_seq; an account and data type's watermark is the highest stored_seq delivered, so "never
-- delivered" is stored_seq > watermark. Inserts and deliveries for an account lock its watermark
-- rows, so a batch never becomes visible below a watermark already passed.
CREATE SEQUENCE ingest_seq;

CREATE TABLE account (
    account_id       UUID PRIMARY KEY, -- name-based (v3) from connection_id:account_number: stable
    connection_id    UUID        NOT NULL,
    app_id           TEXT        NOT NULL,
    provider_id      UUID        NOT NULL,
    account_number   TEXT        NOT NULL,
    name             TEXT,
    kind             TEXT        NOT NULL,
    data_types       TEXT[]      NOT NULL,
    unit             TEXT,
    interval_seconds INT,
    tz_offset        INT,
    dst_offset       INT,
    dst_start_rule   BIGINT,
    dst_end_rule     BIGINT,
    details          JSONB,        -- the bank's account description (product, masked number, ...)
    stored_seq       BIGINT,       -- when it was first stored as a bank account record
    created_at       TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL,
    UNIQUE (connection_id, account_number)
);
CREATE INDEX account_provider ON account (provider_id, kind);
CREATE INDEX account_app ON account (app_id);

-- A reading is its account, data type (this table) and interval start.
CREATE TABLE interval_reading (
    account_id       UUID        NOT NULL,
    start_time       TIMESTAMPTZ NOT NULL,
    duration_seconds INT         NOT NULL,
    usage            NUMERIC     NOT NULL,
    unit             TEXT        NOT NULL,
    quality          TEXT,
    stored_seq       BIGINT      NOT NULL,
    PRIMARY KEY (account_id, start_time)
);
CREATE INDEX interval_reading_stored ON interval_reading (account_id, stored_seq);

CREATE TABLE bill (
    account_id     UUID        NOT NULL,
    period_start   TIMESTAMPTZ NOT NULL,
    period_end     TIMESTAMPTZ NOT NULL,
    amount         NUMERIC,
    currency       TEXT        NOT NULL,
    usage          NUMERIC,
    unit           TEXT,
    due_date       DATE,
    next_bill_date DATE,
    stored_seq     BIGINT      NOT NULL,
    PRIMARY KEY (account_id, period_start)
);

-- A balance is stored when it differs from the account's latest one: an unchanged balance is no new data.
CREATE TABLE bank_balance (
    account_id        UUID        NOT NULL,
    as_of             TIMESTAMPTZ NOT NULL,
    current_balance   NUMERIC     NOT NULL,
    available_balance NUMERIC,
    currency          TEXT        NOT NULL,
    stored_seq        BIGINT      NOT NULL,
    PRIMARY KEY (account_id, as_of)
);

CREATE TABLE bank_transaction (
    account_id     UUID        NOT NULL,
    transaction_id TEXT        NOT NULL,
    status         TEXT        NOT NULL,
    posting_time   TIMESTAMPTZ,
    execution_time TIMESTAMPTZ,
    amount         NUMERIC     NOT NULL,
    currency       TEXT        NOT NULL,
    description    TEXT        NOT NULL,
    type           TEXT,
    reference      TEXT,
    stored_seq     BIGINT      NOT NULL,
    PRIMARY KEY (account_id, transaction_id)
);
CREATE INDEX bank_transaction_time ON bank_transaction (account_id, posting_time);
CREATE INDEX bank_transaction_stored ON bank_transaction (account_id, stored_seq);

-- The bank customer document (seed 001 USER_INFO): stored, shown through the data API, not streamed.
CREATE TABLE bank_customer (
    connection_id UUID PRIMARY KEY,
    customer      JSONB       NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL
);

-- Per account and data type: how far delivery has gone.
CREATE TABLE watermark (
    account_id        UUID        NOT NULL,
    data_type         TEXT        NOT NULL,
    delivered_seq     BIGINT      NOT NULL DEFAULT 0,
    delivered_records BIGINT      NOT NULL DEFAULT 0,
    latest_record_at  TIMESTAMPTZ,  -- the newest record time delivered (where a refresh fetches from)
    last_delivered_at TIMESTAMPTZ,
    last_session_id   UUID,
    PRIMARY KEY (account_id, data_type)
);

-- What each session delivered, so its data link lists exactly that.
CREATE TABLE delivery (
    session_id   UUID        NOT NULL,
    account_id   UUID        NOT NULL,
    data_type    TEXT        NOT NULL,
    after_seq    BIGINT      NOT NULL,
    through_seq  BIGINT      NOT NULL,
    window_from  TIMESTAMPTZ, -- a Rewind also delivers the records of its window delivered before
    window_to    TIMESTAMPTZ,
    new_records  BIGINT      NOT NULL,
    overlapping  BIGINT      NOT NULL,
    delivered_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (session_id, account_id, data_type)
);

-- Seed 001's per-data-type extraction state of each connection.
CREATE TABLE extraction_state (
    connection_id UUID        NOT NULL,
    data_type     TEXT        NOT NULL,
    status        TEXT        NOT NULL,
    reference_id  TEXT,
    last_success  TIMESTAMPTZ,
    last_updated  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (connection_id, data_type)
);

-- The latest result of each Processing substage per account.
CREATE TABLE processing_result (
    account_id  UUID        NOT NULL,
    substage    TEXT        NOT NULL,
    session_id  UUID        NOT NULL,
    computed_at TIMESTAMPTZ NOT NULL,
    result      JSONB       NOT NULL,
    PRIMARY KEY (account_id, substage)
);

-- Each utility account's average daily usage (from Insights), what Benchmarking ranks an account
-- against among the accounts of the same provider and kind, without reloading their readings.
CREATE TABLE account_usage (
    account_id          UUID PRIMARY KEY,
    provider_id         UUID        NOT NULL,
    kind                TEXT        NOT NULL,
    average_daily_usage NUMERIC,
    unit                TEXT        NOT NULL,
    computed_at         TIMESTAMPTZ NOT NULL
);
CREATE INDEX account_usage_peers ON account_usage (provider_id, kind);
