package org.khanaen.elections.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class LargestRemainderTests {

    @Test
    void thePartsAlwaysAddUpToTheTotal() {
        long[] parts = LargestRemainder.share(10, new double[] { 1, 1, 1 });
        assertThat(parts).containsExactly(4, 3, 3);
        assertThat(Arrays.stream(LargestRemainder.share(6817, new double[] { 0.3, 17.2, 5, 9.9 })).sum()).isEqualTo(6817);
    }

    @Test
    void theLeftoverGoesToTheLargestRemainder() {
        // quotas 2.4, 3.6, 4.0 -> floors 2, 3, 4 and the tenth unit to the 0.6 remainder
        assertThat(LargestRemainder.share(10, new double[] { 24, 36, 40 })).containsExactly(2, 4, 4);
    }

    @Test
    void everyoneCanBeGivenAtLeastOne() {
        assertThat(LargestRemainder.shareAtLeastOne(5, new double[] { 1000, 1, 1 })).containsExactly(3, 1, 1);
    }
}
