package org.khanaen.benchmarks.rehearsal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.khanaen.elections.DistrictView;
import org.khanaen.elections.StationPoint;

/**
 * The rehearsal's volunteers, made up deterministically from a seed: Thai given and family names as people have them
 * (each with the romanised form their email address is made of), mobile numbers of the real Thai ranges, homes spread
 * over the districts as the stations are, and the partner organisations' unequal shares (a few big, many small).
 */
final class Crowd {

    /** One volunteer as their organisation lists them; {@code role} and {@code availability} as the CSV names them. */
    record Person(int index, String fullName, String phone, String email, String lineId, String district, String role, String availability) {

        String csvRow() {
            return fullName + ',' + phone + ',' + email + ',' + (lineId == null ? "" : lineId) + ',' + district + ',' + role + ','
                    + availability + "\r\n";
        }
    }

    static final String CSV_HEADER = "\uFEFFfull_name,phone,email,line_id,district_code,role_preference,availability\r\n";

    // given names (Thai, romanised as on passports), men's and women's together
    private static final String[][] GIVEN = { { "สมชาย", "somchai" }, { "สมศักดิ์", "somsak" }, { "ประเสริฐ", "prasert" }, { "วิชัย", "wichai" },
            { "สุรชัย", "surachai" }, { "ชัยวัฒน์", "chaiwat" }, { "ณัฐพล", "nattaphon" }, { "อนุชา", "anucha" }, { "กิตติพงษ์", "kittiphong" },
            { "ธนากร", "thanakorn" }, { "วีระพงษ์", "weeraphong" }, { "สุทธิพงษ์", "sutthiphong" }, { "บุญเลิศ", "boonlert" }, { "ประยุทธ", "prayut" },
            { "อภิชาติ", "aphichat" }, { "เอกชัย", "ekkachai" }, { "ปิยะพงษ์", "piyaphong" }, { "ศุภชัย", "supachai" }, { "ธีรวัฒน์", "theerawat" },
            { "จักรพันธ์", "jakkaphan" }, { "พงศกร", "phongsakorn" }, { "ภานุวัฒน์", "phanuwat" }, { "วรวุฒิ", "worawut" }, { "สมบัติ", "sombat" },
            { "ทองใบ", "thongbai" }, { "บุญมี", "boonmee" }, { "คำแสน", "khamsaen" }, { "เกียรติศักดิ์", "kiattisak" }, { "ณัฐวุฒิ", "nattawut" },
            { "ศักดิ์ชัย", "sakchai" }, { "สมหญิง", "somying" }, { "มาลี", "malee" }, { "สุดา", "suda" }, { "อรุณี", "arunee" },
            { "ปราณี", "pranee" }, { "นภา", "napha" }, { "จันทร์เพ็ญ", "chanphen" }, { "พรทิพย์", "pornthip" }, { "ศิริพร", "siriporn" },
            { "รัตนา", "rattana" }, { "สุนันทา", "sunantha" }, { "วันเพ็ญ", "wanphen" }, { "กัญญา", "kanya" }, { "นิตยา", "nittaya" },
            { "อัญชลี", "anchalee" }, { "ปิยะนุช", "piyanut" }, { "ธิดารัตน์", "thidarat" }, { "สุภาวดี", "suphawadee" }, { "จิราพร", "jiraporn" },
            { "ณัฐธิดา", "natthida" }, { "พัชรินทร์", "phatcharin" }, { "วิไลวรรณ", "wilaiwan" }, { "ดวงใจ", "duangjai" }, { "บุษบา", "butsaba" },
            { "สายสุนีย์", "saisunee" }, { "อำไพ", "amphai" }, { "ชนิดา", "chanida" }, { "กาญจนา", "kanchana" }, { "เบญจวรรณ", "benjawan" },
            { "ศศิธร", "sasithorn" }, { "ภัทราภรณ์", "phatthraphorn" }, { "ปวีณา", "paweena" } };
    private static final String[][] FAMILY = { { "ใจดี", "jaidee" }, { "รักชาติ", "rakchat" }, { "ศรีสุข", "srisuk" }, { "มั่นคง", "mankhong" },
            { "ทองดี", "thongdee" }, { "แก้วมณี", "kaewmanee" }, { "บุญมา", "boonma" }, { "สายทอง", "saithong" }, { "พงษ์ไทย", "phongthai" },
            { "วงศ์สวัสดิ์", "wongsawat" }, { "จันทร์หอม", "chanhom" }, { "ปัญญาดี", "panyadee" }, { "เรืองศรี", "ruangsri" },
            { "อินทร์แก้ว", "inkaew" }, { "สุขประเสริฐ", "sukprasert" }, { "ศรีวงศ์", "sriwong" }, { "บุญเรือง", "boonruang" },
            { "แสงทอง", "saengthong" }, { "ทองคำ", "thongkham" }, { "พรหมมา", "phromma" }, { "ชัยมงคล", "chaimongkol" }, { "สมบูรณ์", "somboon" },
            { "กาญจนวงศ์", "kanchanawong" }, { "ประเสริฐสุข", "prasertsuk" }, { "วัฒนา", "wattana" }, { "ศรีสวัสดิ์", "srisawat" },
            { "อ่อนศรี", "onsri" }, { "คำมา", "khamma" }, { "ผิวขาว", "phiwkhao" }, { "นาคสวัสดิ์", "naksawat" }, { "เพชรรัตน์", "phetcharat" },
            { "จันทร์แก้ว", "chankaew" }, { "สีดา", "seeda" }, { "ทองสุข", "thongsuk" }, { "บุญช่วย", "boonchuay" }, { "มณีวงศ์", "maneewong" },
            { "ธนพัฒน์", "thanaphat" }, { "ศักดิ์สิทธิ์", "saksit" }, { "รุ่งเรือง", "rungruang" }, { "ลิ้มเจริญ", "limcharoen" },
            { "แซ่ตั้ง", "saetang" }, { "แซ่ลิ้ม", "saelim" }, { "แซ่อึ้ง", "saeung" }, { "เจริญผล", "charoenphon" }, { "วิเศษศักดิ์", "wisetsak" },
            { "ภักดี", "phakdee" }, { "อุดมสุข", "udomsuk" }, { "นิลสุวรรณ", "ninsuwan" }, { "ขาวสะอาด", "khaosaat" }, { "ดวงแก้ว", "duangkaew" },
            { "พันธุ์ดี", "phandee" }, { "โพธิ์ทอง", "phothong" }, { "หอมจันทร์", "homchan" }, { "สิทธิโชค", "sitthichok" }, { "บุญประเสริฐ", "boonprasert" },
            { "ยอดมณี", "yodmanee" }, { "เกษมสุข", "kasemsuk" }, { "ทรัพย์มาก", "submak" }, { "คงสมบูรณ์", "khongsomboon" }, { "อยู่เย็น", "yooyen" },
            { "มีสุข", "meesuk" }, { "ปานทอง", "panthong" }, { "แก้วประเสริฐ", "kaewprasert" }, { "ชูศรี", "chusri" }, { "สุวรรณรัตน์", "suwannarat" },
            { "ไชยวงศ์", "chaiwong" }, { "ศรีประเสริฐ", "sriprasert" }, { "กิตติวงศ์", "kittiwong" }, { "พิมพ์ทอง", "phimthong" }, { "จิตรดี", "jitdee" } };
    // mobile ranges libphonenumber knows as Thai mobiles: 061–066, 08x, 09x
    private static final String[] MOBILE = { "061", "062", "063", "064", "065", "066", "080", "081", "082", "083", "084", "085", "086", "087", "088",
            "089", "090", "091", "092", "093", "094", "095", "096", "097", "098", "099" };
    // example domains only: the addresses must never reach anyone real, whatever the mail set-up
    private static final String[] DOMAINS = { "example.com", "example.com", "example.com", "example.net", "example.org" };

