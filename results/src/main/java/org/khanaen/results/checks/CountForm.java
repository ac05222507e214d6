package org.khanaen.results.checks;

/**
 * The count form's figures beyond the tally (ส.ส. 5/18, parts 1 and 2), as volunteers photograph it: the voters who
 * came (signed the register), the ballots the station received for the contest and those left unused. Ballots used,
 * valid, invalid and no-vote are the {@link Tally}'s; the registered voters are the station's.
 *
 * @param votersCame      ผู้มาแสดงตน: the commission's {@code turn_out}, which can differ from the ballots counted
 * @param ballotsReceived บัตรเลือกตั้งที่ได้รับจัดสรร
 * @param ballotsLeft     บัตรเลือกตั้งที่เหลือ
 */
public record CountForm(long votersCame, long ballotsReceived, long ballotsLeft) {
}
