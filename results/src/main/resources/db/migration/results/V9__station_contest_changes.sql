-- Every application node reads which station contests were written lately, to keep its live results current with
-- the other nodes' decisions (ContestChangeFeed). The index covers that read (the primary key rides along), so it
-- touches no row.
alter table station_contest add index ix_station_contest_updated (updated_at, election_id, version);
