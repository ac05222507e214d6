-- The public record's leaves: one per stored report and per verification decision (results' station_report and
-- verification_step), with the entry's canonical text exactly as it was hashed when first seen. tree_id is null until
-- a round puts the leaf into a tree: rounds take the leaves "not yet in a tree", never an id cursor (on Galera ids step by
-- the node count and rows need not commit in id order).
create table record_leaf (
    id            bigint        not null auto_increment,
    kind          varchar(10)   not null,  -- REPORT, DECISION
    source_id     bigint        not null,  -- station_report.id, verification_step.id
    election_id   varchar(40)   not null,
    station_id    bigint        not null,
    contest_code  varchar(40)   not null,
    leaf_hash     char(64)      not null,  -- SHA-256(0x00 || content), RFC 6962's leaf hash
    content       text          not null,  -- the canonical encoding (docs/public-record.md), UTF-8
    tree_id       bigint,
    leaf_index    int,
    created_at    datetime(6)   not null,
    primary key (id),
    constraint uk_record_leaf unique (kind, source_id),
    index ix_record_leaf_tree (tree_id, leaf_index),
    index ix_record_leaf_station (election_id, station_id)
) engine = InnoDB;

-- One RFC 6962 tree per round: its size and root. The root goes on chain through rewards' chain outbox (chain_anchor),
-- which keeps the transaction and its block.
create table record_tree (
    id        bigint       not null auto_increment,
    size      int          not null,
    root      char(64)     not null,
    built_at  datetime(6)  not null,
    primary key (id),
    constraint uk_record_tree_root unique (root)
) engine = InnoDB;
