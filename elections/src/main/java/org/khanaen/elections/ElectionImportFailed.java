package org.khanaen.elections;

import java.util.List;
import java.util.stream.Collectors;

/** An import that loaded nothing, with every problem found (up to a limit). */
public class ElectionImportFailed extends RuntimeException {

    private final List<ImportProblem> problems;

    public ElectionImportFailed(List<ImportProblem> problems) {
        super(problems.size() + " problem(s), nothing was imported:\n  "
                + problems.stream().map(ImportProblem::toString).collect(Collectors.joining("\n  ")));
        this.problems = List.copyOf(problems);
    }

    public List<ImportProblem> problems() {
        return problems;
    }
}
