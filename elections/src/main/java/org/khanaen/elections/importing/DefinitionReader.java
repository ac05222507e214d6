package org.khanaen.elections.importing;

import java.util.ArrayList;
import java.util.List;

import org.khanaen.elections.BallotKind;
import org.khanaen.elections.ContestScope;
import org.khanaen.elections.ElectionKind;
import org.khanaen.elections.SeatRule;
import org.khanaen.elections.importing.ElectionDefinition.CandidateDef;
import org.khanaen.elections.importing.ElectionDefinition.ConstituencyDef;
import org.khanaen.elections.importing.ElectionDefinition.ContestDef;
import org.khanaen.elections.importing.ElectionDefinition.DistrictDef;
import org.khanaen.elections.importing.ElectionDefinition.Generated;
import org.khanaen.elections.importing.ElectionDefinition.Listed;
import org.khanaen.elections.importing.ElectionDefinition.Origin;
import org.khanaen.elections.importing.ElectionDefinition.PartyDef;
import org.khanaen.elections.importing.ElectionDefinition.ProvinceDef;
import org.khanaen.elections.importing.ElectionDefinition.StationDef;
import org.khanaen.elections.importing.ElectionDefinition.StationPlan;
import org.khanaen.elections.importing.ElectionDefinition.ZoneDef;

/**
 * Reads Khanaen's own election definition format ({@code "format": "khanaen-election/1"}, see
 * docs/election-format.md): one JSON file for any election, national or local.
 */
public final class DefinitionReader {

    public static final String FORMAT = "khanaen-election/1";

    private DefinitionReader() {
    }

    public static ElectionDefinition read(SourceFile file, Problems problems) {
        var root = JsonRecord.parse(file, problems);
        problems.throwIfAny();
        JsonRecord election = JsonRecord.of(root.get(), Origin.of(file.name()), problems);
        if (!root.get().isObject()) {
            problems.add(Origin.of(file.name()), "expected one JSON object describing the election");
            problems.throwIfAny();
        }
        String format = election.text("format");
        if (format != null && !FORMAT.equals(format)) {
            problems.add(election.origin(), "field \"format\" must be \"" + FORMAT + "\", not \"" + format + "\"");
            problems.throwIfAny();
        }
        String[] name = election.name("name");
        ElectionDefinition definition = new ElectionDefinition(election.origin(), election.text("id"), name[0], name[1],
                election.choice("kind", ElectionKind.class), election.date("date"), election.optionalText("source"),
                provinces(election), districts(election), constituencies(election), contests(election),
                parties(election), candidates(election),
                election.has("stations") ? listedStations(election) : stationPlan(election, problems));
        problems.throwIfAny();
        return definition;
    }

    public static List<ContestDef> contests(JsonRecord election) {
        List<ContestDef> contests = new ArrayList<>();
        for (JsonRecord r : election.list("contests", "contests", "code")) {
            String[] name = r.name("name");
            Long seats = r.number("seats");
            contests.add(new ContestDef(r.origin(), r.text("code"), name[0], name[1], r.choice("scope", ContestScope.class),
                    r.choice("ballot", BallotKind.class), seats == null ? 0 : seats.intValue(),
                    r.choice("seat_rule", SeatRule.class)));
        }
        return contests;
    }

    public static StationPlan stationPlan(JsonRecord election, Problems problems) {
        JsonRecord plan = election.object("station_generation");
        if (plan == null) {
            return new Generated(election.origin(), 0, null, null);
        }
        Long seed = plan.number("seed");
        Long perStation = plan.optionalNumber("voters_per_station");
        Long total = plan.optionalNumber("total");
        if ((perStation == null) == (total == null)) {
            problems.add(plan.origin(), "give exactly one of \"voters_per_station\" and \"total\"");
        }
        return new Generated(plan.origin(), seed == null ? 0 : seed,
                perStation == null ? null : perStation.intValue(), total == null ? null : total.intValue());
    }

