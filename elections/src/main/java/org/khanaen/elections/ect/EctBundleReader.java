package org.khanaen.elections.ect;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.khanaen.elections.ElectionKind;
import org.khanaen.elections.importing.CsvTable;
import org.khanaen.elections.importing.DefinitionReader;
import org.khanaen.elections.importing.ElectionDefinition;
import org.khanaen.elections.importing.ElectionDefinition.CandidateDef;
import org.khanaen.elections.importing.ElectionDefinition.ConstituencyDef;
import org.khanaen.elections.importing.ElectionDefinition.DistrictDef;
import org.khanaen.elections.importing.ElectionDefinition.Origin;
import org.khanaen.elections.importing.ElectionDefinition.PartyDef;
import org.khanaen.elections.importing.ElectionDefinition.ProvinceDef;
import org.khanaen.elections.importing.ElectionDefinition.ZoneDef;
import org.khanaen.elections.importing.JsonRecord;
import org.khanaen.elections.importing.Problems;
import org.khanaen.elections.importing.SourceFile;
import org.khanaen.elections.importing.ZoneMatcher;

import tools.jackson.databind.JsonNode;

/**
 * Reads an election published in the ECT's 2023 reference-file format: provinces, constituencies
 * (with zones), parties and constituency candidates, plus the province and district centroid CSVs
 * and Khanaen's own {@code election.json} (name, date, contests, how stations are generated).
 */
public final class EctBundleReader {

    public static final String META = "election.json";
    private static final Map<String, String> DEFAULT_FILES = Map.of(
            "provinces", "th_election66_info_province.json",
            "constituencies", "th_election66_info_constituency.json",
            "parties", "th_election66_info_party_overview.json",
            "candidates", "th_election66_info_mp_candidate.json",
            "province_centroids", "provinces.csv",
            "district_centroids", "districts.csv");

    private final Map<String, SourceFile> files;
    private final Problems problems;

    private EctBundleReader(Map<String, SourceFile> files, Problems problems) {
        this.files = files;
        this.problems = problems;
    }

    public static ElectionDefinition read(Map<String, SourceFile> files, Problems problems) {
        return new EctBundleReader(files, problems).read();
    }

    private ElectionDefinition read() {
        JsonRecord meta = json(META).map(node -> JsonRecord.of(node, Origin.of(META), problems)).orElse(null);
        if (meta == null) {
            problems.throwIfAny();
        }
        Map<String, String> names = fileNames(meta);
        String id = meta.text("id");
        String[] name = meta.name("name");
        ElectionKind kind = meta.choice("kind", ElectionKind.class);
        var date = meta.date("date");
        var contests = DefinitionReader.contests(meta);
        String candidatesContest = meta.text("candidates_contest");
        var stationPlan = DefinitionReader.stationPlan(meta, problems);

        Map<String, Centroid> provinceCentroids = centroids(names.get("province_centroids"), "province_code");
        List<ProvinceDef> provinces = provinces(names.get("provinces"), provinceCentroids);
        Map<String, String> provinceCodeByEctId = provinces.stream().filter(p -> p.ectId() != null)
                .collect(Collectors.toMap(ProvinceDef::ectId, ProvinceDef::code, (a, b) -> a));
        List<DistrictDef> districts = districts(names.get("district_centroids"), provinceCodeByEctId);
        List<ConstituencyDef> constituencies = constituencies(names.get("constituencies"), districts);
        List<PartyDef> parties = parties(names.get("parties"));
        List<CandidateDef> candidates = candidates(names.get("candidates"), candidatesContest);
        problems.throwIfAny();
        return new ElectionDefinition(Origin.of(META), id, name[0], name[1], kind, date,
                meta.optionalText("source"), provinces, districts, constituencies, contests, parties, candidates,
                stationPlan);
    }

    private Map<String, String> fileNames(JsonRecord meta) {
        Map<String, String> names = new HashMap<>(DEFAULT_FILES);
        if (meta.has("files")) {
            JsonRecord given = meta.object("files");
            if (given != null) {
                DEFAULT_FILES.keySet().stream().filter(given::has).forEach(k -> names.put(k, given.text(k)));
            }
        }
        return names;
    }

