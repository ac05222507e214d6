package org.khanaen.elections;

import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

@Entity
@Table(name = "constituency")
class Constituency {

    @Id
    private Long id;
    private String electionId;
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "province_id")
    private Province province;
    private String code;
    private int number;
    private long registeredVoters;

    @ElementCollection
    @CollectionTable(name = "constituency_zone", joinColumns = @JoinColumn(name = "constituency_id"))
    @OrderBy("position")
    private List<Zone> zones = new ArrayList<>();

    protected Constituency() {
    }

    Long id() {
        return id;
    }

    String code() {
        return code;
    }

    Province province() {
        return province;
    }

    List<Zone> zones() {
        return zones;
    }

    ConstituencyView view(long stations) {
        return new ConstituencyView(id, code, number, province.ref(), registeredVoters, stations,
                zones.stream().map(Zone::text).toList());
    }
}
