-- The commission's turnout (turn_out: the voters who came) beside its ballots, for the comparison; null where the
-- file leaves it out.
alter table official_result add column voters_came bigint after ballots_used;
