package org.khanaen.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.khanaen.results.checks.CheckContext;
import org.khanaen.results.checks.Checks;
import org.khanaen.results.checks.Findings;
import org.khanaen.results.checks.Tally;

/**
 * The checks on thousands of generated counts, honest and not (a fixed seed each, printed with any failure so
 * that it can be replayed): whatever whole numbers a phone or an app sends, a final count whose arithmetic is
 * wrong is never accepted, not even with the warnings confirmed, and an honest one always passes without an error.
 */
class GeneratedCountsTests {

    private static final Set<Integer> NUMBERS = Set.of(1, 2, 3, 4, 5);
    private static final long[] EDGES = { 0, 1, -1, Long.MAX_VALUE, Long.MIN_VALUE, 1L << 62, (1L << 62) + 1, -(1L << 62), 1L << 63 >>> 1,
            Integer.MAX_VALUE, Integer.MAX_VALUE + 1L };

    private static CheckContext context(int registered) {
        return new CheckContext(registered, NUMBERS, Set.of(), Optional.empty(), List.of(), List.of(), CheckContext.Tolerances.DEFAULT);
    }

    private static long anyNumber(SplittableRandom random) {
        return switch (random.nextInt(4)) {
            case 0 -> random.nextLong(-5, 1_000);
            case 1 -> EDGES[random.nextInt(EDGES.length)];
            case 2 -> random.nextLong();
            default -> random.nextLong(0, 3_000);
        };
    }

    private static Tally anyFinalCount(SplittableRandom random) {
        Map<Integer, Long> votes = new TreeMap<>();
        int numbers = random.nextInt(7);
        for (int i = 0; i < numbers; i++) {
            votes.put(random.nextInt(0, 7), anyNumber(random));
        }
        return new Tally(votes, anyNumber(random), anyNumber(random), anyNumber(random), anyNumber(random), true);
    }

    /** The arithmetic of the count form, exactly (no long can overflow here). */
    private static boolean arithmeticHolds(Tally t, int registered) {
        BigInteger sum = t.votes().values().stream().map(BigInteger::valueOf).reduce(BigInteger.ZERO, BigInteger::add);
        BigInteger ballots = BigInteger.valueOf(t.valid()).add(BigInteger.valueOf(t.invalid())).add(BigInteger.valueOf(t.noVote()));
        boolean nonNegative = t.valid() >= 0 && t.invalid() >= 0 && t.noVote() >= 0 && t.ballotsUsed() >= 0
                && t.votes().values().stream().allMatch(x -> x >= 0);
        return nonNegative && NUMBERS.containsAll(t.votes().keySet()) && sum.equals(BigInteger.valueOf(t.valid()))
                && ballots.equals(BigInteger.valueOf(t.ballotsUsed())) && t.ballotsUsed() <= registered;
    }

    @Test
    void aFinalCountIsAcceptedExactlyWhenItsArithmeticHolds() {
        for (long seed = 1; seed <= 20_000; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            Tally count = anyFinalCount(random);
            int registered = random.nextInt(0, 3_000);
            Findings findings = Checks.run(count, context(registered));
            if (arithmeticHolds(count, registered)) {
                assertThat(findings.errors()).as("seed %d: %s", seed, count).isEmpty();
            } else {
                assertThat(findings.acceptable(true)).as("seed %d, refused even with the warnings confirmed: %s", seed, count).isFalse();
            }
        }
    }

    /** Found while writing the generator: four candidates at 2^62 each "added up" to 0 valid ballots in a long. */
    @Test
    void votesSoLargeThatTheirSumOverflowsAreRefused() {
        long huge = 1L << 62;
        Tally overflowing = new Tally(Map.of(1, huge, 2, huge, 3, huge, 4, huge), 0, 0, 0, 0, true);
        assertThat(Checks.run(overflowing, context(500)).acceptable(true)).isFalse();
        Tally wrapped = new Tally(Map.of(1, Long.MAX_VALUE, 2, 2L), Long.MIN_VALUE + 1, 0, 0, Long.MIN_VALUE + 1, true);
        assertThat(Checks.run(wrapped, context(500)).acceptable(true)).isFalse();
    }

    @Test
    void everyHonestCountPassesWithoutAnError() {
        for (long seed = 1; seed <= 5_000; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            int registered = random.nextInt(0, 3_000);
            long ballots = registered == 0 ? 0 : random.nextLong(0, registered + 1L);
            long invalid = ballots == 0 ? 0 : random.nextLong(0, ballots / 10 + 1);
            long noVote = ballots - invalid == 0 ? 0 : random.nextLong(0, (ballots - invalid) / 10 + 1);
            long valid = ballots - invalid - noVote;
            Map<Integer, Long> votes = new TreeMap<>();
            long left = valid;
            int candidates = random.nextInt(1, NUMBERS.size() + 1);
            for (int number = 1; number <= candidates; number++) {
                long v = number == candidates ? left : random.nextLong(0, left + 1);
                votes.put(number, v);
                left -= v;
            }
            Tally count = new Tally(votes, valid, invalid, noVote, ballots, true);
            assertThat(Checks.run(count, context(registered)).errors()).as("seed %d: %s", seed, count).isEmpty();
        }
    }
}
