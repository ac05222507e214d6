package org.khanaen.assignment;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Locale;
import java.util.Optional;

import org.khanaen.elections.ElectionCatalog;
import org.khanaen.elections.StationView;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** What a place is, in words, for mail and pages: a station's name and where it is, a lead role, a war-room shift. */
@Component
class PlaceDescriptions {

    /** @param mapUrl a link to the place on OpenStreetMap; null for roles without one spot */
    record Described(String title, String address, String mapUrl, Instant start, Instant end, Double latitude, Double longitude) {
    }

    /** What every description of an election needs, read once: the catalog's summaries count 95,000 stations each time. */
    private record Facts(LocalDate day, java.util.Map<String, org.khanaen.elections.LocalizedName> provinces,
            java.util.Map<Long, String> constituencies, AutoAssignment.Homes homes, Instant loadedAt) {
    }

    private static final java.time.Duration FRESH = java.time.Duration.ofMinutes(5);
    private final java.util.Map<String, Facts> facts = new java.util.concurrent.ConcurrentHashMap<>();
    private final ElectionCatalog catalog;
    private final WarRoomShifts shifts;
    private final MessageSource messages;
    private final AssignmentProperties properties;

    PlaceDescriptions(ElectionCatalog catalog, WarRoomShifts shifts, MessageSource messages, AssignmentProperties properties) {
        this.catalog = catalog;
        this.shifts = shifts;
        this.messages = messages;
        this.properties = properties;
    }

    private Facts facts(String electionId) {
        Facts known = facts.get(electionId);
        if (known != null && known.loadedAt().isAfter(Instant.now().minus(FRESH))) {
            return known;
        }
        java.util.Map<String, org.khanaen.elections.LocalizedName> provinces = new java.util.HashMap<>();
        var provinceViews = catalog.provinces(electionId);
        provinceViews.forEach(p -> provinces.put(p.code(), p.name()));
        java.util.Map<Long, String> constituencies = new java.util.HashMap<>();
        catalog.constituencies(electionId, Optional.empty()).forEach(c -> constituencies.put(c.id(), c.code()));
        Facts loaded = new Facts(catalog.election(electionId).map(e -> e.date()).orElse(null), provinces, constituencies,
                new AutoAssignment.Homes(catalog.districts(electionId), provinceViews), Instant.now());
        facts.put(electionId, loaded);
        return loaded;
    }

    /** Where the election's volunteers start from. */
    AutoAssignment.Homes homes(String electionId) {
        return facts(electionId).homes();
    }

    /** The election's day, or null if it has none. */
    LocalDate electionDay(String electionId) {
        return facts(electionId).day();
    }

    Described describe(AssignmentView a, Locale locale) {
        Facts election = facts(a.electionId());
        LocalDate day = election.day() == null ? LocalDate.now(properties.zone()) : election.day();
        // Polls open at 08:00 and close at 17:00; the count is usually signed by 20:00.
        Instant from = day.atTime(LocalTime.of(7, 30)).atZone(properties.zone()).toInstant();
        Instant to = day.atTime(LocalTime.of(20, 0)).atZone(properties.zone()).toInstant();
        return switch (a.tier()) {
            case STATION -> {
                Optional<StationView> station = catalog.station(a.placeId());
                String role = messages.getMessage("assignment.role." + StationRole.at(a.position()).name().toLowerCase(Locale.ROOT), null, locale);
                if (station.isEmpty()) {
                    yield new Described(role, "", null, from, to, null, null);
                }
                StationView s = station.get();
                String province = Optional.ofNullable(election.provinces().get(s.province())).map(n -> n.in(locale)).orElse(s.province());
                String address = s.name().in(locale) + ", " + s.constituency() + ", " + province;
                yield new Described(role + " · " + s.code(), address, map(s.latitude(), s.longitude()), from, to, s.latitude(), s.longitude());
            }
            case CONSTITUENCY_LEAD -> {
                String code = election.constituencies().getOrDefault(a.placeId(), String.valueOf(a.placeId()));
                yield new Described(messages.getMessage("assignment.role.lead", new Object[] { code }, locale), code, null, from, to, null, null);
            }
            case WAR_ROOM -> {
                var shift = shifts.find(a.placeId());
                String name = shift.map(WarRoomShifts.Shift::name).orElse("");
                yield new Described(messages.getMessage("assignment.role.war-room", new Object[] { name, a.position() }, locale),
                        messages.getMessage("assignment.war-room.address", null, locale),
                        map(properties.warRoomLatitude(), properties.warRoomLongitude()),
                        shift.map(WarRoomShifts.Shift::startsAt).orElse(from), shift.map(WarRoomShifts.Shift::endsAt).orElse(to),
                        properties.warRoomLatitude(), properties.warRoomLongitude());
            }
        };
    }

    /**
     * The assignment as a calendar event: the same UID for the same assignment and a higher SEQUENCE after each change,
     * so that calendars update the event when it moves rather than add a second one.
     */
    byte[] calendar(AssignmentView a, Locale locale) {
        Described where = describe(a, locale);
        return CalendarFile.event("assignment-" + a.id().value() + "@khanaen", a.version(), where.start(), where.end(), where.title(), where.address(),
                where.mapUrl() == null ? "" : where.mapUrl(), where.mapUrl());
    }

    static String map(double latitude, double longitude) {
        return "https://www.openstreetmap.org/?mlat=" + latitude + "&mlon=" + longitude + "#map=17/" + latitude + "/" + longitude;
    }
}
