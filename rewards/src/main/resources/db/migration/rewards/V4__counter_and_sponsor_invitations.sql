-- The counter's confirm step carries an attempt key: a second submit of the same confirmation (a double tap, a
-- resent form) finds its own redemption and answers as the first did, instead of "already used".
alter table coupon add column redeem_attempt char(36);

-- Sponsors are invited by mail, like coordinators: a single-use link (only its SHA-256 kept) with which the
-- invitee chooses their own name and password. The profile the administrator entered waits here until then.
create table sponsor_invitation (
    token_hash  char(64)      not null,
    email       varchar(190)  not null,
    name_th     varchar(200)  not null,
    name_en     varchar(200)  not null,
    website     varchar(300),
    invited_by  varchar(190)  not null,
    created_at  datetime(6)   not null,
    expires_at  datetime(6)   not null,
    accepted_at datetime(6),
    sponsor_id  bigint,
    primary key (token_hash),
    index ix_sponsor_invitation_created (created_at),
    constraint fk_sponsor_invitation_sponsor foreign key (sponsor_id) references sponsor (id)
) engine = InnoDB;