    private Optional<JsonNode> json(String name) {
        SourceFile file = files.get(name);
        if (file == null) {
            problems.add(Origin.of(name), "file missing from the bundle");
            return Optional.empty();
        }
        return JsonRecord.parse(file, problems);
    }

    private List<ProvinceDef> provinces(String file, Map<String, Centroid> centroids) {
        Optional<JsonNode> root = json(file);
        if (root.isEmpty()) {
            return List.of();
        }
        JsonRecord top = JsonRecord.of(root.get(), Origin.of(file), problems);
        Long total = top.number("total_registered_vote");
        List<ProvinceDef> provinces = new ArrayList<>();
        for (JsonRecord r : JsonRecord.records(root.get().get("province"), file, "provinces", "prov_id", problems)) {
            String ectId = r.text("province_id");
            Centroid centroid = ectId == null ? null : centroids.get(ectId);
            if (ectId != null && centroid == null) {
                problems.warn(r.origin(), "no centroid for province " + ectId + " in the province CSV");
            }
            String nameEn = centroid != null && centroid.nameEn() != null ? centroid.nameEn() : r.optionalText("eng");
            provinces.add(new ProvinceDef(r.origin(), r.text("prov_id"), ectId, r.text("province"),
                    nameEn == null ? r.text("province") : nameEn,
                    centroid == null ? null : centroid.latitude(), centroid == null ? null : centroid.longitude(),
                    r.number("total_registered_vote"), r.optionalText("abbre_thai"), r.optionalText("eng")));
        }
        long sum = provinces.stream().mapToLong(p -> p.registeredVoters() == null ? 0 : p.registeredVoters()).sum();
        if (total != null && !problems.any() && sum != total) {
            problems.add(Origin.of(file), "total_registered_vote " + total + " is not the sum of the provinces (" + sum + ")");
        }
        return provinces;
    }

    private record Centroid(String nameEn, Double latitude, Double longitude) {
    }

    private Map<String, Centroid> centroids(String file, String keyColumn) {
        SourceFile source = files.get(file);
        if (source == null) {
            problems.add(Origin.of(file), "file missing from the bundle");
            return Map.of();
        }
        Map<String, Centroid> centroids = new HashMap<>();
        for (CsvTable.Row row : CsvTable.read(source, List.of(keyColumn, "name_en", "latitude", "longitude"), keyColumn, problems)) {
            String key = row.text(keyColumn);
            if (key != null) {
                centroids.put(key, new Centroid(row.record().get("name_en"), row.optionalDecimal("latitude"), row.optionalDecimal("longitude")));
            }
        }
        return centroids;
    }

    private List<DistrictDef> districts(String file, Map<String, String> provinceCodeByEctId) {
        SourceFile source = files.get(file);
        if (source == null) {
            problems.add(Origin.of(file), "file missing from the bundle");
            return List.of();
        }
        List<DistrictDef> districts = new ArrayList<>();
        Map<String, DistrictDef> byCode = new HashMap<>();
        var columns = List.of("district_code", "province_code", "name_th", "name_en", "latitude", "longitude");
        for (CsvTable.Row row : CsvTable.read(source, columns, "district_code", problems)) {
            String provinceEctId = row.text("province_code");
            String provinceCode = provinceEctId == null ? null : provinceCodeByEctId.get(provinceEctId);
            if (provinceEctId != null && provinceCode == null) {
                problems.add(row.origin(), "unknown province \"" + provinceEctId + "\"");
            }
            var district = new DistrictDef(row.origin(), row.text("district_code"), provinceCode, row.text("name_th"),
                    row.text("name_en"), row.optionalDecimal("latitude"), row.optionalDecimal("longitude"));
            if (district.code() != null && byCode.containsKey(district.code()) && sameValues(byCode.get(district.code()), district)) {
                problems.warn(row.origin(), "the same district again, row ignored");
                continue;
            }
            districts.add(district);
            if (district.code() != null) {
                byCode.putIfAbsent(district.code(), district);
            }
        }
        return districts;
    }

