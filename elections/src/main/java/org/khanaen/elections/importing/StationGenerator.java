package org.khanaen.elections.importing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.khanaen.elections.importing.ElectionDefinition.ConstituencyDef;
import org.khanaen.elections.importing.ElectionDefinition.DistrictDef;
import org.khanaen.elections.importing.ElectionDefinition.Generated;
import org.khanaen.elections.importing.ElectionDefinition.ProvinceDef;
import org.khanaen.elections.importing.ElectionDefinition.StationDef;
import org.khanaen.elections.GreatCircle;
import org.khanaen.elections.LargestRemainder;
import org.khanaen.elections.importing.ElectionDefinition.ZoneDef;

/**
 * There is no official list of polling stations, so Khanaen makes a realistic one: each
 * constituency gets stations in proportion to its registered voters (about 550 each in 2023),
 * shared over the districts it covers (a partly covered district counts half), placed around the
 * district centres with a spread that follows how close the neighbouring districts are, and given
 * voters that vary from station to station but add up exactly to the constituency's.
 * <p>
 * The same seed gives the same stations: each constituency draws from its own random stream,
 * seeded by the election seed and the constituency code, whatever the order of the input.
 */
public final class StationGenerator {

    private static final double KM_PER_DEGREE = 111.32;

    private final Map<String, DistrictDef> districts = new LinkedHashMap<>();
    private final Map<String, ProvinceDef> provinces = new LinkedHashMap<>();
    private final Map<String, List<DistrictDef>> districtsByProvince = new LinkedHashMap<>();
    private final Map<String, Double> spreadKm = new LinkedHashMap<>();

    private StationGenerator(ElectionDefinition election) {
        election.provinces().forEach(p -> provinces.put(p.code(), p));
        election.districts().forEach(d -> {
            districts.put(d.code(), d);
            districtsByProvince.computeIfAbsent(d.provinceCode(), k -> new ArrayList<>()).add(d);
        });
        districtsByProvince.values().forEach(this::measureSpread);
    }

    public static List<StationDef> generate(ElectionDefinition election, Generated plan, Problems problems) {
        return new StationGenerator(election).stations(election, plan, problems);
    }

    private List<StationDef> stations(ElectionDefinition election, Generated plan, Problems problems) {
        List<ConstituencyDef> constituencies = election.constituencies();
        long[] counts = stationCounts(constituencies, plan);
        List<StationDef> stations = new ArrayList<>();
        for (int c = 0; c < constituencies.size(); c++) {
            stations.addAll(constituency(constituencies.get(c), (int) counts[c], plan, problems));
        }
        return stations;
    }

    private static long[] stationCounts(List<ConstituencyDef> constituencies, Generated plan) {
        double[] voters = constituencies.stream().mapToDouble(ConstituencyDef::registeredVoters).toArray();
        if (plan.total() != null) {
            return LargestRemainder.shareAtLeastOne(plan.total(), voters);
        }
        long[] counts = new long[voters.length];
        for (int i = 0; i < voters.length; i++) {
            counts[i] = Math.max(1, Math.round(voters[i] / plan.votersPerStation()));
        }
        return counts;
    }

    private record Place(DistrictDef district, double latitude, double longitude, double spreadKm, double weight) {
    }

