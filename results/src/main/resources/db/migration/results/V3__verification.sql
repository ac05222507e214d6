-- Where each station's contest stands, one row from its first report on. The verified numbers live here
-- (version 0: none yet); the row is also the war room's queue item and the lock every decision on the
-- station's contest takes, so two reports or two verifiers never decide at once.
create table station_contest (
    id               bigint        not null auto_increment,
    election_id      varchar(40)   not null,
    station_id       bigint        not null,
    constituency_id  bigint        not null,
    contest_code     varchar(40)   not null,
    state            varchar(20)   not null,  -- PARTIAL, FINAL, CONFLICT, VERIFIED
    in_queue         boolean       not null,  -- waits for the war room
    queue_rank       tinyint       not null,  -- 0 conflict, 1 close race, 2 the rest: the queue's order, then oldest
    queued_at        datetime(6),
    close_race       boolean       not null default false,
    claimed_by       varchar(190),
    claim_expires_at datetime(6),
    version          int           not null default 0,
    votes            varchar(4000),           -- the verified numbers (null before version 1)
    valid_ballots    bigint,
    invalid_ballots  bigint,
    no_vote_ballots  bigint,
    ballots_used     bigint,
    verified_at      datetime(6),
    updated_at       datetime(6)   not null,
    primary key (id),
    constraint uk_station_contest unique (station_id, contest_code),
    index ix_station_contest_queue (election_id, in_queue, queue_rank, queued_at),
    index ix_station_contest_constituency (constituency_id, contest_code)
) engine = InnoDB;

-- Every decision on a station's contest, never changed: who, when, what, why. A step with a version
-- made those numbers the verified ones; rejections and re-openings have none.
create table verification_step (
    id                 bigint        not null auto_increment,
    station_contest_id bigint        not null,
    version            int,
    action             varchar(20)   not null,  -- AGREEMENT, LEAD_CONFIRMED, APPROVED, CORRECTED, REJECTED, REOPENED
    report_id          bigint,
    votes              varchar(4000),
    valid_ballots      bigint,
    invalid_ballots    bigint,
    no_vote_ballots    bigint,
    ballots_used       bigint,
    actor              varchar(190)  not null,
    reason             varchar(500),
    taken_at           datetime(6)   not null,
    primary key (id),
    index ix_verification_step_contest (station_contest_id, id)
) engine = InnoDB;
