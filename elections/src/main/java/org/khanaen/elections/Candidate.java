package org.khanaen.elections;

import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

@Entity
@Table(name = "candidate")
class Candidate {

    @Id
    private Long id;
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "contest_id")
    private Contest contest;
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "constituency_id")
    private Constituency constituency;
    private String code;
    private int ballotNumber;
    private String name;
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "party_id")
    private Party party;
    private String imageUrl;

    protected Candidate() {
    }

    CandidateView view() {
        return new CandidateView(id, code, contest.code(), constituency == null ? null : constituency.code(), ballotNumber, name,
                party == null ? null : party.view(), imageUrl);
    }
}
