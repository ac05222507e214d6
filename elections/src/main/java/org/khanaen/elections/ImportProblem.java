package org.khanaen.elections;

/**
 * One thing wrong with an import file.
 *
 * @param file   the file's name, as the administrator knows it
 * @param record which record: its position and key, e.g. {@code record 17 (cons_id "BKK_1")}; empty for the whole file
 * @param message what is wrong
 */
public record ImportProblem(String file, String record, String message) implements java.io.Serializable {

    @Override
    public String toString() {
        return file + (record == null || record.isEmpty() ? "" : ", " + record) + ": " + message;
    }
}
