-- The public record's roots (module proofs) to anchor on chain, through the same outbox, key and nonce sequence as the
-- coupons: one transaction per root. A root is queued once (unique key); the minter signs its transaction, stores it in
-- chain_batch (action ANCHOR) before sending it, and settles it from its receipt, or after a crash by asking the contract
-- in which block the root was anchored (the contract refuses a root twice).
create table chain_anchor (
    id              bigint        not null auto_increment,
    root            char(64)      not null,  -- hex, the Merkle tree's root
    state           varchar(10)   not null,  -- PENDING (not yet anchored), SENT, DONE
    batch_id        bigint,
    tx_hash         char(66),
    block_number    bigint,
    attempts        int           not null default 0,
    next_attempt_at datetime(6)   not null,
    last_error      varchar(500),
    created_at      datetime(6)   not null,
    anchored_at     datetime(6),
    primary key (id),
    constraint uk_chain_anchor_root unique (root),
    index ix_chain_anchor_due (state, next_attempt_at, id),
    index ix_chain_anchor_batch (batch_id)
) engine = InnoDB;
