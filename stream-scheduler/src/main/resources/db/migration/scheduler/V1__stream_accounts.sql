-- stream-scheduler's own tables (schema "scheduler"). The outbox and processed_event tables come
-- from the platform's migrations.

-- Connections as the scheduler learns them from connection.events and session.status.
CREATE TABLE stream_connection (
    connection_id   uuid PRIMARY KEY,
    app_id          uuid        NOT NULL,
    -- ConnectionLifecycleChanged(CREATED).streamEnabled; null until that event arrives
    stream_enabled  boolean,
    disconnected_at timestamptz
);

-- Accounts by who owns them (AccountsLinked), for finding them by account number or connection.
-- Written once per link; apart from stream_account so that firing, which rewrites a
-- stream_account row per run, does not also rewrite these indexes (it halves the cost of a run).
CREATE TABLE account_ref (
    account_id     uuid PRIMARY KEY,
    app_id         uuid NOT NULL,
    connection_id  uuid NOT NULL,
    account_number text NOT NULL
);
CREATE INDEX account_ref_by_number ON account_ref (app_id, account_number);
CREATE INDEX account_ref_by_connection ON account_ref (connection_id);

-- One row per account: whose it is, its Stream schedule, the refresh in flight. Only the primary
-- key and the due index: every firing rewrites the row.
CREATE TABLE stream_account (
    account_id          uuid PRIMARY KEY,
    app_id              uuid        NOT NULL,
    connection_id       uuid        NOT NULL,
    account_number      text        NOT NULL,
    data_types          text[]      NOT NULL DEFAULT '{}',
    active              boolean     NOT NULL,
    -- whether the app itself set the Stream state (then a late "stream disabled" leaves it alone)
    set_by_client       boolean     NOT NULL DEFAULT false,
    schedule_type       text,
    data_type           text,
    -- canonical schedule_details (ScheduleDetails.describe)
    schedule_details    jsonb       NOT NULL DEFAULT '{}',
    next_bill_date      date,
    bill_anchor_day     smallint,
    -- when the schedule fires next; null when nothing fires by itself (inactive, manual, paused)
    next_run_at         timestamptz,
    -- the refresh in flight (one at a time per account)
    job_id              uuid,
    job_trigger         text,
    job_data_type       text,
    job_scheduled_for   timestamptz,
    job_fired_at        timestamptz,
    job_late_by_ms      bigint,
    -- consecutive refreshes refused for credentials or MFA (40101, 40102); reset by a login that works
    credential_failures int         NOT NULL DEFAULT 0,
    paused_at           timestamptz,
    -- the last completed (or skipped) attempt, in stream_attempt
    last_job_id         uuid,
    updated_at          timestamptz NOT NULL
);

-- The firing index: only rows with something due are in it.
CREATE INDEX stream_account_due ON stream_account (next_run_at) WHERE next_run_at IS NOT NULL;

-- Every attempt that ended (or was skipped), with what happens next.
CREATE TABLE stream_attempt (
    job_id                 uuid PRIMARY KEY,
    account_id             uuid        NOT NULL,
    trigger                text        NOT NULL,
    data_type              text,
    scheduled_for          timestamptz NOT NULL,
    fired_at               timestamptz,
    late_by_ms             bigint      NOT NULL DEFAULT 0,
    -- success, no_new_data, reconnection_failed, failed, skipped
    result                 text        NOT NULL,
    fresh_data             boolean     NOT NULL DEFAULT false,
    completed_at           timestamptz NOT NULL,
    code                   int,
    message                text,
    mfa_required           boolean,
    mfa_last_prompt        timestamptz,
    mfa_failure_reason     text,
    next_scheduled_attempt timestamptz
);
CREATE INDEX stream_attempt_by_account ON stream_attempt (account_id, completed_at DESC);
