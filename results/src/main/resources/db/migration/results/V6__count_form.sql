-- The count form's other figures (ส.ส. 5/18): voters who came (the commission's turnout), ballots received and left.
-- Null where they were not given (running tallies, older partner apps, the commission's file for the ballots).
-- as_written: the form's own sums that do not add up, as the reporter said the signed form reads (codes,
-- comma-separated); such a count waits for a verifier, who may accept it as written with a reason.
alter table station_report
    add column voters_came       bigint after ballots_used,
    add column ballots_received  bigint after voters_came,
    add column ballots_left      bigint after ballots_received,
    add column as_written        varchar(200) after warnings;

-- The verified and the newest waiting count's form figures beside their numbers; as_written: the verified numbers
-- were accepted as written on a form that does not add up (the reason is the verification step's).
alter table station_contest
    add column voters_came             bigint after ballots_used,
    add column ballots_received        bigint after voters_came,
    add column ballots_left            bigint after ballots_received,
    add column as_written              boolean not null default false after ballots_left,
    add column latest_voters_came      bigint after latest_ballots_used;

alter table verification_step
    add column voters_came       bigint after ballots_used,
    add column ballots_received  bigint after voters_came,
    add column ballots_left      bigint after ballots_received;
