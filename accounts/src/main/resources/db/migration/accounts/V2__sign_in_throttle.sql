-- Failed sign-ins, counted per account and per client address, shared by every app node. Written only by single
-- upserts (no read-modify-write transaction), which a Galera cluster retries by itself on a conflict.
create table sign_in_failure (
    subject          varchar(200) not null,  -- 'account:<normalised username>' or 'address:<client address>'
    failures         int          not null,
    last_failure_at  datetime(6)  not null,
    primary key (subject),
    key ix_sign_in_failure_last (last_failure_at)
) engine = InnoDB;

-- Locks and refused attempts, for administrators to see who was hammered and from where.
create table sign_in_audit (
    id        bigint       not null auto_increment,
    at        datetime(6)  not null,
    event     varchar(20)  not null,  -- LOCKED, REFUSED
    username  varchar(190) not null,
    address   varchar(64)  not null,
    detail    varchar(300),
    primary key (id),
    key ix_sign_in_audit_at (at)
) engine = InnoDB;
