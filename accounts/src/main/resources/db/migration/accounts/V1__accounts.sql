-- Sign-in identities. Usernames are stored normalised (trimmed, lower case).
create table account (
    id                    bigint       not null auto_increment,
    username              varchar(190) not null,
    display_name          varchar(200) not null,
    password_hash         varchar(200) not null,
    enabled               boolean      not null,
    must_change_password  boolean      not null,
    created_at            datetime(6)  not null,
    password_changed_at   datetime(6),
    version               bigint       not null,
    primary key (id),
    constraint uk_account_username unique (username)
) engine = InnoDB;

create table account_role (
    account_id bigint      not null,
    role       varchar(30) not null,
    primary key (account_id, role),
    constraint fk_account_role_account foreign key (account_id) references account (id) on delete cascade
) engine = InnoDB;