    private static List<ProvinceDef> provinces(JsonRecord election) {
        List<ProvinceDef> provinces = new ArrayList<>();
        for (JsonRecord r : election.list("provinces", "provinces", "code")) {
            String[] name = r.name("name");
            provinces.add(new ProvinceDef(r.origin(), r.text("code"), r.optionalText("ect_id"), name[0], name[1],
                    r.optionalDecimal("latitude"), r.optionalDecimal("longitude"), r.optionalNumber("registered_voters"),
                    r.optionalText("abbreviation"), null));
        }
        return provinces;
    }

    private static List<DistrictDef> districts(JsonRecord election) {
        List<DistrictDef> districts = new ArrayList<>();
        if (!election.has("districts")) {
            return districts;
        }
        for (JsonRecord r : election.list("districts", "districts", "code")) {
            String[] name = r.name("name");
            districts.add(new DistrictDef(r.origin(), r.text("code"), r.text("province"), name[0], name[1],
                    r.optionalDecimal("latitude"), r.optionalDecimal("longitude")));
        }
        return districts;
    }

    private static List<ConstituencyDef> constituencies(JsonRecord election) {
        List<ConstituencyDef> constituencies = new ArrayList<>();
        for (JsonRecord r : election.list("constituencies", "constituencies", "code")) {
            List<ZoneDef> zones = new ArrayList<>();
            if (r.has("districts")) {
                for (var code : r.node().get("districts")) {
                    zones.add(new ZoneDef(code.asString(), code.asString(), false));
                }
            }
            if (r.has("zones")) {
                for (JsonRecord zone : r.list("zones", "zones", "district")) {
                    String district = zone.text("district");
                    String text = zone.optionalText("text");
                    zones.add(new ZoneDef(text == null ? district : text, district,
                            zone.has("partial") && zone.node().get("partial").asBoolean()));
                }
            }
            Long number = r.number("number");
            Long voters = r.number("registered_voters");
            constituencies.add(new ConstituencyDef(r.origin(), r.text("code"), number == null ? 0 : number.intValue(),
                    r.text("province"), zones, voters == null ? 0 : voters));
        }
        return constituencies;
    }

    private static List<PartyDef> parties(JsonRecord election) {
        List<PartyDef> parties = new ArrayList<>();
        if (!election.has("parties")) {
            return parties;
        }
        for (JsonRecord r : election.list("parties", "parties", "code")) {
            String[] name = r.name("name");
            Long ballot = r.optionalNumber("ballot_number");
            parties.add(new PartyDef(r.origin(), r.text("code"), ballot == null ? null : ballot.intValue(), name[0], name[1],
                    r.optionalText("abbreviation"), r.optionalText("colour"), r.optionalText("logo_url")));
        }
        return parties;
    }

    private static List<CandidateDef> candidates(JsonRecord election) {
        List<CandidateDef> candidates = new ArrayList<>();
        if (!election.has("candidates")) {
            return candidates;
        }
        for (JsonRecord r : election.list("candidates", "candidates", "code")) {
            Long ballot = r.number("ballot_number");
            candidates.add(new CandidateDef(r.origin(), r.text("code"), r.text("contest"), r.optionalText("constituency"),
                    ballot == null ? 0 : ballot.intValue(), r.text("name"), r.optionalText("party"), r.optionalText("image_url")));
        }
        return candidates;
    }

    private static Listed listedStations(JsonRecord election) {
        List<StationDef> stations = new ArrayList<>();
        for (JsonRecord r : election.list("stations", "stations", "code")) {
            String[] name = r.name("name");
            Long number = r.number("number");
            Long voters = r.number("registered_voters");
            Double latitude = r.optionalDecimal("latitude");
            Double longitude = r.optionalDecimal("longitude");
            if (latitude == null || longitude == null) {
                r.problem("a listed station needs \"latitude\" and \"longitude\"");
            }
            stations.add(new StationDef(r.origin(), r.text("code"), r.text("constituency"), r.optionalText("district"),
                    number == null ? 0 : number.intValue(), name[0], name[1],
                    latitude == null ? 0 : latitude, longitude == null ? 0 : longitude,
                    voters == null ? 0 : voters.intValue()));
        }
        return new Listed(stations);
    }
}
