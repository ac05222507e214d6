-- The stations of an election's quick-count sample, as results drew them (docs/quick-count.md): automatic runs give
-- each a primary and a backup before other stations get a backup; volunteers' and leads' pages mark them.
create table assignment_sample_station (
    election_id varchar(40) not null,
    station_id  bigint      not null,
    primary key (election_id, station_id)
) engine = InnoDB;
