package org.khanaen.elections.ect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.khanaen.elections.LocalizedName;
import org.khanaen.elections.PartyView;
import org.khanaen.elections.ect.EctFiles.CandidateVotes;
import org.khanaen.elections.ect.EctFiles.Constituency;
import org.khanaen.elections.ect.EctFiles.Totals;

/** The commission's own conventions in its results files, which the feed follows so that code written against them reads it unchanged. */
class EctConventionsTests {

    private static Constituency race(int stations, int counted, long... votes) {
        List<CandidateVotes> lines = new ArrayList<>();
        for (int i = 0; i < votes.length; i++) {
            lines.add(new CandidateVotes("ACR_1_" + (i + 1), "7" + i, votes[i]));
        }
        lines.sort((a, b) -> Long.compare(b.votes(), a.votes()));
        var none = new Totals(0, 0, 0, 0);
        return new Constituency("ACR_1", none, none, stations, counted, lines, List.of());
    }

    @Test
    void tiedCandidatesBothTakeTheLowerPosition() {
        // thirteen ahead, then two level: the commission writes 15 and 15 (not 14 and 14)
        long[] votes = { 900, 800, 700, 600, 500, 400, 390, 380, 370, 360, 350, 340, 330, 100, 100 };
        var ranks = EctConventions.ranks(EctConventions.listed(race(10, 10, votes)));

        assertThat(ranks.get("ACR_1_14")).isEqualTo(15);
        assertThat(ranks.get("ACR_1_15")).isEqualTo(15);
        assertThat(ranks.get("ACR_1_1")).isEqualTo(1);
        assertThat(ranks.get("ACR_1_13")).isEqualTo(13);
    }

    @Test
    void twoLevelAtTheTopAreBothSecond() {
        var ranks = EctConventions.ranks(EctConventions.listed(race(10, 10, 500, 500, 20)));

        assertThat(ranks).containsEntry("ACR_1_1", 2).containsEntry("ACR_1_2", 2).containsEntry("ACR_1_3", 3);
    }

    @Test
    void aCandidateWithoutAVoteOnceEveryStationIsCountedIsLeftOutAndNotRanked() {
        var listed = EctConventions.listed(race(10, 10, 500, 0, 20));

        assertThat(listed).extracting(CandidateVotes::candidateId).containsExactly("ACR_1_1", "ACR_1_3");
        assertThat(EctConventions.ranks(listed)).containsEntry("ACR_1_3", 2).doesNotContainKey("ACR_1_2");
    }

    @Test
    void whileStationsAreStillUncountedEveryCandidateIsListed() {
        assertThat(EctConventions.listed(race(10, 9, 500, 0, 20))).hasSize(3);
    }

    @Test
    void aPartyWithoutAListIsLeftOutOfAProvincesPartiesAndHasNullPartyListFigures() {
        var noList = new PartyView(1, "801", null, new LocalizedName("ก", "A"), "A", "#000", null);
        var onList = new PartyView(2, "705", 5, new LocalizedName("ข", "B"), "B", "#000", null);

        assertThat(EctConventions.inProvinceParties(noList)).isFalse();
        assertThat(EctConventions.inProvinceParties(onList)).isTrue();
        assertThat(EctConventions.partyListFigure(noList, 0)).isNull();
        assertThat(EctConventions.partyListFigure(onList, 0)).isEqualTo(EctJson.floatCount(0));
        assertThat(EctConventions.constituencyFigure(false, 0)).isNull();
        assertThat(EctConventions.constituencyFigure(true, 38_275)).isEqualTo(EctJson.floatCount(38_275));
    }
}
