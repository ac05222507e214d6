package org.khanaen.benchmarks.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the desk's people read off a station contest's page, and when they wait for the ledger. */
class ItemPageTests {

    /** As the war room's item page renders for the verifier holding it (the parts that matter). */
    private static final String PAGE = """
            <h1 data-station-id="4711" data-contest="party-list"><span>หน่วย MSN_1-001</span></h1>
            <th scope="col" class="num" data-report-id="11" data-report-status="RECEIVED" data-report-final="true">
            <th scope="col" class="num" data-report-id="12" data-report-status="RECEIVED" data-report-final="false">
            <th scope="col" class="num" data-report-id="13" data-report-status="VERIFIED" data-report-final="true">
            <ul class="photos"><li><a href="/war-room/photos/5" target="_blank" rel="noopener">
                <img src="http://127.0.0.1:9000/khanaen/photos/ab/ab12.png?X-Amz-Date=20230514T100000Z&amp;X-Amz-Signature=5ig" alt="tally" loading="lazy"></a>
              <a href="/war-room/photos/6"><img src="/war-room/photos/6" alt="form" loading="lazy"></a></li></ul>
            <img src="/images/logo.svg" alt="Khanaen">
            <form action="/war-room/items/9/approve" method="post" class="stack" data-as-written="false">
                <input type="hidden" name="report" value="11"><input type="hidden" name="_csrf" value="t0ken"/></form>
            <form action="/war-room/items/9/reject" method="post" class="stack"><input type="hidden" name="report" value="11"></form>
            <form action="/war-room/items/9/approve" method="post" class="stack" data-as-written="true">
                <input type="hidden" name="report" value="13"></form>
            <form action="/war-room/items/9/correct" method="post" class="panel stack" id="correct-form">
                <input type="number" min="0" required="required" id="vote-1" name="vote_1" value="40">
                <input type="number" min="0" required="required" id="correct-valid" name="valid" value="40">
                <input type="number" min="0" id="correct-votersCame" name="votersCame" value="">
                <input type="text" id="correct-reason" name="reason" maxlength="500" required></form>
            """;

    @Test
    void readsTheStationContestTheReportsTheChoicesTheCorrectionFieldsAndThePhotos() {
        ItemPage page = ItemPage.read(PAGE);

        assertThat(page.key()).isEqualTo(new Ledger.Key(4711, "party-list"));
        assertThat(page.reports()).containsEntry(11L, "RECEIVED").containsEntry(12L, "RECEIVED").containsEntry(13L, "VERIFIED");
        assertThat(page.finals()).containsExactly(11L, 13L);
        assertThat(page.choices()).containsExactly(new ItemPage.Choice(11, false), new ItemPage.Choice(13, true));
        assertThat(page.correctFields()).containsExactly("vote_1", "valid", "votersCame");
        // straight from the bucket (its link unescaped as the browser does), or through the app; other images are no photos
        assertThat(page.photos()).containsExactly(
                "http://127.0.0.1:9000/khanaen/photos/ab/ab12.png?X-Amz-Date=20230514T100000Z&X-Amz-Signature=5ig", "/war-room/photos/6");
        assertThat(page.decidable()).isTrue();
    }

    @Test
    void waitsForTheLedgerOnlyForFinalCounts() {
        ItemPage page = ItemPage.read(PAGE);
        Ledger ledger = new Ledger();
        Ledger.Key key = new Ledger.Key(4711, "party-list");
        ledger.sent(key, new Ledger.Sent(11, true, true, 0));
        assertThat(page.known(ledger)).isFalse();

        ledger.sent(key, new Ledger.Sent(13, false, true, 0)); // the running tally 12 is not needed
        assertThat(page.known(ledger)).isTrue();
    }

    @Test
    void aPageOfNoStationContestIsNotRead() {
        assertThat(ItemPage.read("<h1>ห้องปฏิบัติการกลาง</h1>")).isNull();
    }
}
