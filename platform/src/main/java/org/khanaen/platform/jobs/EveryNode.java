package org.khanaen.platform.jobs;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A scheduled method that must run on every node, not once across the cluster: it keeps this node's own memory
 * fresh (a cache read from the database). Every other {@code @Scheduled} method takes a cluster-wide lease with
 * {@code @SchedulerLock}; web's architecture rules hold each to one of the two.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface EveryNode {

    /** Why this job is per node. */
    String value();
}
