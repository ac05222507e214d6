-- Who stands where on election day, in all three tiers. One row per placed volunteer and election:
-- the first unique key is what makes double booking impossible, the second what keeps a slot to one
-- person, whatever the concurrency of runs and manual edits.
create table assignment (
    id              bigint       not null auto_increment,
    election_id     varchar(40)  not null,
    volunteer_id    bigint       not null,
    organisation_id bigint       not null,  -- the volunteer's organisation, for its coverage table
    tier            varchar(20)  not null,  -- STATION, CONSTITUENCY_LEAD, WAR_ROOM
    place_id        bigint       not null,  -- a station, a constituency or a war-room shift, by tier
    position        int          not null,  -- station: 1 primary, 2 backup; lead or seat number otherwise
    constituency_id bigint,                 -- of the station or the lead role, for leads' and coverage views
    province_code   varchar(10),
    state           varchar(20)  not null,  -- PROPOSED, CONFIRMED
    source          varchar(10)  not null,  -- AUTO, MANUAL
    distance_km     double,
    run_id          bigint,
    link_nonce      char(22),               -- carried by the confirm / decline links; cleared once used
    assigned_at     datetime(6)  not null,
    assigned_by     varchar(190) not null,
    notified_at     datetime(6),
    responded_at    datetime(6),
    checked_in_at   datetime(6),
    reminded_eve_at datetime(6),
    reminded_day_at datetime(6),
    version         bigint       not null,
    primary key (id),
    constraint uk_assignment_volunteer unique (election_id, volunteer_id),
    constraint uk_assignment_slot unique (election_id, tier, place_id, position),
    index ix_assignment_constituency (constituency_id, tier, position),
    index ix_assignment_province (election_id, province_code),
    index ix_assignment_organisation (organisation_id, election_id),
    index ix_assignment_run (run_id)
) engine = InnoDB;

-- Every change, with who, when and why: assignments themselves keep only the present.
create table assignment_history (
    id           bigint        not null auto_increment,
    election_id  varchar(40)   not null,
    volunteer_id bigint        not null,
    tier         varchar(20)   not null,
    place_id     bigint        not null,
    position     int           not null,
    action       varchar(20)   not null,
    at           datetime(6)   not null,
    actor        varchar(190)  not null,
    reason       varchar(500),
    primary key (id),
    index ix_assignment_history_volunteer (volunteer_id, at),
    index ix_assignment_history_place (election_id, tier, place_id)
) engine = InnoDB;

-- A volunteer who declined is not offered again by automatic runs of that election (a person may still).
create table assignment_decline (
    election_id  varchar(40) not null,
    volunteer_id bigint      not null,
    at           datetime(6) not null,
    primary key (election_id, volunteer_id)
) engine = InnoDB;

-- Tier 3: the war room's seats, by shift. Times in UTC.
create table war_room_shift (
    id          bigint       not null auto_increment,
    election_id varchar(40)  not null,
    name        varchar(100) not null,
    starts_at   datetime(6)  not null,
    ends_at     datetime(6)  not null,
    seats       int          not null,
    primary key (id),
    index ix_war_room_shift_election (election_id, starts_at)
) engine = InnoDB;

-- Automatic runs: what was asked, how far it got, what it found.
create table assignment_run (
    id              bigint       not null auto_increment,
    election_id     varchar(40)  not null,
    scope           varchar(20)  not null,  -- ELECTION, PROVINCE, CONSTITUENCY
    scope_code      varchar(40),
    organisation_id bigint,                 -- a coordinator's run places only their volunteers
    mode            varchar(10)  not null,  -- FILL, REPLAN
    status          varchar(10)  not null,  -- RUNNING, DONE, FAILED
    phase           varchar(40)  not null,
    progress        int          not null,
    started_by      varchar(190) not null,
    started_at      datetime(6)  not null,
    finished_at     datetime(6),
    report          mediumtext,
    error           varchar(1000),
    primary key (id),
    index ix_assignment_run_election (election_id, started_at)
) engine = InnoDB;

-- One automatic run per election at a time: the row is the lock.
create table assignment_run_lock (
    election_id varchar(40) not null,
    run_id      bigint      not null,
    primary key (election_id)
) engine = InnoDB;

-- Volunteers who asked for no reminders (from the link in any assignment mail).
create table reminder_opt_out (
    volunteer_id bigint      not null,
    at           datetime(6) not null,
    primary key (volunteer_id)
) engine = InnoDB;
