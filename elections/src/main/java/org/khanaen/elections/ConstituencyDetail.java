package org.khanaen.elections;

import java.util.List;

public record ConstituencyDetail(long id, String code, int number, ProvinceRef province, long registeredVoters,
        List<ZoneView> zones, List<CandidateView> candidates, List<StationView> stations) {
}
