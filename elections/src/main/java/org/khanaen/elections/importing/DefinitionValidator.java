package org.khanaen.elections.importing;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.khanaen.elections.ContestScope;
import org.khanaen.elections.importing.ElectionDefinition.CandidateDef;
import org.khanaen.elections.importing.ElectionDefinition.ConstituencyDef;
import org.khanaen.elections.importing.ElectionDefinition.ContestDef;
import org.khanaen.elections.importing.ElectionDefinition.Generated;
import org.khanaen.elections.importing.ElectionDefinition.Listed;
import org.khanaen.elections.importing.ElectionDefinition.Origin;
import org.khanaen.elections.importing.ElectionDefinition.ProvinceDef;
import org.khanaen.elections.importing.ElectionDefinition.StationDef;

/**
 * Checks an election definition as a whole before anything is written: every reference points at
 * something that exists, codes and ballot numbers are unique, numbers are in range, totals agree.
 */
public final class DefinitionValidator {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{1,39}");
    private static final Pattern CODE = Pattern.compile("[\\p{L}\\p{N}_.-]{1,40}");

    private final ElectionDefinition election;
    private final Problems problems;

    private DefinitionValidator(ElectionDefinition election, Problems problems) {
        this.election = election;
        this.problems = problems;
    }

    public static void validate(ElectionDefinition election, Problems problems) {
        new DefinitionValidator(election, problems).validate();
        problems.throwIfAny();
    }

    private void validate() {
        if (election.id() == null || !ID.matcher(election.id()).matches()) {
            problems.add(election.origin(), "field \"id\" must be 2 to 40 lower-case letters, digits or dashes, like th-2566");
        }
        length(election.origin(), "name", election.nameTh(), 200);
        length(election.origin(), "name", election.nameEn(), 200);

        Set<String> provinces = unique(election.provinces(), ProvinceDef::code, ProvinceDef::origin, "province code");
        Set<String> districts = unique(election.districts(), d -> d.code(), d -> d.origin(), "district code");
        Set<String> constituencies = unique(election.constituencies(), ConstituencyDef::code, ConstituencyDef::origin, "constituency code");
        Map<String, ContestDef> contests = election.contests().stream().filter(c -> c.code() != null)
                .collect(Collectors.toMap(ContestDef::code, c -> c, (a, b) -> a));
        unique(election.contests(), ContestDef::code, ContestDef::origin, "contest code");
        Set<String> parties = unique(election.parties(), p -> p.code(), p -> p.origin(), "party code");
        election.parties().forEach(p -> length(p.origin(), "logo_url", p.logoUrl(), 500));
        unique(election.parties().stream().filter(p -> p.ballotNumber() != null).toList(),
                p -> String.valueOf(p.ballotNumber()), p -> p.origin(), "party ballot number");

        if (election.provinces().isEmpty()) {
            problems.add(election.origin(), "an election needs at least one province");
        }
        if (election.contests().isEmpty()) {
            problems.add(election.origin(), "an election needs at least one contest");
        }
        if (election.constituencies().isEmpty()) {
            problems.add(election.origin(), "an election needs at least one constituency");
        }
        election.provinces().forEach(p -> {
            coordinates(p.origin(), p.latitude(), p.longitude());
            length(p.origin(), "name", p.nameTh(), 100);
            length(p.origin(), "abbreviation", p.abbreviation(), 40);
            length(p.origin(), "English name", p.sourceNameEn(), 100);
        });
        election.districts().forEach(d -> {
            known(d.origin(), "province", d.provinceCode(), provinces);
            coordinates(d.origin(), d.latitude(), d.longitude());
        });
        Map<String, String> districtProvince = election.districts().stream().filter(d -> d.code() != null && d.provinceCode() != null)
                .collect(Collectors.toMap(d -> d.code(), d -> d.provinceCode(), (a, b) -> a));
        election.constituencies().forEach(c -> {
            known(c.origin(), "province", c.provinceCode(), provinces);
            if (c.registeredVoters() <= 0) {
                problems.add(c.origin(), "registered voters must be more than 0, not " + c.registeredVoters());
            }
            if (c.number() <= 0) {
                problems.add(c.origin(), "constituency number must be more than 0");
            }
            c.zones().stream().filter(z -> z.districtCode() != null).forEach(z -> {
                known(c.origin(), "district", z.districtCode(), districts);
                String province = districtProvince.get(z.districtCode());
                if (province != null && c.provinceCode() != null && !province.equals(c.provinceCode())) {
                    problems.add(c.origin(), "district " + z.districtCode() + " is in province " + province + ", not " + c.provinceCode());
                }
            });
        });
        unique(election.constituencies(), c -> c.provinceCode() + " number " + c.number(), ConstituencyDef::origin, "constituency");
        provinceTotals();
        election.contests().forEach(this::contest);
        candidates(contests, constituencies, parties);
        stations(constituencies, districts);
    }

    private void contest(ContestDef contest) {
        if (contest.seats() <= 0) {
            problems.add(contest.origin(), "seats must be more than 0");
        }
        length(contest.origin(), "name", contest.nameTh(), 200);
    }

