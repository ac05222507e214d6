package org.khanaen.web.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param nodes how many app nodes share the load balancer's traffic. A media outlet's calls a minute are counted on
 *              each node (a shared count would be a replicated database write on every call of the busiest read
 *              path); each node allows its share, so with the load balancer spreading calls evenly the outlet gets
 *              about its rate across the cluster.
 */
@ConfigurationProperties("khanaen.cluster")
record ClusterSize(@DefaultValue("1") int nodes) {

    ClusterSize {
        if (nodes < 1) {
            throw new IllegalArgumentException("khanaen.cluster.nodes must be at least 1");
        }
    }

    /** This node's share of a rate, never below one call. */
    int share(int perMinute) {
        return Math.max(1, (perMinute + nodes - 1) / nodes);
    }
}
