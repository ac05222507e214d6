-- Election reference data. Every row belongs to one election: boundaries, parties and stations
-- change between elections, so nothing here is shared across them.
create table election (
    id                varchar(40)  not null,
    name_th           varchar(200) not null,
    name_en           varchar(200) not null,
    kind              varchar(20)  not null,
    election_date     date         not null,
    registered_voters bigint       not null,
    source            varchar(500),
    station_seed      bigint,
    imported_at       datetime(6)  not null,
    primary key (id)
) engine = InnoDB;

create table province (
    id                bigint       not null auto_increment,
    election_id       varchar(40)  not null,
    code              varchar(10)  not null,
    ect_id            varchar(10),
    name_th           varchar(100) not null,
    name_en           varchar(100) not null,
    latitude          double,
    longitude         double,
    registered_voters bigint       not null,
    primary key (id),
    constraint uk_province_code unique (election_id, code),
    constraint fk_province_election foreign key (election_id) references election (id)
) engine = InnoDB;

create table district (
    id          bigint       not null auto_increment,
    election_id varchar(40)  not null,
    province_id bigint       not null,
    code        varchar(10)  not null,
    name_th     varchar(100) not null,
    name_en     varchar(100) not null,
    latitude    double,
    longitude   double,
    primary key (id),
    constraint uk_district_code unique (election_id, code),
    constraint fk_district_province foreign key (province_id) references province (id)
) engine = InnoDB;

create table constituency (
    id                bigint      not null auto_increment,
    election_id       varchar(40) not null,
    province_id       bigint      not null,
    code              varchar(20) not null,
    number            int         not null,
    registered_voters bigint      not null,
    primary key (id),
    constraint uk_constituency_code unique (election_id, code),
    constraint fk_constituency_province foreign key (province_id) references province (id)
) engine = InnoDB;

-- The districts (or parts of districts) a constituency covers, in the order the source lists them.
create table constituency_zone (
    constituency_id bigint       not null,
    position        int          not null,
    zone_text       varchar(1000) not null,
    district_id     bigint,
    partial         boolean      not null,
    primary key (constituency_id, position),
    constraint fk_zone_constituency foreign key (constituency_id) references constituency (id),
    constraint fk_zone_district foreign key (district_id) references district (id)
) engine = InnoDB;

create table contest (
    id          bigint       not null auto_increment,
    election_id varchar(40)  not null,
    code        varchar(40)  not null,
    name_th     varchar(200) not null,
    name_en     varchar(200) not null,
    scope       varchar(20)  not null,
    ballot      varchar(20)  not null,
    seats       int          not null,
    seat_rule   varchar(30)  not null,
    position    int          not null,
    primary key (id),
    constraint uk_contest_code unique (election_id, code),
    constraint fk_contest_election foreign key (election_id) references election (id)
) engine = InnoDB;

create table party (
    id            bigint       not null auto_increment,
    election_id   varchar(40)  not null,
    code          varchar(20)  not null,
    ballot_number int,
    name_th       varchar(200) not null,
    name_en       varchar(200),
    abbreviation  varchar(40),
    colour        varchar(20),
    primary key (id),
    constraint uk_party_code unique (election_id, code),
    constraint fk_party_election foreign key (election_id) references election (id)
) engine = InnoDB;

create table candidate (
    id              bigint       not null auto_increment,
    contest_id      bigint       not null,
    constituency_id bigint,
    code            varchar(40)  not null,
    ballot_number   int          not null,
    name            varchar(300) not null,
    party_id        bigint,
    primary key (id),
    constraint uk_candidate_code unique (contest_id, code),
    constraint fk_candidate_contest foreign key (contest_id) references contest (id),
    constraint fk_candidate_constituency foreign key (constituency_id) references constituency (id),
    constraint fk_candidate_party foreign key (party_id) references party (id),
    index ix_candidate_constituency (constituency_id, ballot_number)
) engine = InnoDB;

create table station (
    id                bigint       not null auto_increment,
    election_id       varchar(40)  not null,
    constituency_id   bigint       not null,
    district_id       bigint,
    code              varchar(40)  not null,
    number            int          not null,
    name_th           varchar(300) not null,
    name_en           varchar(300) not null,
    latitude          double       not null,
    longitude         double       not null,
    registered_voters int          not null,
    priority          boolean      not null,
    primary key (id),
    constraint uk_station_code unique (election_id, code),
    constraint fk_station_constituency foreign key (constituency_id) references constituency (id),
    constraint fk_station_district foreign key (district_id) references district (id),
    index ix_station_constituency (constituency_id, number)
) engine = InnoDB;
