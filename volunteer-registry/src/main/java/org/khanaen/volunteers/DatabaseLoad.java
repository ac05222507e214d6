package org.khanaen.volunteers;

import java.sql.SQLException;

import javax.sql.DataSource;

import org.springframework.stereotype.Component;

import com.zaxxer.hikari.HikariDataSource;

/** Whether anyone is waiting for a database connection: background work such as the retention purge gives way. */
@Component
class DatabaseLoad {

    private final DataSource dataSource;

    DatabaseLoad(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    boolean busy() {
        try {
            var pool = dataSource.unwrap(HikariDataSource.class).getHikariPoolMXBean();
            return pool != null && pool.getThreadsAwaitingConnection() > 0;
        } catch (SQLException notHikari) {
            return false;
        }
    }
}
