-- The newest waiting final count's votes, kept on the station contest when it is decided, so that close
-- races are counted from this table alone (a correlated look-up into the reports took minutes nationally).
alter table station_contest add column latest_votes varchar(4000) after votes;
