-- Details the ECT's reference files publish that Khanaen shows nowhere but republishes in its ECT-compatible feed
-- (refs/info_*.json): the province's Thai abbreviation and English name as the ECT wrote it, party logos and
-- candidates' pictures (their URLs). Null for elections whose source has none.
alter table province add column abbreviation varchar(40);
alter table province add column source_name_en varchar(100);
alter table party add column logo_url varchar(500);
alter table candidate add column image_url varchar(500);
