-- Spring Modulith's JPA event publication registry: a hand-off between modules is stored in the
-- publishing transaction and deleted once its listener succeeded, so a crash in between loses nothing.
create table event_publication (
    id                     binary(16)   not null,
    listener_id            varchar(512) not null,
    event_type             varchar(512) not null,
    serialized_event       text         not null,
    publication_date       datetime(6)  not null,
    completion_date        datetime(6),
    status                 varchar(20),
    completion_attempts    int          not null default 0,
    last_resubmission_date datetime(6),
    primary key (id),
    index event_publication_by_completion_date (completion_date)
) engine = InnoDB;
