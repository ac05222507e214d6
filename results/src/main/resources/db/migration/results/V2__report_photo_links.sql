-- Which photos a report was sent with (uploaded first, then named by the report).
create table station_report_photo (
    report_id bigint not null,
    photo_id  bigint not null,
    primary key (report_id, photo_id),
    index ix_station_report_photo_photo (photo_id)
) engine = InnoDB;
