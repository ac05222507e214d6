-- Mail waiting to be sent, written in the transaction of the change it reports (a volunteer
-- registered, approved, assigned), so a mail exists exactly when that change committed. Senders on
-- every node claim rows with one atomic UPDATE (no SELECT ... FOR UPDATE, no GET_LOCK: both are per
-- node on Galera) and own them until claimed_until.
create table mail_outbox (
    id              bigint        not null auto_increment,
    dedup_key       varchar(190),                -- the same mail asked for twice is sent once
    category        varchar(60)   not null,      -- verification, invitation, ...: for logs and counts
    recipient       varchar(320)  not null,
    locale          varchar(10)   not null,
    subject         varchar(500)  not null,
    text_body       mediumtext    not null,
    html_body       mediumtext,
    status          varchar(20)   not null,      -- PENDING, SENT, FAILED
    attempts        int           not null default 0,
    next_attempt_at datetime(6)   not null,      -- UTC, like every datetime here
    claimed_by      varchar(80),
    claimed_until   datetime(6),
    created_at      datetime(6)   not null,
    sent_at         datetime(6),
    last_error      varchar(1000),
    primary key (id),
    unique key mail_outbox_dedup_key (dedup_key),
    index mail_outbox_due (status, next_attempt_at),
    index mail_outbox_by_recipient (recipient)  -- erasure on request (PDPA) without a table scan
) engine = InnoDB default charset = utf8mb4;
