package org.khanaen.elections;

import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

@Entity
@Table(name = "station")
class Station {

    @Id
    private Long id;
    private String electionId;
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "constituency_id")
    private Constituency constituency;
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "district_id")
    private District district;
    private String code;
    private int number;
    private String nameTh;
    private String nameEn;
    private double latitude;
    private double longitude;
    private int registeredVoters;
    private boolean priority;

    protected Station() {
    }

    StationView view() {
        return new StationView(id, electionId, code, constituency.code(), constituency.province().code(),
                district == null ? null : district.view().code(), number, new LocalizedName(nameTh, nameEn),
                latitude, longitude, registeredVoters, priority);
    }
}
