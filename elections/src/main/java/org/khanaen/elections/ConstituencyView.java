package org.khanaen.elections;

import java.util.List;

/**
 * @param id   internal id, for other modules' references
 * @param code the ECT's code, e.g. BKK_1
 */
public record ConstituencyView(long id, String code, int number, ProvinceRef province, long registeredVoters,
        long stations, List<String> zones) {
}
