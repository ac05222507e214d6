-- Every run of a cluster-wide job, written when the run ends (platform/jobs RecordedLeases): which node ran it,
-- from when to when, and how long its lease held at least. Operators see when each job last ran and where; the
-- cluster drill counts from it that no job ran on two nodes at once. Times are epoch milliseconds of the node's
-- clock: datetime(6) loses its fraction through Connector/J on MariaDB, and a job's runs are milliseconds apart.
-- Kept 7 days.
create table job_run (
    id               bigint       not null auto_increment,
    name             varchar(64)  not null,
    node             varchar(255) not null,
    started_ms       bigint       not null,
    ended_ms         bigint       not null,
    lock_at_least_ms bigint       not null,
    primary key (id),
    key job_run_by_name (name, started_ms)
) engine = InnoDB default charset = utf8mb4;
