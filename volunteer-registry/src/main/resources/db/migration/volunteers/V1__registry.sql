-- Partner organisations and their coordinators.
create table organisation (
    id             bigint       not null auto_increment,
    slug           varchar(60)  not null,
    name_th        varchar(200) not null,
    name_en        varchar(200) not null,
    contact_name   varchar(200),
    contact_email  varchar(320),
    contact_phone  varchar(40),
    logo           mediumblob,
    logo_type      varchar(40),
    api_token_hash char(64),
    active         boolean      not null,
    created_at     datetime(6)  not null,
    version        bigint       not null,
    primary key (id),
    constraint uk_organisation_slug unique (slug),
    constraint uk_organisation_token unique (api_token_hash)
) engine = InnoDB;

create table coordinator (
    organisation_id bigint      not null,
    account_id      bigint      not null,
    since           datetime(6) not null,
    primary key (organisation_id, account_id),
    constraint fk_coordinator_organisation foreign key (organisation_id) references organisation (id)
) engine = InnoDB;

-- Single-use links sent by mail; only their SHA-256 is kept.
create table invitation (
    token_hash      char(64)     not null,
    organisation_id bigint       not null,
    email           varchar(320) not null,
    invited_by      varchar(190) not null,
    created_at      datetime(6)  not null,
    expires_at      datetime(6)  not null,
    accepted_at     datetime(6),
    primary key (token_hash),
    constraint fk_invitation_organisation foreign key (organisation_id) references organisation (id)
) engine = InnoDB;

-- One row per person. Phone, email and LINE id are encrypted (AES-GCM); the blind indexes
-- (HMAC of the normalised value) find a person and, being unique, keep one person one record.
create table volunteer (
    id                      bigint       not null auto_increment,
    pseudonym               char(36)     not null,
    account_id              bigint,
    full_name               varchar(200),
    phone_enc               varbinary(300),
    phone_bidx              binary(16),
    email_enc               varbinary(700),
    email_bidx              binary(16),
    line_id_enc             varbinary(200),
    home_province_code      varchar(10),
    home_district_code      varchar(10),
    role_preference         varchar(30)  not null,
    availability            varchar(30)  not null,
    registered_for_election varchar(40),
    language                varchar(5)   not null default 'th',
    email_verified_at       datetime(6),
    assignment_status       varchar(20)  not null,
    created_at              datetime(6)  not null,
    updated_at              datetime(6)  not null,
    withdrawn_at            datetime(6),
    erased_at               datetime(6),
    version                 bigint       not null,
    primary key (id),
    constraint uk_volunteer_pseudonym unique (pseudonym),
    constraint uk_volunteer_account unique (account_id),
    constraint uk_volunteer_phone unique (phone_bidx),
    constraint uk_volunteer_email unique (email_bidx),
    index ix_volunteer_district (home_district_code),
    index ix_volunteer_province (home_province_code)
) engine = InnoDB;

-- A volunteer's membership of a partner organisation, decided by its coordinators.
create table affiliation (
    volunteer_id    bigint        not null,
    organisation_id bigint        not null,
    status          varchar(20)   not null,
    source          varchar(20)   not null,
    note            varchar(2000),
    joined_at       datetime(6)   not null,
    decided_at      datetime(6),
    decided_by      varchar(190),
    primary key (volunteer_id, organisation_id),
    index ix_affiliation_roster (organisation_id, status, joined_at),
    index ix_affiliation_recent (organisation_id, joined_at),
    constraint fk_affiliation_volunteer foreign key (volunteer_id) references volunteer (id),
    constraint fk_affiliation_organisation foreign key (organisation_id) references organisation (id)
) engine = InnoDB;

-- What the volunteer agreed to, word for word by version, and when.
create table consent (
    id              bigint      not null auto_increment,
    volunteer_id    bigint      not null,
    organisation_id bigint,
    text_version    varchar(40) not null,
    given_at        datetime(6) not null,
    channel         varchar(20) not null,
    primary key (id),
    index ix_consent_volunteer (volunteer_id),
    constraint fk_consent_volunteer foreign key (volunteer_id) references volunteer (id)
) engine = InnoDB;

-- Single-use mail links for volunteers: verify the email, or confirm joining another organisation.
create table volunteer_token (
    token_hash      char(64)    not null,
    volunteer_id    bigint      not null,
    purpose         varchar(20) not null,
    organisation_id bigint,
    created_at      datetime(6) not null,
    expires_at      datetime(6) not null,
    used_at         datetime(6),
    primary key (token_hash),
    index ix_volunteer_token_volunteer (volunteer_id),
    constraint fk_volunteer_token_volunteer foreign key (volunteer_id) references volunteer (id)
) engine = InnoDB;

-- Who read or changed whose personal data (PDPA). Actor and volunteer by id, never the data itself.
create table personal_data_audit (
    id              bigint       not null auto_increment,
    at              datetime(6)  not null,
    actor           varchar(190) not null,
    action          varchar(20)  not null,
    volunteer_id    bigint,
    organisation_id bigint,
    detail          varchar(500),
    primary key (id),
    index ix_audit_volunteer (volunteer_id, at),
    index ix_audit_at (at)
) engine = InnoDB;

-- A roster CSV upload: checked first (preview), then imported. The file is kept until then.
create table import_job (
    id              bigint       not null auto_increment,
    organisation_id bigint       not null,
    created_by      varchar(190) not null,
    file_name       varchar(255) not null,
    status          varchar(20)  not null,
    total_rows      int          not null,
    valid_rows      int          not null,
    processed_rows  int          not null,
    imported_rows   int          not null,
    problems        mediumtext,
    preview         mediumtext,
    created_at      datetime(6)  not null,
    finished_at     datetime(6),
    primary key (id),
    index ix_import_job_organisation (organisation_id, created_at),
    constraint fk_import_job_organisation foreign key (organisation_id) references organisation (id)
) engine = InnoDB;

-- The uploaded file, in pieces of 1 MB: a whole file in one row would exceed the server's
-- max_allowed_packet (16 MB by default on MariaDB). Deleted once the import is done or cancelled.
create table import_job_chunk (
    job_id  bigint     not null,
    seq     int        not null,
    content mediumblob not null,
    primary key (job_id, seq),
    constraint fk_import_chunk_job foreign key (job_id) references import_job (id)
) engine = InnoDB;
