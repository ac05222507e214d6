package org.khanaen.results.checks;

/**
 * The count form's figures beyond the tally (ส.ส. 5/18, parts 1 and 2), as volunteers photograph it: the voters who
 * came (signed the register), the ballots the station received for the contest and those left unused. Ballots used,
 * valid, invalid and no-vote are the {@link Tally}'s; the registered voters are the station's. Each figure may be
 * missing (null): a running tally has none yet, an older partner app sends none, and the commission's results file
 * gives the voters who came but not the ballots received; the form's checks then look only at what is there.
 *
 * @param votersCame      ผู้มาแสดงตน: the commission's {@code turn_out}, which can differ from the ballots counted
 * @param ballotsReceived บัตรเลือกตั้งที่ได้รับจัดสรร
 * @param ballotsLeft     บัตรเลือกตั้งที่เหลือ
 */
public record CountForm(Long votersCame, Long ballotsReceived, Long ballotsLeft) {

    /** No figure of the form's was given. */
    public static final CountForm NONE = new CountForm(null, null, null);

    public CountForm(long votersCame, long ballotsReceived, long ballotsLeft) {
        this(Long.valueOf(votersCame), Long.valueOf(ballotsReceived), Long.valueOf(ballotsLeft));
    }

    /** Only the voters who came, as the commission's results file gives them. */
    public static CountForm votersCame(long votersCame) {
        return new CountForm(votersCame, null, null);
    }

    public boolean isEmpty() {
        return votersCame == null && ballotsReceived == null && ballotsLeft == null;
    }
}
