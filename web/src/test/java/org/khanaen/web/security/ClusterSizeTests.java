package org.khanaen.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ClusterSizeTests {

    @Test
    void eachNodeAllowsItsShareOfAnOutletsRateSoTheClusterAllowsAboutTheRate() {
        assertThat(new ClusterSize(1).share(600)).isEqualTo(600);
        assertThat(new ClusterSize(2).share(600)).isEqualTo(300);
        assertThat(new ClusterSize(3).share(100)).isEqualTo(34); // rounded up: never less than the rate in all
    }

    @Test
    void aNodeAlwaysAllowsAtLeastOneCall() {
        assertThat(new ClusterSize(4).share(1)).isEqualTo(1);
    }

    @Test
    void aClusterHasAtLeastOneNode() {
        assertThatThrownBy(() -> new ClusterSize(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
