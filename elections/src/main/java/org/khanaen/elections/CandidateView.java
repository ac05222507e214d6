package org.khanaen.elections;

/**
 * @param constituency the constituency's code, or null in a contest over the whole election
 * @param party        null for an independent
 * @param imageUrl     where the source publishes the candidate's picture, if it says
 */
public record CandidateView(long id, String code, String contest, String constituency, int ballotNumber, String name,
        PartyView party, String imageUrl) {
}
