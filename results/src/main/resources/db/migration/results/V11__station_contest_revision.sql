-- Which write of a station contest a node has taken into its live results is told by a counter every write raises,
-- not by the row's time: written through MySQL Connector/J to MariaDB, datetime(6) keeps whole seconds only (the
-- driver reads MariaDB's "5.5.5-" version prefix as a server without fractional seconds), so two writes of one row
-- within a second looked the same. The covering index the nodes read changes with it.
alter table station_contest
    add column revision int not null default 0,
    drop index ix_station_contest_updated,
    add index ix_station_contest_updated (updated_at, election_id, revision);
