-- The quick count's sample of stations (issue 24, docs/quick-count.md): one per election, drawn by an administrator
-- from a seed; its commitment (SHA-256 of the canonical list) is public from the draw, the seed and list from the reveal.
create table quick_count_sample (
    election_id      varchar(40)   not null,
    seed             varchar(200)  not null,
    size             int           not null,
    margin           double        not null,  -- the planned half-width of the 95 % interval, on a share
    sigma            double        not null,  -- the planning value of the between-station spread it was sized with
    commitment       char(64)      not null,
    drawn_by         varchar(190)  not null,
    drawn_at         datetime(6)   not null,
    revealed_at      datetime(6),
    primary key (election_id)
) engine = InnoDB;

-- Its strata (provinces): stations in the election and drawn, as the estimator's weights need.
create table quick_count_stratum (
    election_id      varchar(40)   not null,
    stratum          varchar(40)   not null,
    stations         int           not null,
    drawn            int           not null,
    primary key (election_id, stratum)
) engine = InnoDB;

create table quick_count_station (
    election_id      varchar(40)   not null,
    station_id       bigint        not null,
    station_code     varchar(60)   not null,
    stratum          varchar(40)   not null,
    ticket           char(64)      not null,
    primary key (election_id, station_id)
) engine = InnoDB;
