-- Photos sent with count reports. One row per upload; the file is named by sha256, so uploads of
-- the same photo share one file, and rows sharing a hash flag a photo sent for more than one station.
create table report_photo (
    id           bigint       not null auto_increment,
    sha256       char(64)     not null,  -- lower-case hex of the content
    kind         varchar(20)  not null,  -- TALLY_BOARD, COUNT_FORM, STATION_SIGN
    content_type varchar(20)  not null,  -- image/jpeg, image/png, image/webp, found in the content
    bytes        bigint       not null,
    width        int          not null,
    height       int          not null,
    uploaded_by  varchar(190) not null,
    uploaded_at  datetime(6)  not null,
    primary key (id),
    index ix_report_photo_sha256 (sha256)
) engine = InnoDB;
