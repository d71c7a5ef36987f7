-- The window a Rewind session was asked to fetch, shown in the connection's session history.
ALTER TABLE session ADD COLUMN rewind_from TIMESTAMPTZ;
ALTER TABLE session ADD COLUMN rewind_to TIMESTAMPTZ;
