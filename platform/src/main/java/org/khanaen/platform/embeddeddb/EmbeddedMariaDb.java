package org.khanaen.platform.embeddeddb;

import org.springframework.beans.factory.DisposableBean;

/**
 * A Spring context's hold on the embedded server. The server is shared by every context of the JVM
 * using the same data folder, and stops when the last holder is destroyed; because the DataSource
 * depends on this bean, Spring destroys this only after the pool (and everything using it) is closed.
 */
public final class EmbeddedMariaDb implements DisposableBean {

    private final EmbeddedMariaDbServers.Lease lease;

    /** Starts the server for this data folder, or shares the one already running in this JVM. */
    public EmbeddedMariaDb(EmbeddedDatabaseProperties properties) {
        this.lease = EmbeddedMariaDbServers.acquire(properties);
    }

    public String jdbcUrl() {
        return lease.jdbcUrl();
    }

    public int port() {
        return lease.port();
    }

    @Override
    public void destroy() {
        lease.release();
    }
}
