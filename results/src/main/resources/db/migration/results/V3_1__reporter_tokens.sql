-- API tokens volunteers give to partner apps to send their station's reports. Only the token's
-- SHA-256 is kept (the token is shown once); one token per volunteer, a new one replaces the old.
create table reporter_token (
    token_hash   char(64)    not null,  -- lower-case hex SHA-256 of the whole token, khv_ included
    volunteer_id bigint      not null,
    issued_at    datetime(6) not null,
    primary key (token_hash),
    constraint uk_reporter_token_volunteer unique (volunteer_id)
) engine = InnoDB;
