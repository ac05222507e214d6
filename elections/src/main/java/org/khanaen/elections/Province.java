package org.khanaen.elections;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "province")
class Province {

    @Id
    private Long id;
    private String electionId;
    private String code;
    private String ectId;
    private String nameTh;
    private String nameEn;
    private Double latitude;
    private Double longitude;
    private long registeredVoters;
    private String abbreviation;
    private String sourceNameEn;

    protected Province() {
    }

    Long id() {
        return id;
    }

    String code() {
        return code;
    }

    ProvinceView view(long constituencies, long stations) {
        return new ProvinceView(code, ectId, new LocalizedName(nameTh, nameEn), latitude, longitude, registeredVoters,
                constituencies, stations, abbreviation, sourceNameEn);
    }

    ProvinceRef ref() {
        return new ProvinceRef(code, new LocalizedName(nameTh, nameEn));
    }
}
