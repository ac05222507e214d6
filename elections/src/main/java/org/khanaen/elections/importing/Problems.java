package org.khanaen.elections.importing;

import java.util.ArrayList;
import java.util.List;

import org.khanaen.elections.ElectionImportFailed;
import org.khanaen.elections.ImportProblem;
import org.khanaen.elections.importing.ElectionDefinition.Origin;

/** Collects what is wrong, so one import run tells the administrator everything at once. */
public final class Problems {

    static final int LIMIT = 100;
    private final List<ImportProblem> found = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private int more;

    /** Not wrong enough to stop the import, but worth telling the administrator. */
    public void warn(Origin origin, String message) {
        warnings.add(new ImportProblem(origin.file(), origin.record(), message).toString());
    }

    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    public void add(Origin origin, String message) {
        if (found.size() < LIMIT) {
            found.add(new ImportProblem(origin.file(), origin.record(), message));
        } else {
            more++;
        }
    }

    public boolean any() {
        return !found.isEmpty();
    }

    /** Stops the import when anything was found; nothing has been written at this point. */
    public void throwIfAny() {
        if (found.isEmpty()) {
            return;
        }
        List<ImportProblem> all = new ArrayList<>(found);
        if (more > 0) {
            all.add(new ImportProblem("", "", "and " + more + " more problem(s)"));
        }
        throw new ElectionImportFailed(all);
    }
}