    private List<ConstituencyDef> constituencies(String file, List<DistrictDef> districts) {
        Optional<JsonNode> root = json(file);
        if (root.isEmpty()) {
            return List.of();
        }
        Map<String, List<ZoneMatcher.District>> districtsByProvince = districts.stream()
                .filter(d -> d.provinceCode() != null && d.code() != null && d.nameTh() != null)
                .collect(Collectors.groupingBy(DistrictDef::provinceCode, LinkedHashMap::new,
                        Collectors.mapping(d -> new ZoneMatcher.District(d.code(), d.nameTh()), Collectors.toList())));
        List<ConstituencyDef> constituencies = new ArrayList<>();
        for (JsonRecord r : JsonRecord.records(root.get(), file, "constituencies", "cons_id", problems)) {
            String province = r.text("prov_id");
            List<ZoneDef> zones = new ArrayList<>();
            List<JsonNode> zoneTexts = r.has("zone") && r.node().get("zone").isArray()
                    ? List.copyOf(r.node().get("zone").valueStream().toList()) : List.of();
            for (JsonNode zoneNode : zoneTexts) {
                String text = zoneNode.asString("").strip();
                if (text.isEmpty()) {
                    continue; // an empty zone means the whole province
                }
                var match = ZoneMatcher.match(text, districtsByProvince.getOrDefault(province, List.of()));
                if (match.isEmpty()) {
                    problems.warn(r.origin(), "zone \"" + text + "\" matches no district of " + province
                            + "; its stations are placed around the province centre");
                } else if (match.get().how() != ZoneMatcher.How.EXACT) {
                    problems.warn(r.origin(), "zone \"" + ZoneMatcher.districtName(text) + "\" read as district "
                            + match.get().districtName() + " (" + match.get().how().name().toLowerCase().replace('_', ' ') + ")");
                }
                zones.add(new ZoneDef(text, match.map(ZoneMatcher.Match::districtCode).orElse(null), ZoneMatcher.isPartial(text)));
            }
            Long number = r.number("cons_no");
            Long voters = r.number("registered_vote");
            constituencies.add(new ConstituencyDef(r.origin(), r.text("cons_id"), number == null ? 0 : number.intValue(),
                    province, zones, voters == null ? 0 : voters));
        }
        return constituencies;
    }

    private List<PartyDef> parties(String file) {
        Optional<JsonNode> root = json(file);
        if (root.isEmpty()) {
            return List.of();
        }
        List<PartyDef> parties = new ArrayList<>();
        for (JsonRecord r : JsonRecord.records(root.get(), file, "parties", "id", problems)) {
            // Parties without a party-list number ran constituency candidates only.
            Long ballotNumber = r.optionalNumber("party_no");
            parties.add(new PartyDef(r.origin(), r.text("id"), ballotNumber == null ? null : ballotNumber.intValue(),
                    r.text("name"), null, r.optionalText("abbr"), r.optionalText("color"), r.optionalText("logo_url")));
        }
        return parties;
    }

    private List<CandidateDef> candidates(String file, String contest) {
        Optional<JsonNode> root = json(file);
        if (root.isEmpty()) {
            return List.of();
        }
        List<CandidateDef> candidates = new ArrayList<>();
        for (JsonRecord r : JsonRecord.records(root.get(), file, "candidates", "mp_app_id", problems)) {
            String code = r.text("mp_app_id");
            Long number = r.number("mp_app_no");
            Long party = r.optionalNumber("mp_app_party_id");
            String constituency = null;
            if (code != null && number != null) {
                String suffix = "_" + number;
                if (code.endsWith(suffix) && code.length() > suffix.length()) {
                    constituency = code.substring(0, code.length() - suffix.length());
                } else {
                    problems.add(r.origin(), "mp_app_id \"" + code + "\" does not end with its ballot number " + number);
                }
            }
            candidates.add(new CandidateDef(r.origin(), code, contest, constituency, number == null ? 0 : number.intValue(),
                    r.text("mp_app_name"), party == null ? null : String.valueOf(party), r.optionalText("image_url")));
        }
        return candidates;
    }

    /** The 2023 districts.csv lists 9101 (Mueang Satun) twice, word for word. */
    private static boolean sameValues(DistrictDef a, DistrictDef b) {
        return java.util.Objects.equals(a.code(), b.code()) && java.util.Objects.equals(a.provinceCode(), b.provinceCode())
                && java.util.Objects.equals(a.nameTh(), b.nameTh()) && java.util.Objects.equals(a.nameEn(), b.nameEn())
                && java.util.Objects.equals(a.latitude(), b.latitude()) && java.util.Objects.equals(a.longitude(), b.longitude());
    }
}
