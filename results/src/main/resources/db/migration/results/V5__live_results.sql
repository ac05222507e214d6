-- The newest waiting final count's totals beside its votes (latest_votes), so the live results' unverified view
-- reads a station's provisional numbers from this table alone.
alter table station_contest
    add column latest_valid_ballots    bigint after latest_votes,
    add column latest_invalid_ballots  bigint after latest_valid_ballots,
    add column latest_no_vote_ballots  bigint after latest_invalid_ballots,
    add column latest_ballots_used     bigint after latest_no_vote_ballots,
    add index ix_station_contest_election (election_id, id);

-- Media outlets that read the results API, each with its own key (kept only as its SHA-256) and rate.
create table media_outlet (
    id               bigint        not null auto_increment,
    name             varchar(200)  not null,
    contact          varchar(320),
    key_hash         char(64)      not null,
    key_hint         varchar(12)   not null,  -- the key's first characters, to tell keys apart on the admin page
    per_minute       int           not null,
    created_by       varchar(190)  not null,
    created_at       datetime(6)   not null,
    revoked_at       datetime(6),
    primary key (id),
    constraint uk_media_outlet_key unique (key_hash)
) engine = InnoDB;

-- Official results as the election commission published them, per constituency and contest, for comparison.
create table official_result (
    id               bigint        not null auto_increment,
    election_id      varchar(40)   not null,
    constituency_id  bigint        not null,
    contest_code     varchar(40)   not null,
    votes            varchar(4000) not null,  -- per ballot number, as in station_report
    valid_ballots    bigint        not null,
    invalid_ballots  bigint        not null,
    no_vote_ballots  bigint        not null,
    ballots_used     bigint        not null,
    source           varchar(200)  not null,
    imported_by      varchar(190)  not null,
    imported_at      datetime(6)   not null,
    primary key (id),
    constraint uk_official_result unique (election_id, constituency_id, contest_code)
) engine = InnoDB;
