#!/usr/bin/env python3
"""Writes bkk-2565-example.json, an example of Khanaen's election definition format.

Geography is real (Bangkok's 50 khet and their centres, from the reference bundle's districts.csv).
Registered voters per khet are approximated from the ECT's 2023 constituency data (a constituency's
voters shared over the khet it covers, a partly covered khet counting half). Candidates and parties
are placeholders: this file shows the format, it is not the 2022 candidate list.
"""
import csv, json, re, sys, collections, pathlib

data = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "elections/src/main/resources/reference/th-2566")
districts = [d for d in csv.DictReader(open(data / "districts.csv", encoding="utf-8")) if d["province_code"] == "10"]
cons = [c for c in json.load(open(data / "th_election66_info_constituency.json", encoding="utf-8-sig")) if c["prov_id"] == "BKK"]
by_name = {d["name_th"]: d for d in districts}
voters = collections.Counter()
for c in cons:
    parts = []
    for z in c["zone"]:
        name = re.sub(r"^(เขต)\s*", "", z.split("(")[0].strip())
        parts.append((name, 0.5 if "(" in z else 1.0))
    total_w = sum(w for _, w in parts)
    for name, w in parts:
        voters[by_name[name]["district_code"]] += c["registered_vote"] * w / total_w
khet = sorted(districts, key=lambda d: d["district_code"])
rounded = {d["district_code"]: int(round(voters[d["district_code"]])) for d in khet}
defn = {
    "format": "khanaen-election/1",
    "id": "bkk-2565-example",
    "name": {"th": "ตัวอย่าง: เลือกตั้งผู้ว่าราชการกรุงเทพมหานครและสมาชิกสภากรุงเทพมหานคร 2565",
             "en": "Example: 2022 Bangkok governor and council election"},
    "kind": "LOCAL",
    "date": "2022-05-22",
    "source": "Example of the format. Khet and centres real; voters approximated from 2023 ECT data; candidates and parties are placeholders.",
    "provinces": [{"code": "BKK", "ect_id": "10", "name": {"th": "กรุงเทพมหานคร", "en": "Bangkok"},
                   "latitude": 13.7278956, "longitude": 100.5241235}],
    "districts": [{"code": d["district_code"], "province": "BKK", "name": {"th": d["name_th"], "en": d["name_en"]},
                   "latitude": float(d["latitude"]) if d["latitude"] else None,
                   "longitude": float(d["longitude"]) if d["longitude"] else None} for d in khet],
    "constituencies": [{"code": "BKK-C" + str(i + 1), "number": i + 1, "province": "BKK",
                        "districts": [d["district_code"]], "registered_voters": rounded[d["district_code"]]}
                       for i, d in enumerate(khet)],
    "contests": [
        {"code": "governor", "name": {"th": "ผู้ว่าราชการกรุงเทพมหานคร", "en": "Governor"},
         "scope": "ELECTION", "ballot": "CANDIDATE", "seats": 1, "seat_rule": "PLURALITY"},
        {"code": "council", "name": {"th": "สมาชิกสภากรุงเทพมหานคร", "en": "City council"},
         "scope": "CONSTITUENCY", "ballot": "CANDIDATE", "seats": 1, "seat_rule": "PLURALITY"}],
    "parties": [{"code": "EX-" + x, "name": {"th": "พรรคตัวอย่าง " + t, "en": "Example party " + x}}
                for x, t in zip("ABCD", "กขคง")],
    "candidates": [{"code": "governor-%d" % n, "contest": "governor", "ballot_number": n,
                    "name": "ผู้สมัครตัวอย่างหมายเลข %d" % n, "party": ("EX-" + "ABCD"[n % 4]) if n % 3 else None}
                   for n in range(1, 32)]
                  + [{"code": "council-%d-%d" % (i + 1, n), "contest": "council", "constituency": "BKK-C" + str(i + 1),
                      "ballot_number": n, "name": "ผู้สมัครตัวอย่าง เขต %d หมายเลข %d" % (i + 1, n),
                      "party": "EX-" + "ABCD"[n - 1] if n <= 4 else None}
                     for i in range(len(khet)) for n in range(1, 6)],
    "station_generation": {"seed": 2565, "total": 6817},
}
json.dump(defn, open(pathlib.Path(__file__).with_name("bkk-2565-example.json"), "w", encoding="utf-8"), ensure_ascii=False, indent=1)
print(len(khet), "khet,", sum(rounded.values()), "voters")
