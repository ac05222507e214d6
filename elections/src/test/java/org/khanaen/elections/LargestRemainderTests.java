package org.khanaen.elections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The party-list seat rule, and the sharing out of generated stations and voters, worked by hand. */
class LargestRemainderTests {

    @Test
    void exactSharesNeedNoRemainders() {
        var a = LargestRemainder.allocate(100, votes("A", 500, "B", 300, "C", 200));
        assertThat(a.seats()).containsExactlyInAnyOrderEntriesOf(Map.of("A", 50, "B", 30, "C", 20));
        assertThat(a.undecided()).isZero();
        assertThat(a.tied()).isEmpty();
    }

    @Test
    void theLeftOverSeatGoesToTheLargestRemainder() {
        // 10 seats over 10,000 votes: 4.6, 3.0, 1.4, 1.0 → 4 + 3 + 1 + 1 = 9 whole, the tenth to A (.6 beats .4)
        var a = LargestRemainder.allocate(10, votes("A", 4600, "B", 3000, "C", 1400, "D", 1000));
        assertThat(a.seats()).containsExactlyInAnyOrderEntriesOf(Map.of("A", 5, "B", 3, "C", 1, "D", 1));
        assertThat(a.undecided()).isZero();
    }

    @Test
    void aSmallPartyCanWinASeatOnItsRemainderAlone() {
        // 5 seats over 1,000: 3.45, 1.05, 0.5 → 3 + 1 + 0 = 4, the fifth to C (.5 beats .45 and .05)
        var a = LargestRemainder.allocate(5, votes("A", 690, "B", 210, "C", 100));
        assertThat(a.seats()).containsExactlyInAnyOrderEntriesOf(Map.of("A", 3, "B", 1, "C", 1));
    }

    @Test
    void tiedRemaindersGetSeatsOnlyWhenTheyAllFit() {
        // 4 seats over 600 votes: A 2.0, B, C and D 0.667 each → 2 whole; two seats left for three equal remainders → drawn
        var a = LargestRemainder.allocate(4, votes("A", 300, "B", 100, "C", 100, "D", 100));
        assertThat(a.seats()).containsExactlyInAnyOrderEntriesOf(Map.of("A", 2, "B", 0, "C", 0, "D", 0));
        assertThat(a.undecided()).isEqualTo(2);
        assertThat(a.tied()).containsExactly("B", "C", "D");
        // with 5 seats: 2.5, 0.833 × 3 → 2 whole for A, three left for B, C, D whose remainders (.833) beat A's (.5)
        var b = LargestRemainder.allocate(5, votes("A", 300, "B", 100, "C", 100, "D", 100));
        assertThat(b.seats()).containsExactlyInAnyOrderEntriesOf(Map.of("A", 2, "B", 1, "C", 1, "D", 1));
        assertThat(b.undecided()).isZero();
        assertThat(b.tied()).isEmpty();
    }

    @Test
    void aTieForTheLastSeatIsLeftToTheLot() {
        // 3 seats, two equal parties: 1.5 each → one seat each, the third is drawn between them
        var a = LargestRemainder.allocate(3, votes("A", 7, "B", 7));
        assertThat(a.seats()).containsExactlyInAnyOrderEntriesOf(Map.of("A", 1, "B", 1));
        assertThat(a.undecided()).isEqualTo(1);
        assertThat(a.tied()).containsExactly("A", "B");
    }

    @Test
    void aTieAboveTheLastSeatIsNoTie() {
        // 100 seats over 3 × 1 + 2 votes (5): 20 whole each for the three ones (no remainder) and 40 for the 2 → exact
        var a = LargestRemainder.allocate(100, votes("A", 1, "B", 1, "C", 1, "D", 2));
        assertThat(a.seats()).containsExactlyInAnyOrderEntriesOf(Map.of("A", 20, "B", 20, "C", 20, "D", 40));
        // 7 seats over 1, 1, 2 (4): 1.75, 1.75, 3.5 → 1 + 1 + 3 = 5; two left: the tied .75s both fit, before D's .5
        var b = LargestRemainder.allocate(7, votes("A", 1, "B", 1, "D", 2));
        assertThat(b.seats()).containsExactlyInAnyOrderEntriesOf(Map.of("A", 2, "B", 2, "D", 3));
        assertThat(b.undecided()).isZero();
    }

    @Test
    void partiesWithoutVotesGetNothingAndNoVotesDecideNothing() {
        var a = LargestRemainder.allocate(100, votes("A", 0, "B", 10));
        assertThat(a.seats()).containsExactlyInAnyOrderEntriesOf(Map.of("B", 100));
        var none = LargestRemainder.allocate(100, votes("A", 0, "B", 0));
        assertThat(none.seats()).isEmpty();
        assertThat(none.undecided()).isEqualTo(100);
        assertThat(none.tied()).isEmpty();
    }

