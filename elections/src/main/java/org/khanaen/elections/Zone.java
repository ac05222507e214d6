package org.khanaen.elections;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;

/** A district, or part of one, that a constituency covers. */
@Embeddable
class Zone {

    private int position;
    @Column(name = "zone_text")
    private String text;
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "district_id")
    private District district;
    private boolean partial;

    protected Zone() {
    }

    String text() {
        return text;
    }

    ZoneView view() {
        return new ZoneView(text, district == null ? null : district.view(), partial);
    }
}