    private final List<Person> people;
    private final int[] organisationOf;

    private Crowd(List<Person> people, int[] organisationOf) {
        this.people = people;
        this.organisationOf = organisationOf;
    }

    /**
     * {@code volunteers} people: {@code leads} who prefer to lead a constituency, {@code warRoom} the war room, the rest
     * stations; homes drawn by the stations nearest each district's centre; shared out over {@code organisations}.
     */
    static Crowd make(List<DistrictView> allDistricts, List<StationPoint> stations, int volunteers, int leads, int warRoom, int organisations,
            long seed) {
        List<DistrictView> districts = allDistricts.stream().filter(d -> d.latitude() != null).toList();
        double[] cumulative = districtWeights(districts, stations);
        double total = cumulative[cumulative.length - 1];
        var random = new SplittableRandom(seed);
        List<Person> people = new ArrayList<>(volunteers);
        for (int i = 0; i < volunteers; i++) {
            int k = Arrays.binarySearch(cumulative, random.nextDouble() * total);
            DistrictView home = districts.get(k < 0 ? Math.min(-k - 1, districts.size() - 1) : k);
            String[] given = GIVEN[random.nextInt(GIVEN.length)];
            String[] family = FAMILY[random.nextInt(FAMILY.length)];
            // distinct for everyone: the prefix by i, the number a bijection of i over 10^7 (an odd multiplier not of 5)
            String phone = MOBILE[i % MOBILE.length] + String.format("%07d", ((long) (i / MOBILE.length) * 4_999_999L + 1_234_567L) % 10_000_000L);
            String email = given[1] + "." + family[1].substring(0, Math.min(4, family[1].length())) + i + "@" + DOMAINS[random.nextInt(DOMAINS.length)];
            String line = random.nextInt(3) == 0 ? given[1] + "_" + (i % 1000) : null;
            String role = i < leads ? "constituency_lead" : i < leads + warRoom ? "war_room" : "station";
            int a = random.nextInt(100);
            String availability = a < 90 ? "all_day" : a < 98 ? "count_only" : "standby";
            people.add(new Person(i, given[0] + " " + family[0], phone, email, line, home.code(), role, availability));
        }
        // the organisations' shares: 1/k^1.2 (the largest ~20 %, the smallest a few hundred of 100,000), people dealt at random
        double[] share = new double[organisations];
        double sum = 0;
        for (int k = 0; k < organisations; k++) {
            share[k] = 1 / Math.pow(k + 1, 1.2);
            sum += share[k];
        }
        int[] quota = new int[organisations];
        int given = 0;
        for (int k = 0; k < organisations; k++) {
            quota[k] = (int) (volunteers * share[k] / sum);
            given += quota[k];
        }
        for (int k = 0; given < volunteers; k = (k + 1) % organisations, given++) {
            quota[k]++;
        }
        int[] order = new int[volunteers];
        for (int i = 0; i < volunteers; i++) {
            order[i] = i;
        }
        for (int i = volunteers - 1; i > 0; i--) { // Fisher–Yates: leads and war room spread over the organisations too
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int[] organisationOf = new int[volunteers];
        int at = 0;
        for (int k = 0; k < organisations; k++) {
            for (int n = 0; n < quota[k]; n++) {
                organisationOf[order[at++]] = k;
            }
        }
        return new Crowd(people, organisationOf);
    }

    /** Cumulative weights of the districts: how many stations lie nearest each one's centre. */
    private static double[] districtWeights(List<DistrictView> districts, List<StationPoint> stations) {
        double[] weight = new double[districts.size()];
        for (StationPoint s : stations) {
            int best = 0;
            double bestDistance = Double.MAX_VALUE;
            double cos = Math.cos(Math.toRadians(s.latitude()));
            for (int i = 0; i < districts.size(); i++) {
                double north = districts.get(i).latitude() - s.latitude();
                double east = (districts.get(i).longitude() - s.longitude()) * cos;
                double d = north * north + east * east;
                if (d < bestDistance) {
                    bestDistance = d;
                    best = i;
                }
            }
            weight[best]++;
        }
        double[] cumulative = new double[weight.length];
        double total = 0;
        for (int i = 0; i < weight.length; i++) {
            total += weight[i];
            cumulative[i] = total;
        }
        return cumulative;
    }

    List<Person> people() {
        return people;
    }

    List<Person> of(int organisation) {
        List<Person> mine = new ArrayList<>();
        for (Person p : people) {
            if (organisationOf[p.index()] == organisation) {
                mine.add(p);
            }
        }
        return mine;
    }

    static byte[] csv(List<Person> people) {
        StringBuilder csv = new StringBuilder(people.size() * 120).append(CSV_HEADER);
        people.forEach(p -> csv.append(p.csvRow()));
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }
}
