-- An administrator's decision to keep an election's volunteers past the retention period for a while
-- (a recount in court, say): the nightly purge leaves them until the day after until_day. One row per
-- election; a new decision replaces the old one (each is in personal_data_audit).
create table retention_postponement (
    election_id  varchar(40)  not null,
    until_day    date         not null,
    reason       varchar(500) not null,
    postponed_by varchar(190) not null,
    postponed_at datetime(6)  not null,
    primary key (election_id)
) engine = InnoDB;

-- The purge and its announcement find an election's volunteers still holding personal data; without
-- this every batch and every count scanned the whole volunteer table.
create index ix_volunteer_retention on volunteer (registered_for_election, erased_at);
