-- Sponsors: an account (accounts module, by id) and the profile people see.
create table sponsor (
    id          bigint        not null auto_increment,
    account_id  bigint        not null,
    name_th     varchar(200)  not null,
    name_en     varchar(200)  not null,
    about_th    varchar(2000),
    about_en    varchar(2000),
    website     varchar(300),
    created_at  datetime(6)   not null,
    primary key (id),
    constraint uk_sponsor_account unique (account_id)
) engine = InnoDB;

-- A sponsor's offer; what may still be issued is in its slots (below).
create table coupon_offer (
    id                  bigint        not null auto_increment,
    sponsor_id          bigint        not null,
    title_th            varchar(200)  not null,
    title_en            varchar(200)  not null,
    terms_th            varchar(2000) not null,
    terms_en            varchar(2000) not null,
    value_satang        bigint        not null,
    quantity            int           not null,
    valid_from          datetime(6)   not null,
    valid_to            datetime(6)   not null,
    audience            varchar(30)   not null,  -- DONORS, VERIFIED_VOLUNTEERS, CONSTITUENCY_LEADS, WAR_ROOM
    min_donation_satang bigint,                  -- DONORS: from this amount on
    active              boolean       not null,
    created_at          datetime(6)   not null,
    primary key (id),
    index ix_coupon_offer_audience (audience, active, valid_to),
    index ix_coupon_offer_sponsor (sponsor_id),
    constraint fk_coupon_offer_sponsor foreign key (sponsor_id) references sponsor (id)
) engine = InnoDB;

-- An offer's quantity, split over 16 rows: every issue takes one place from a row with a conditional update
-- (remaining > 0), so concurrent issuers never go past the quantity, and the row lock each holds until its
-- commit is one of 16, so they do not all queue behind one row. A revoked coupon gives its place back.
create table coupon_offer_slot (
    offer_id   bigint   not null,
    shard      tinyint  not null,
    remaining  int      not null,
    primary key (offer_id, shard),
    constraint fk_coupon_offer_slot_offer foreign key (offer_id) references coupon_offer (id)
) engine = InnoDB;

-- One coupon per (trigger, offer): the unique key makes issuing idempotent however often a trigger
-- arrives (an event redelivered, two nodes). code is the coupon's public id: the token id on chain is
-- derived from it, and the holder's QR carries it.
create table coupon (
    id            bigint        not null auto_increment,
    code          char(16)      not null,
    offer_id      bigint        not null,
    trigger_key   varchar(190)  not null,  -- donation:<ref>, service:<election>:<volunteer>
    holder        varchar(190)  not null,  -- donation:<ref> or volunteer:<id>: whose wallet shows it
    state         varchar(12)   not null,  -- ISSUED, REDEEMED, REVOKED
    token_id      char(64)      not null,  -- hex keccak256 of the code
    chain_state   varchar(12)   not null,  -- AWAITING (mint), MINTED
    mint_tx       char(66),
    minted_at     datetime(6),
    wallet_address char(42),               -- the holder's own address once they asked for the token
    expires_at    datetime(6)   not null,
    issued_at     datetime(6)   not null,
    redeemed_at   datetime(6),
    redeemed_by   bigint,                  -- sponsor id
    revoked_at    datetime(6),
    primary key (id),
    constraint uk_coupon_code unique (code),
    constraint uk_coupon_trigger unique (trigger_key, offer_id),
    index ix_coupon_holder (holder, id),
    index ix_coupon_trigger (trigger_key),
    index ix_coupon_redeemed (redeemed_by, redeemed_at),
    constraint fk_coupon_offer foreign key (offer_id) references coupon_offer (id)
) engine = InnoDB;

-- The chain outbox: what must happen on chain per coupon, at most one of each action. The minter
-- takes pending rows in batches (one transaction each) and records every step before and after it.
create table chain_op (
    id              bigint        not null auto_increment,
    coupon_id       bigint        not null,
    action          varchar(10)   not null,  -- MINT, REDEEM, REVOKE, TRANSFER
    state           varchar(10)   not null,  -- PENDING, SENT, DONE, FAILED
    batch_id        bigint,
    attempts        int           not null default 0,
    next_attempt_at datetime(6)   not null,
    last_error      varchar(500),
    created_at      datetime(6)   not null,
    primary key (id),
    constraint uk_chain_op unique (coupon_id, action),
    index ix_chain_op_due (state, action, next_attempt_at, id),
    index ix_chain_op_batch (batch_id)
) engine = InnoDB;

-- One transaction on chain, signed here and stored (hash, nonce, the signed bytes) before it is sent: after
-- a crash the minter sends exactly that transaction again and asks the chain about exactly that hash.
create table chain_batch (
    id           bigint        not null auto_increment,
    action       varchar(10)   not null,
    size         int           not null,
    state        varchar(10)   not null,  -- SIGNED, CONFIRMED, REVERTED, DROPPED
    tx_hash      char(66),
    raw_tx       mediumtext,               -- the signed transaction: sent again as is after a crash (same hash)
    nonce        bigint,
    sender       char(42),
    gas_used     bigint,
    block_number bigint,
    error        varchar(500),
    created_at   datetime(6)   not null,
    sent_at      datetime(6),
    settled_at   datetime(6),
    primary key (id),
    index ix_chain_batch_state (state)
) engine = InnoDB;

-- Only one node sends to the chain at a time (one nonce sequence per key): a renewable lease row.
create table chain_lease (
    name        varchar(40)  not null,
    holder      varchar(100),
    expires_at  datetime(6),
    primary key (name)
) engine = InnoDB;
insert into chain_lease (name) values ('minter');
