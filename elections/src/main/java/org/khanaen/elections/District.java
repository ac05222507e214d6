package org.khanaen.elections;

import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

@Entity
@Table(name = "district")
class District {

    @Id
    private Long id;
    private String electionId;
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "province_id")
    private Province province;
    private String code;
    private String nameTh;
    private String nameEn;
    private Double latitude;
    private Double longitude;

    protected District() {
    }

    DistrictView view() {
        return new DistrictView(code, province.code(), new LocalizedName(nameTh, nameEn), latitude, longitude);
    }
}
