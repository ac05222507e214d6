package org.khanaen.benchmarks;

import java.util.List;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * One fault drill: its set-up in an in-process application (closed before the node starts), what its node needs,
 * the stream of work it sends, and the counts it checks afterwards. Several drills can share one schema, one node
 * and one kill ({@code ./khanaen drill all}).
 */
interface Drill extends AutoCloseable {

    String name();

    /** Everything the stream needs, written through the application's own services. */
    void setUp(ConfigurableApplicationContext app, String url) throws Exception;

    /** More arguments for the node. */
    default List<String> nodeArguments() {
        return List.of();
    }

    /** The jobs to send; each step's name is unique to this drill. */
    List<List<KillStream.Step>> jobs(ChildApp node);

    /**
     * What strikes part-way instead of the node's kill (the database server's, the chain node's); null: the node is
     * killed and started again.
     */
    default KillStream.Fault fault(ChildApp node) {
        return null;
    }

    /** Called just before the node is killed. */
    default void beforeKill(ChildApp node) throws Exception {
    }

    /** The database (and the node) counted after the stream. */
    DrillResult verify(String url, ChildApp node, KillStream.Outcome outcome) throws Exception;

    /** Whatever the drill started beside the node (a local chain). */
    @Override
    default void close() {
    }
}
