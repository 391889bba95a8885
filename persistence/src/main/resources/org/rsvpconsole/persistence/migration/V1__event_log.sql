-- The RSVP Console history (docs/persistence.md). ${binary} is VARBINARY on H2 and BYTEA on PostgreSQL.
CREATE TABLE store_meta (
    name VARCHAR(64) NOT NULL PRIMARY KEY,
    val VARCHAR(256) NOT NULL
);
INSERT INTO store_meta (name, val) VALUES ('format', 'RSVP_CONSOLE_HISTORY');
INSERT INTO store_meta (name, val) VALUES ('format_version', '1');

-- Append-only: rows are only ever inserted. id is the global order, seq the order within a stream; both are
-- contiguous from 1 (the writer assigns them, one thread, inside the committing transaction).
CREATE TABLE event_log (
    id BIGINT NOT NULL PRIMARY KEY,
    stream VARCHAR(128) NOT NULL,
    seq BIGINT NOT NULL,
    at_nanos BIGINT NOT NULL,
    kind VARCHAR(32) NOT NULL,
    node VARCHAR(128) NOT NULL,
    session_key VARCHAR(80) NOT NULL,
    summary VARCHAR(400) NOT NULL,
    payload ${binary} NOT NULL,
    CONSTRAINT event_log_stream_seq UNIQUE (stream, seq)
);
CREATE INDEX event_log_at ON event_log (at_nanos);

-- Topology versions: the entry that introduced each one.
CREATE TABLE topology_version (
    version INT NOT NULL PRIMARY KEY,
    entry_id BIGINT NOT NULL,
    at_nanos BIGINT NOT NULL,
    name VARCHAR(256) NOT NULL
);

-- The reduced network state after entry last_id (NetworkStateReducer), taken every N entries.
CREATE TABLE state_snapshot (
    last_id BIGINT NOT NULL PRIMARY KEY,
    at_nanos BIGINT NOT NULL,
    payload ${binary} NOT NULL
);