    private List<StationDef> constituency(ConstituencyDef constituency, int count, Generated plan, Problems problems) {
        List<Place> places = places(constituency);
        if (places.isEmpty()) {
            problems.add(constituency.origin(), "no coordinates to place its stations: give its province or districts a latitude and longitude");
            return List.of();
        }
        var random = new SplittableRandom(plan.seed() ^ stableHash(constituency.code()));
        long[] perPlace = LargestRemainder.share(count, places.stream().mapToDouble(Place::weight).toArray());
        double[] sizes = new double[count];
        for (int i = 0; i < count; i++) {
            sizes[i] = 0.7 + 0.6 * random.nextDouble();
        }
        long[] voters = LargestRemainder.share(constituency.registeredVoters(), sizes);
        int width = Math.max(3, String.valueOf(count).length());
        List<StationDef> stations = new ArrayList<>(count);
        int number = 0;
        for (int p = 0; p < places.size(); p++) {
            Place place = places.get(p);
            for (long k = 0; k < perPlace[p]; k++) {
                double north = truncatedGaussian(random) * place.spreadKm();
                double east = truncatedGaussian(random) * place.spreadKm();
                double latitude = place.latitude() + north / KM_PER_DEGREE;
                double longitude = place.longitude() + east / (KM_PER_DEGREE * Math.cos(Math.toRadians(place.latitude())));
                String districtTh = place.district() == null ? provinces.get(constituency.provinceCode()).nameTh() : place.district().nameTh();
                String districtEn = place.district() == null ? provinces.get(constituency.provinceCode()).nameEn() : place.district().nameEn();
                int voterCount = (int) voters[number];
                number++;
                stations.add(new StationDef(constituency.origin(), constituency.code() + "-" + pad(number, width),
                        constituency.code(), place.district() == null ? null : place.district().code(), number,
                        "หน่วยเลือกตั้งที่ " + number + " · " + districtTh, "Polling station " + number + " · " + districtEn,
                        round6(latitude), round6(longitude), voterCount));
            }
        }
        return stations;
    }

    /** Where a constituency's stations go: its districts, or the whole province when it lists none. */
    private List<Place> places(ConstituencyDef constituency) {
        ProvinceDef province = provinces.get(constituency.provinceCode());
        List<ZoneDef> zones = constituency.zones().isEmpty()
                ? districtsByProvince.getOrDefault(constituency.provinceCode(), List.of()).stream()
                        .map(d -> new ZoneDef(d.nameTh(), d.code(), false)).toList()
                : constituency.zones();
        List<Place> places = new ArrayList<>();
        for (ZoneDef zone : zones) {
            DistrictDef district = zone.districtCode() == null ? null : districts.get(zone.districtCode());
            double weight = zone.partial() ? 0.5 : 1.0;
            if (district != null && district.latitude() != null && district.longitude() != null) {
                places.add(new Place(district, district.latitude(), district.longitude(), spreadKm.get(district.code()), weight));
            } else if (province != null && province.latitude() != null && province.longitude() != null) {
                // No centre for this district (22 of 929 in 2023): around the province centre instead.
                places.add(new Place(district, province.latitude(), province.longitude(), 5.0, weight));
            }
        }
        if (places.isEmpty() && province != null && province.latitude() != null && province.longitude() != null) {
            places.add(new Place(null, province.latitude(), province.longitude(), 5.0, 1.0));
        }
        return places;
    }

    /** About a third of the way to the nearest other district centre, between 0.5 and 6 km. */
    private void measureSpread(List<DistrictDef> provinceDistricts) {
        for (DistrictDef d : provinceDistricts) {
            if (d.latitude() == null || d.longitude() == null) {
                continue;
            }
            double nearest = provinceDistricts.stream()
                    .filter(o -> o != d && o.latitude() != null && o.longitude() != null)
                    .mapToDouble(o -> GreatCircle.km(d.latitude(), d.longitude(), o.latitude(), o.longitude()))
                    .min().orElse(15);
            spreadKm.put(d.code(), Math.max(0.5, Math.min(6.0, nearest / 3)));
        }
    }

    private static double truncatedGaussian(SplittableRandom random) {
        double g;
        do {
            g = random.nextGaussian();
        } while (Math.abs(g) > 2.5);
        return g;
    }

    /** FNV-1a over the UTF-8 bytes: unlike hashCode() of other types, fixed forever. */
    static long stableHash(String text) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hash ^= (b & 0xff);
            hash *= 0x100000001b3L;
        }
        return hash;
    }

    private static String pad(int number, int width) {
        String digits = String.valueOf(number);
        return "0".repeat(Math.max(0, width - digits.length())) + digits;
    }

    private static double round6(double value) {
        return Math.round(value * 1e6) / 1e6;
    }
}
