package org.khanaen.web.live;

import java.text.Collator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.khanaen.elections.LocalizedName;
import org.khanaen.results.LiveResults;
import org.springframework.stereotype.Component;

/**
 * The national page's two charts, drawn on the server as SVG (the CSP allows no inline script or style): the
 * parliament's seats as a hemicycle, and the constituencies as tiles grouped by province. The tiles need every
 * province's constituency lines, so they are made once per results version, not once per page view.
 */
@Component
class SeatCharts {

    /** Rows of the hemicycle: 12 rows hold 500 seats with room between the dots. */
    private static final int ROWS = 12;
    private static final double WIDTH = 400, INNER = 0.38;
    static final String EMPTY = "#d4dae0";

    /**
     * One seat. {@code state}: "decided" (a constituency won beyond doubt), "leading" (led, or a projected party-list
     * seat) or "open" (nobody's yet).
     */
    record Seat(double x, double y, String colour, String state, String party) {
    }

    /** @param r a seat dot's radius, in the view box's units */
    record Hemicycle(double width, double height, double r, int total, int filled, List<Seat> seats) {
    }

    /** A constituency's tile: the leading party's colour, whether decided, and where to go. */
    record Tile(String code, int number, String colour, String state, String party, double x, double y) {
    }

    /** A province's tiles, in an SVG of its own (so a phone's screen wraps provinces, not tiles). */
    record ProvinceTiles(String code, LocalizedName name, double width, double height, List<Tile> tiles) {
    }

    private record Made(long version, String key, List<ProvinceTiles> tiles) {
    }

    private final LiveResults live;
    private final Map<String, Made> made = new ConcurrentHashMap<>();

    SeatCharts(LiveResults live) {
        this.live = live;
    }

    /**
     * The hemicycle of all the seats at stake, parties in order of seats (most first, from the left), each party's
     * decided constituencies first; seats nobody holds yet stay grey.
     */
    static Hemicycle hemicycle(LiveResults.NationalResults results, Locale locale) {
        int total = results.seats().partyList() + results.seats().constituencies();
        if (total <= 0) {
            return new Hemicycle(WIDTH, WIDTH / 2, 0, 0, 0, List.of());
        }
        double outer = WIDTH / 2 - 6;
        double[] radius = new double[ROWS];
        double sum = 0;
        for (int i = 0; i < ROWS; i++) {
            radius[i] = outer * (INNER + (1 - INNER) * i / (ROWS - 1));
            sum += radius[i];
        }
        // seats per row in proportion to the row's length, largest remainders make up the total
        int[] perRow = new int[ROWS];
        double[] rest = new double[ROWS];
        int given = 0;
        for (int i = 0; i < ROWS; i++) {
            double exact = total * radius[i] / sum;
            perRow[i] = (int) Math.floor(exact);
            rest[i] = exact - perRow[i];
            given += perRow[i];
        }
        while (given < total) {
            int best = 0;
            for (int i = 1; i < ROWS; i++) {
                if (rest[i] > rest[best]) {
                    best = i;
                }
            }
            perRow[best]++;
            rest[best] = -1;
            given++;
        }
        record Place(double angle, double x, double y) {
        }
        double cx = WIDTH / 2, cy = WIDTH / 2 - 2;
        List<Place> places = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            for (int j = 0; j < perRow[i]; j++) {
                double angle = perRow[i] == 1 ? Math.PI / 2 : Math.PI * j / (perRow[i] - 1);
                places.add(new Place(angle, cx - radius[i] * Math.cos(angle), cy - radius[i] * Math.sin(angle)));
            }
        }
        // left to right: each party gets a wedge, as parliaments are drawn
        places.sort(Comparator.comparingDouble(Place::angle).thenComparingDouble(p -> -Math.hypot(p.x() - cx, p.y() - cy)));
        List<Seat> seats = new ArrayList<>(total);
        int at = 0;
        for (LiveResults.PartyResult p : results.parties()) {
            String colour = DashboardController.ProvinceMap.colour(p.colour());
            String name = p.name().in(locale);
            int decided = Math.min(p.constituencySeatsDecided(), p.totalSeats());
            for (int s = 0; s < p.totalSeats() && at < places.size(); s++, at++) {
                Place place = places.get(at);
                seats.add(new Seat(round(place.x()), round(place.y()), colour, s < decided ? "decided" : "leading", name));
            }
        }
        int filled = at;
        for (; at < places.size(); at++) {
            seats.add(new Seat(round(places.get(at).x()), round(places.get(at).y()), EMPTY, "open", null));
        }
        double step = Math.PI * radius[ROWS - 1] / Math.max(1, perRow[ROWS - 1] - 1);
        double gap = (radius[ROWS - 1] - radius[0]) / (ROWS - 1);
        return new Hemicycle(WIDTH, WIDTH / 2 + 2, round(Math.min(step, gap) * 0.42), total, filled, seats);
    }

    /** Tiles per province, provinces in the reader's alphabetical order (Thai collation for Thai). */
    List<ProvinceTiles> tiles(String electionId, List<LiveResults.ProvinceSummary> provinces, Map<String, String> colours, Locale locale) {
        String key = electionId + "|" + locale.getLanguage();
        long version = live.version(electionId);
        Made m = made.get(key);
        if (m != null && m.version() == version) {
            return m.tiles();
        }
        Collator collator = Collator.getInstance(locale.getLanguage().equals("en") ? Locale.ENGLISH : Locale.forLanguageTag("th"));
        List<LiveResults.ProvinceSummary> ordered = provinces.stream()
                .sorted(Comparator.comparing(p -> p.name().in(locale), collator)).toList();
        List<ProvinceTiles> out = new ArrayList<>();
        for (LiveResults.ProvinceSummary p : ordered) {
            var results = live.province(electionId, p.code(), LiveResults.View.VERIFIED).orElse(null);
            if (results == null) {
                continue;
            }
            List<LiveResults.ConstituencyLine> lines = results.constituencies().stream()
                    .sorted(Comparator.comparingInt(LiveResults.ConstituencyLine::number)).toList();
            int columns = Math.min(lines.size(), 11);
            List<Tile> tiles = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                LiveResults.ConstituencyLine c = lines.get(i);
                boolean led = c.leaderPartyId() != null && !c.tied();
                String colour = led ? colours.getOrDefault(c.leaderPartyId(), DashboardController.ProvinceMap.colour(null)) : EMPTY;
                tiles.add(new Tile(c.code(), c.number(), colour, !led ? "open" : c.decided() ? "decided" : "leading", c.leaderPartyId(),
                        (i % columns) * TILE_STEP, (i / columns) * TILE_STEP));
            }
            int rows = (lines.size() + columns - 1) / Math.max(1, columns);
            out.add(new ProvinceTiles(p.code(), p.name(), Math.max(1, columns) * TILE_STEP, Math.max(1, rows) * TILE_STEP, tiles));
        }
        made.put(key, new Made(version, key, out));
        return out;
    }

    /** One decimal: the page carries 500 seats' coordinates. */
    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    /** A tile's side and the gap after it, in CSS pixels (the SVG is drawn at its own size). */
    static final double TILE = 22, TILE_STEP = 25;
}
