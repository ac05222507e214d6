package org.khanaen.web.live;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

import org.khanaen.elections.ElectionCatalog;
import org.khanaen.elections.ElectionImported;
import org.khanaen.elections.ElectionSummary;
import org.khanaen.elections.PartyView;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The catalogue as the public results pages show it (the election, its contests' names, its parties), kept
 * {@value #KEEP_SECONDS} s. Read for every page rendered it was eight statements, counts over all the election's
 * stations and candidates among them: a few hundred readers straight at the app (the rehearsal's, issue 23) held every
 * database connection and their pages timed out, though the results themselves are in memory. An import on this node
 * drops it at once; one on another node shows within {@value #KEEP_SECONDS} s (as the ECT feed's reference files).
 */
@Component
class PublicCatalogue {

    static final int KEEP_SECONDS = 10;

    private record Kept(ElectionSummary election, Map<String, PartyView> parties, long at) {
    }

    private final ElectionCatalog catalog;
    private final LongSupplier nanos;
    private final Map<String, Kept> kept = new ConcurrentHashMap<>();

    @Autowired
    PublicCatalogue(ElectionCatalog catalog) {
        this(catalog, System::nanoTime);
    }

    /** @param nanos the clock (System.nanoTime; a test's own) */
    PublicCatalogue(ElectionCatalog catalog, LongSupplier nanos) {
        this.catalog = catalog;
        this.nanos = nanos;
    }

    /** The election; empty when there is none (not kept: asked again next time). */
    Optional<ElectionSummary> election(String electionId) {
        return Optional.ofNullable(kept(electionId)).map(Kept::election);
    }

    /** The election's parties by code (empty when there is no such election). */
    Map<String, PartyView> parties(String electionId) {
        Kept k = kept(electionId);
        return k == null ? Map.of() : k.parties();
    }

    private Kept kept(String electionId) {
        long now = nanos.getAsLong();
        Kept k = kept.get(electionId);
        if (k != null && now - k.at() < KEEP_SECONDS * 1_000_000_000L) {
            return k;
        }
        ElectionSummary election = catalog.election(electionId).orElse(null);
        if (election == null) {
            kept.remove(electionId);
            return null;
        }
        Map<String, PartyView> parties = catalog.parties(electionId).stream()
                .collect(Collectors.toMap(PartyView::code, Function.identity(), (a, b) -> a));
        k = new Kept(election, parties, now);
        kept.put(electionId, k);
        return k;
    }

    @EventListener
    void on(ElectionImported imported) {
        kept.remove(imported.electionId());
    }
}
