-- Station count reports: one row per report as sent, never changed except its status. A retried
-- submission carries the same idempotency key, and the unique key makes it one report.
create table station_report (
    id                 bigint        not null auto_increment,
    election_id        varchar(40)   not null,
    station_id         bigint        not null,
    constituency_id    bigint        not null,
    contest_code       varchar(40)   not null,
    final_count        boolean       not null,
    idempotency_key    varchar(80)   not null,
    volunteer_id       bigint,                  -- who counted (the station's volunteer or its lead)
    submitted_by       varchar(190)  not null,
    votes              varchar(4000) not null,  -- "number=votes" pairs in number order, e.g. 1=120;2=90
    votes_hash         char(64)      not null,  -- of the votes, to find identical counts at other stations
    valid_ballots      bigint        not null,
    invalid_ballots    bigint        not null,
    no_vote_ballots    bigint        not null,
    ballots_used       bigint        not null,
    warnings           varchar(1000),           -- codes of the warnings the volunteer confirmed
    status             varchar(20)   not null,  -- RECEIVED; later VERIFIED, REJECTED, SUPERSEDED
    submitted_at       datetime(6)   not null,
    primary key (id),
    constraint uk_station_report_key unique (election_id, idempotency_key),
    index ix_station_report_station (station_id, contest_code, final_count),
    index ix_station_report_votes (election_id, contest_code, votes_hash),
    index ix_station_report_constituency (constituency_id, contest_code)
) engine = InnoDB;