    private void provinceTotals() {
        Map<String, Long> sums = election.constituencies().stream().filter(c -> c.provinceCode() != null)
                .collect(Collectors.groupingBy(ConstituencyDef::provinceCode, Collectors.summingLong(ConstituencyDef::registeredVoters)));
        election.provinces().stream().filter(p -> p.registeredVoters() != null && p.code() != null).forEach(p -> {
            long sum = sums.getOrDefault(p.code(), 0L);
            if (sum != p.registeredVoters()) {
                problems.add(p.origin(), "registered voters " + p.registeredVoters()
                        + " differ from the sum over its constituencies (" + sum + ")");
            }
        });
    }

    private void candidates(Map<String, ContestDef> contests, Set<String> constituencies, Set<String> parties) {
        unique(election.candidates(), CandidateDef::code, CandidateDef::origin, "candidate code");
        Set<String> ballots = new HashSet<>();
        for (CandidateDef candidate : election.candidates()) {
            ContestDef contest = candidate.contestCode() == null ? null : contests.get(candidate.contestCode());
            if (candidate.contestCode() != null && contest == null) {
                problems.add(candidate.origin(), "unknown contest \"" + candidate.contestCode() + "\"");
                continue;
            }
            if (contest == null) {
                continue;
            }
            if (contest.scope() == ContestScope.CONSTITUENCY) {
                if (candidate.constituencyCode() == null) {
                    problems.add(candidate.origin(), "a candidate of contest " + contest.code() + " needs a constituency");
                } else {
                    known(candidate.origin(), "constituency", candidate.constituencyCode(), constituencies);
                }
            } else if (candidate.constituencyCode() != null) {
                problems.add(candidate.origin(), "contest " + contest.code() + " is decided over the whole election: no constituency");
            }
            if (candidate.partyCode() != null) {
                known(candidate.origin(), "party", candidate.partyCode(), parties);
            }
            if (candidate.ballotNumber() <= 0) {
                problems.add(candidate.origin(), "ballot number must be more than 0");
            } else if (!ballots.add(contest.code() + "/" + candidate.constituencyCode() + "/" + candidate.ballotNumber())) {
                problems.add(candidate.origin(), "ballot number " + candidate.ballotNumber() + " is used twice"
                        + (candidate.constituencyCode() == null ? "" : " in " + candidate.constituencyCode()));
            }
            length(candidate.origin(), "name", candidate.name(), 300);
            length(candidate.origin(), "image_url", candidate.imageUrl(), 500);
        }
    }

    private void stations(Set<String> constituencies, Set<String> districts) {
        if (election.stations() instanceof Generated generated) {
            if (generated.votersPerStation() != null && (generated.votersPerStation() < 50 || generated.votersPerStation() > 5000)) {
                problems.add(generated.origin(), "voters_per_station must be between 50 and 5000");
            }
            if (generated.total() != null && generated.total() < election.constituencies().size()) {
                problems.add(generated.origin(), "total must be at least one station per constituency ("
                        + election.constituencies().size() + ")");
            }
            if (generated.votersPerStation() == null && generated.total() == null) {
                problems.add(generated.origin(), "stations must be listed or generated (\"station_generation\")");
            }
            return;
        }
        List<StationDef> stations = ((Listed) election.stations()).stations();
        if (stations.isEmpty()) {
            problems.add(election.origin(), "the station list is empty");
        }
        unique(stations, StationDef::code, StationDef::origin, "station code");
        Map<String, Long> voters = new HashMap<>();
        for (StationDef station : stations) {
            known(station.origin(), "constituency", station.constituencyCode(), constituencies);
            if (station.districtCode() != null) {
                known(station.origin(), "district", station.districtCode(), districts);
            }
            if (station.registeredVoters() <= 0) {
                problems.add(station.origin(), "registered voters must be more than 0");
            }
            coordinates(station.origin(), station.latitude(), station.longitude());
            if (station.constituencyCode() != null) {
                voters.merge(station.constituencyCode(), (long) station.registeredVoters(), Long::sum);
            }
        }
        election.constituencies().stream().filter(c -> c.code() != null && voters.containsKey(c.code())
                && voters.get(c.code()) != c.registeredVoters()).forEach(c -> problems.add(c.origin(),
                        "registered voters " + c.registeredVoters() + " differ from the sum over its stations (" + voters.get(c.code()) + ")"));
    }

    private <T> Set<String> unique(List<T> items, Function<T, String> key, Function<T, Origin> origin, String what) {
        Set<String> seen = new HashSet<>();
        for (T item : items) {
            String value = key.apply(item);
            if (value == null) {
                continue;
            }
            if (what.endsWith("code") && !CODE.matcher(value).matches()) {
                problems.add(origin.apply(item), what + " \"" + value + "\" must be 1 to 40 letters, digits, '_', '.' or '-'");
            }
            if (!seen.add(value)) {
                problems.add(origin.apply(item), what + " \"" + value + "\" appears more than once");
            }
        }
        return seen;
    }

    private void known(Origin origin, String what, String code, Set<String> known) {
        if (code != null && !known.contains(code)) {
            problems.add(origin, "unknown " + what + " \"" + code + "\"");
        }
    }

    private void coordinates(Origin origin, Double latitude, Double longitude) {
        if ((latitude != null && (latitude < -90 || latitude > 90)) || (longitude != null && (longitude < -180 || longitude > 180))) {
            problems.add(origin, "coordinates out of range: " + latitude + ", " + longitude);
        }
    }

    private void length(Origin origin, String field, String value, int max) {
        if (value != null && value.length() > max) {
            problems.add(origin, "field \"" + field + "\" is longer than " + max + " characters");
        }
    }
}
