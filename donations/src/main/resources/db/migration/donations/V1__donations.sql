-- The crowdfunding campaign. Money is in satang (1/100 baht) as whole numbers; every datetime is UTC.

-- One gift. Created PENDING before the donor goes to Stripe Checkout; only Stripe's word (a signed
-- webhook, or the reconciliation asking Stripe) makes it SUCCEEDED, FAILED or EXPIRED. Each change of
-- state is one conditional UPDATE, so two deliveries of the same news (a replay, two nodes, a webhook
-- and the reconciliation) change it once.
create table donation (
    id                  bigint        not null auto_increment,
    token               char(32)      not null,      -- unguessable handle for the donor's return page
    amount_satang       bigint        not null,
    currency            char(3)       not null,      -- thb
    email               varchar(320)  not null,      -- for the receipt
    donor_name          varchar(100),
    message             varchar(500),
    anonymous           boolean       not null,
    locale              varchar(10)   not null,      -- the receipt's language
    status              varchar(20)   not null,      -- PENDING, SUCCEEDED, FAILED, EXPIRED
    message_status      varchar(20)   not null,      -- NONE, PENDING, APPROVED, REJECTED
    checkout_session_id varchar(255),
    payment_intent_id   varchar(255),
    payment_method      varchar(40),
    created_at          datetime(6)   not null,
    succeeded_at        datetime(6),
    ended_at            datetime(6),                 -- failed or expired
    checked_at          datetime(6),                 -- last asked Stripe (reconciliation)
    problem             varchar(300),                -- e.g. Stripe reported another amount: never counted
    refunded_satang     bigint        not null default 0,  -- refunds already in the ledger
    dispute_held_satang bigint        not null default 0,  -- disputed money Stripe holds, in the ledger
    dispute_lost_satang bigint        not null default 0,  -- disputes lost, already announced
    moderated_by        varchar(100),
    primary key (id),
    unique key donation_token (token),
    unique key donation_checkout_session (checkout_session_id),
    unique key donation_payment_intent (payment_intent_id),
    index donation_by_status (status, created_at),
    index donation_by_message (message_status, succeeded_at)
) engine = InnoDB default charset = utf8mb4;

-- Every Stripe event handled, by Stripe's id: the unique key makes a replayed event a no-op. Written in
-- the transaction that applies the event, so an event is recorded exactly when its effect committed.
create table stripe_event (
    id          varchar(255) not null,
    type        varchar(100) not null,
    created_at  datetime(6)  not null,   -- Stripe's time of the event
    received_at datetime(6)  not null,
    outcome     varchar(40)  not null,   -- APPLIED, NO_CHANGE, UNKNOWN_DONATION, AMOUNT_MISMATCH, IGNORED
    detail      varchar(500),
    primary key (id),
    index stripe_event_by_outcome (outcome, received_at)
) engine = InnoDB default charset = utf8mb4;

-- What Stripe last said about a payment's refunds (cumulative) and disputes, whatever the order the
-- events came in: the ledger is brought to these facts, never moved by an event's own arithmetic.
create table stripe_charge (
    payment_intent_id      varchar(255) not null,
    charge_id              varchar(255) not null,
    amount_refunded_satang bigint       not null,
    updated_at             datetime(6)  not null,
    primary key (payment_intent_id)
) engine = InnoDB default charset = utf8mb4;

create table stripe_dispute (
    id                varchar(255) not null,
    payment_intent_id varchar(255) not null,
    amount_satang     bigint       not null,
    status            varchar(40)  not null,   -- Stripe's: needs_response, under_review, won, lost, warning_*
    closed            boolean      not null,   -- a closed dispute's outcome is final: a late "created" cannot reopen it
    updated_at        datetime(6)  not null,
    primary key (id),
    index stripe_dispute_by_payment (payment_intent_id)
) engine = InnoDB default charset = utf8mb4;

-- Money spent, recorded by an administrator with its receipt (a PDF or a photo), public in the ledger.
create table expense (
    id             bigint       not null auto_increment,
    spent_on       date         not null,
    category       varchar(30)  not null,
    amount_satang  bigint       not null,
    note           varchar(500) not null,
    receipt        mediumblob   not null,   -- in the database, so every app node serves it
    receipt_type   varchar(50)  not null,
    receipt_name   varchar(200) not null,
    receipt_sha256 char(64)     not null,
    recorded_by    varchar(100) not null,
    recorded_at    datetime(6)  not null,
    primary key (id)
) engine = InnoDB default charset = utf8mb4;

-- The public ledger, append-only: a donation in, a refund or a disputed amount out (and back when a
-- dispute is won), an expense out. The balance is the sum. dedup_key names an entry that must exist
-- once (a donation's own entry).
create table ledger_entry (
    id            bigint       not null auto_increment,
    kind          varchar(20)  not null,   -- DONATION, REFUND, DISPUTE, EXPENSE
    amount_satang bigint       not null,   -- signed: in > 0, out < 0
    occurred_at   datetime(6)  not null,
    donation_id   bigint,
    expense_id    bigint,
    dedup_key     varchar(190),
    primary key (id),
    unique key ledger_entry_dedup (dedup_key),
    index ledger_entry_by_time (occurred_at),
    index ledger_entry_by_donation (donation_id)
) engine = InnoDB default charset = utf8mb4;

-- Sponsors' gifts in kind (goods and services with a stated value): not money, so not in the balance;
-- the rewards module builds coupon offers on them.
create table sponsor_pledge (
    id           bigint       not null auto_increment,
    sponsor      varchar(200) not null,
    description  varchar(500) not null,
    value_satang bigint       not null,
    quantity     int          not null,
    valid_until  date,
    recorded_by  varchar(100) not null,
    recorded_at  datetime(6)  not null,
    primary key (id)
) engine = InnoDB default charset = utf8mb4;

-- Development mode without Stripe keys: the payment record Stripe would keep, written by the local
-- payment page, read by the reconciliation the way it reads Stripe. Empty in production.
create table local_checkout_session (
    id                varchar(64)  not null,
    idempotency_key   varchar(190) not null,
    donation_id       bigint       not null,
    amount_satang     bigint       not null,
    currency          char(3)      not null,
    email             varchar(320) not null,
    status            varchar(20)  not null,   -- open, complete, expired (Stripe's words)
    payment_status    varchar(20)  not null,   -- unpaid, paid
    payment_method    varchar(40),
    payment_intent_id varchar(64)  not null,
    created_at        datetime(6)  not null,
    expires_at        datetime(6)  not null,
    paid_at           datetime(6),
    primary key (id),
    unique key local_checkout_idempotency (idempotency_key)
) engine = InnoDB default charset = utf8mb4;