    @Test
    void nationalSizedNumbersDoNotOverflow() {
        // 2023-sized totals: 100 seats over ~37.6 million votes, every seat given, none twice
        var a = LargestRemainder.allocate(100, votes("A", 14_438_851, "B", 10_962_522, "C", 4_766_408, "D", 1_138_202, "E", 925_349,
                "F", 537_625, "G", 5_000_000));
        assertThat(a.seats().values().stream().mapToInt(Integer::intValue).sum() + a.undecided()).isEqualTo(100);
        assertThat(a.undecided()).isZero();
    }

    @Test
    void negativeNumbersAreRefused() {
        assertThatThrownBy(() -> LargestRemainder.allocate(10, votes("A", -1, "B", 3))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LargestRemainder.allocate(-1, votes("A", 1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void equalRemaindersAreEqualWhereDoublesWouldHaveSplitThem() {
        // 2 seats over 1, 3 and 10 votes (14): 2/14, 6/14, 20/14 → 0 + 0 + 1 whole, remainders 1/7, 3/7, 3/7: B and C tie
        // for the last seat. In doubles 6/14 = 0.42857142857142855 but 20/14 − 1 = 0.4285714285714286, so C took both.
        var a = LargestRemainder.allocate(2, votes("A", 1, "B", 3, "C", 10));
        assertThat(a.seats()).containsExactlyInAnyOrderEntriesOf(Map.of("A", 0, "B", 0, "C", 1));
        assertThat(a.undecided()).isEqualTo(1);
        assertThat(a.tied()).containsExactly("B", "C");
        // sharing out gives the tie to the earlier entry, B: doubles gave {0, 0, 2}
        assertThat(LargestRemainder.share(2, new double[] { 1, 3, 10 })).containsExactly(0, 1, 1);
    }

    @Test
    void sharedPartsAlwaysAddUpToTheTotal() {
        assertThat(LargestRemainder.share(10, new double[] { 1, 1, 1 })).containsExactly(4, 3, 3);
        assertThat(Arrays.stream(LargestRemainder.share(6817, new double[] { 0.3, 17.2, 5, 9.9 })).sum()).isEqualTo(6817);
    }

    @Test
    void theSharedLeftoverGoesToTheLargestRemainder() {
        // quotas 2.4, 3.6, 4.0 -> floors 2, 3, 4 and the tenth unit to the 0.6 remainder
        assertThat(LargestRemainder.share(10, new double[] { 24, 36, 40 })).containsExactly(2, 4, 4);
    }

    @Test
    void everyoneCanBeGivenAtLeastOne() {
        assertThat(LargestRemainder.shareAtLeastOne(5, new double[] { 1000, 1, 1 })).containsExactly(3, 1, 1);
    }

    @Test
    void nothingToShareGivesNothing() {
        assertThat(LargestRemainder.share(0, new double[] { 1, 2 })).containsExactly(0, 0);
        assertThat(LargestRemainder.share(5, new double[] { 0, 0 })).containsExactly(0, 0);
        assertThat(LargestRemainder.share(5, new double[0])).isEmpty();
    }

    @Test
    void countsTooLargeForLongArithmeticAreStillExact() {
        // 3 × (MAX / 3) votes, 100 seats: votes × seats overflows a long, so the rule works in BigInteger; 33 each and
        // the last seat tied three ways
        long third = Long.MAX_VALUE / 3;
        var a = LargestRemainder.allocate(100, votes("A", third, "B", third, "C", third));
        assertThat(a.seats()).containsExactlyInAnyOrderEntriesOf(Map.of("A", 33, "B", 33, "C", 33));
        assertThat(a.undecided()).isEqualTo(1);
        assertThat(a.tied()).containsExactly("A", "B", "C");
    }

    @Test
    void byIndexTheRuleIsTheSameAndPartiesWithoutVotesTakeNoPart() {
        var s = LargestRemainder.seats(3, new long[] { 0, 7, 0, 7 });
        assertThat(s.seats()).containsExactly(0, 1, 0, 1);
        assertThat(s.undecided()).isEqualTo(1);
        assertThat(s.tied()).containsExactly(false, true, false, true);
        assertThat(LargestRemainder.seats(10, new long[] { 4600, 3000, 1400, 1000 }).seats()).containsExactly(5, 3, 1, 1);
    }

    private static Map<String, Long> votes(Object... pairs) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], ((Number) pairs[i + 1]).longValue());
        }
        return m;
    }
}
