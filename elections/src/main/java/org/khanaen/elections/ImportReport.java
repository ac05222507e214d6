package org.khanaen.elections;

import java.util.List;

/**
 * What an import loaded.
 *
 * @param warnings things the administrator should know but that did not stop the import, e.g. a
 *                 constituency zone whose district was matched by a near spelling
 */
public record ImportReport(String electionId, ElectionCounts counts, long millis, List<String> warnings) implements java.io.Serializable {
}
