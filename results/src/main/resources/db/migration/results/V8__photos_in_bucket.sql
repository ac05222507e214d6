-- Photos move to an S3 bucket, put there by the phones themselves: a row is now made when an upload is granted and
-- confirmed once its object was found in the bucket with the announced size, type and SHA-256. Rows from before were
-- checked whole by the app when they arrived: confirmed as they are (their files move by ./khanaen photos-to-bucket).
alter table report_photo add column confirmed_at datetime(6) null;
update report_photo set confirmed_at = uploaded_at;
