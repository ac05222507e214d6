-- ShedLock's leases: a scheduled job runs on one node of the cluster at a time (platform/jobs). A
-- row-based lease, not GET_LOCK (per node on Galera). DATETIME, not TIMESTAMP: the times are the
-- database's UTC_TIMESTAMP(3), and a TIMESTAMP column would shift them by each session's time zone,
-- so two nodes with different zones would read one lease differently.
create table shedlock (
    name       varchar(64)  not null,
    lock_until datetime(3)  not null,
    locked_at  datetime(3)  not null,
    locked_by  varchar(255) not null,
    primary key (name)
) engine = InnoDB default charset = utf8mb4;
