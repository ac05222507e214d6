package org.khanaen.web.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.khanaen.assignment.SampleStations;
import org.khanaen.elections.BallotKind;
import org.khanaen.elections.CandidateView;
import org.khanaen.elections.ConstituencyView;
import org.khanaen.elections.ContestView;
import org.khanaen.elections.ElectionCatalog;
import org.khanaen.elections.LocalizedName;
import org.khanaen.elections.PartyView;
import org.khanaen.elections.StationPoint;
import org.khanaen.elections.StationView;
import org.khanaen.results.ReportIntake;
import org.khanaen.web.report.ReportPlaces.Reporter;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;

/** What the report page shows: the station, its contests, one line per ballot number, the draft as typed. */
@Component
public class ReportPage {

    /** A ballot number with whom it stands for. */
    public record BallotLine(int number, String name, String party) {

        /** The name as findings and receipts say it: the candidate with their party, or the party. */
        String said() {
            return name == null ? null : party == null ? name : name + ", " + party;
        }
    }

    /** A number of a receipt: the votes sent for a ballot number, with whom it stands for. */
    public record VoteLine(int number, String name, long votes) {
    }

    /**
     * A sent report as its receipt shows it.
     *
     * @param statusKey message key of where it stands (waiting, in conflict, verified, corrected, ...)
     * @param waiting   a final count still waiting for a decision: the page asks again for its status
     */
    public record ReceiptView(ReportIntake.Receipt receipt, String contestName, List<VoteLine> votes, String statusKey, boolean waiting) {
    }

    /**
     * The form as typed, kept as text so that a refused report comes back exactly as it was sent.
     *
     * @param votes by ballot number
     */
    public record Draft(Long stationId, String contest, Map<Integer, String> votes, String valid, String invalid, String noVote,
            String ballotsUsed, String isFinal, String key, boolean confirmed, List<Long> photoIds, String votersCame,
            String ballotsReceived, String ballotsLeft, boolean asWritten, boolean photosLater) {

        static Draft empty(String key) {
            return new Draft(null, null, Map.of(), "", "", "", "", "", key, false, List.of(), "", "", "", false, false);
        }

        static Draft of(MultiValueMap<String, String> form) {
            Map<Integer, String> votes = new LinkedHashMap<>();
            form.forEach((name, values) -> {
                if (name.startsWith("vote-") && name.substring(5).matches("\\d{1,4}") && !values.isEmpty()) {
                    votes.put(Integer.parseInt(name.substring(5)), values.getFirst().strip());
                }
            });
            List<Long> photos = new ArrayList<>();
            for (String id : form.getOrDefault("photoIds", List.of())) {
                if (id.strip().matches("\\d{1,18}")) {
                    photos.add(Long.parseLong(id.strip()));
                }
            }
            String station = text(form, "station");
            return new Draft(station.matches("\\d{1,18}") ? Long.parseLong(station) : null, text(form, "contest"), votes,
                    text(form, "valid"), text(form, "invalid"), text(form, "noVote"), text(form, "ballotsUsed"), text(form, "final"),
                    text(form, "idempotencyKey"), "true".equals(text(form, "warningsConfirmed")), photos, text(form, "votersCame"),
                    text(form, "ballotsReceived"), text(form, "ballotsLeft"), "true".equals(text(form, "asWritten")),
                    "true".equals(text(form, "photosLater")));
        }

        Draft withPhotos(List<Long> ids) {
            return new Draft(stationId, contest, votes, valid, invalid, noVote, ballotsUsed, isFinal, key, confirmed, List.copyOf(ids),
                    votersCame, ballotsReceived, ballotsLeft, asWritten, photosLater);
        }

        public String vote(int number) {
            return votes.getOrDefault(number, "");
        }

        /**
         * As a request; a blank vote is 0 (a running tally leaves numbers out), a blank total is missing.
         *
         * @throws ReportRequest.Malformed what is missing or not a whole number
         */
        ReportRequest request() {
            List<String> wrong = new ArrayList<>();
            Map<String, Long> byNumber = new LinkedHashMap<>();
            votes.forEach((number, text) -> {
                Long v = text.isEmpty() ? null : number(text, "votes", wrong);
                byNumber.put(String.valueOf(number), v == null ? 0L : v); // a wrong one is already said above
            });
            Long v = optional(valid, "valid", wrong);
            Long i = optional(invalid, "invalid", wrong);
            Long n = optional(noVote, "no-vote", wrong);
            Long b = optional(ballotsUsed, "ballots-used", wrong);
            Long came = optional(votersCame, "voters-came", wrong);
            Long received = optional(ballotsReceived, "ballots-received", wrong);
            Long left = optional(ballotsLeft, "ballots-left", wrong);
            Boolean fin = "true".equals(isFinal) ? Boolean.TRUE : "false".equals(isFinal) ? Boolean.FALSE : null;
            ReportRequest request = new ReportRequest(null, stationId, contest, fin, byNumber, v, i, n, b, key, confirmed, photoIds,
                    came, received, left, asWritten, photosLater);
            try {
                request.tally(); // what is missing, said together with what is not a number
            } catch (ReportRequest.Malformed missing) {
                missing.keys().stream().filter(k -> !wrong.contains(k)).forEach(wrong::add);
            }
            if (!wrong.isEmpty()) {
                throw new ReportRequest.Malformed(wrong);
            }
            return request;
        }

        private static Long optional(String text, String field, List<String> wrong) {
            return text.isEmpty() ? null : number(text, field, wrong);
        }

        private static Long number(String text, String field, List<String> wrong) {
            try {
                return Long.parseLong(text.replace(",", ""));
            } catch (NumberFormatException e) {
                String key = "report-page.not-a-number." + field;
                if (!wrong.contains(key)) {
                    wrong.add(key);
                }
                return null;
            }
        }

        private static String text(MultiValueMap<String, String> form, String name) {
            String value = form.getFirst(name);
            return value == null ? "" : value.strip();
        }
    }

    private final ElectionCatalog catalog;
    private final ReportIntake intake;
    private final SampleStations samples;

    ReportPage(ElectionCatalog catalog, ReportIntake intake, SampleStations samples) {
        this.catalog = catalog;
        this.intake = intake;
        this.samples = samples;
    }

    Optional<StationView> station(long stationId) {
        return catalog.station(stationId);
    }

    String stationCode(long stationId) {
        return catalog.station(stationId).map(StationView::code).orElse(String.valueOf(stationId));
    }

    /**
     * @param stationCode a lead's choice (ignored for a station's own volunteer)
     * @param contestCode the contest chosen, else the election's first
     */
    String show(Reporter reporter, String stationCode, String contestCode, Draft draft, Model model) {
        Locale locale = LocaleContextHolder.getLocale();
        List<ContestView> contests = catalog.contests(reporter.electionId());
        ContestView contest = contests.stream().filter(c -> c.code().equals(contestCode)).findFirst()
                .orElse(contests.isEmpty() ? null : contests.getFirst());
        Optional<StationView> station = reporter.lead()
                ? Optional.ofNullable(stationCode).map(String::strip).filter(code -> !code.isEmpty())
                        .flatMap(code -> catalog.stationByCode(reporter.electionId(), code))
                        .filter(s -> catalog.stationPoint(s.id()).map(StationPoint::constituencyId).orElse(-1L) == reporter.constituencyId())
                : catalog.station(reporter.stationId());
        model.addAttribute("reporter", reporter);
        model.addAttribute("contests", contests.stream().map(c -> Map.entry(c.code(), c.name().in(locale))).toList());
        model.addAttribute("contest", contest);
        model.addAttribute("station", station.orElse(null));
        model.addAttribute("stationName", station.map(s -> s.name().in(locale)).orElse(null));
        model.addAttribute("sample", station.isPresent() && samples.of(reporter.electionId()).contains(station.get().id()));
        if (reporter.lead()) {
            ConstituencyView constituency = catalog.constituency(reporter.electionId(), reporter.constituencyId()).orElseThrow();
            model.addAttribute("constituency", constituency);
            model.addAttribute("codes", catalog.stations(reporter.electionId(), Optional.of(constituency.code()), Pageable.unpaged())
                    .map(StationView::code).getContent());
            model.addAttribute("unknownStation", stationCode != null && !stationCode.isBlank() && station.isEmpty());
        }
        if (station.isPresent() && contest != null) {
            model.addAttribute("lines", lines(reporter, station.get(), contest, locale));
        }
        if (station.isPresent()) {
            List<ReceiptView> receipts = receipts(reporter, station.get(), locale);
            model.addAttribute("receipts", receipts);
            model.addAttribute("receiptsWaiting", receipts.stream().anyMatch(ReceiptView::waiting));
        }
        model.addAttribute("draft", draft);
        model.addAttribute("kinds", org.khanaen.results.Photos.PhotoKind.values());
        model.addAttribute("tokenIssuedAt", intake.tokenIssuedAt(reporter.volunteer()).orElse(null));
        return "report/form";
    }

    /** The receipts of what this reporter sent for the station, newest first, their numbers named. */
    List<ReceiptView> receipts(Reporter reporter, StationView station, Locale locale) {
        List<ContestView> contests = catalog.contests(reporter.electionId());
        Map<String, Map<Integer, String>> names = new LinkedHashMap<>();
        return intake.receipts(reporter.volunteer(), station.id()).stream().map(r -> {
            Optional<ContestView> contest = contests.stream().filter(c -> c.code().equals(r.contest())).findFirst();
            Map<Integer, String> named = names.computeIfAbsent(r.contest(),
                    code -> contest.map(c -> names(reporter, station, c, locale)).orElse(Map.of()));
            List<VoteLine> votes = r.tally().votes().entrySet().stream()
                    .map(e -> new VoteLine(e.getKey(), named.get(e.getKey()), e.getValue())).toList();
            boolean waiting = r.tally().isFinal() && r.waiting();
            String status = !r.tally().isFinal() ? "PARTIAL"
                    : waiting && r.contestState() == org.khanaen.results.WarRoom.ContestState.CONFLICT ? "CONFLICT" : r.status();
            return new ReceiptView(r, contest.map(c -> c.name().in(locale)).orElse(r.contest()), votes,
                    "report-page.receipt.status." + status, waiting);
        }).toList();
    }

    /** Who each ballot number stands for at the station in the contest, for findings and receipts in words. */
    Map<Integer, String> names(Reporter reporter, long stationId, String contestCode, Locale locale) {
        Optional<StationView> station = catalog.station(stationId);
        Optional<ContestView> contest = catalog.contests(reporter.electionId()).stream().filter(c -> c.code().equals(contestCode)).findFirst();
        return station.isPresent() && contest.isPresent() ? names(reporter, station.get(), contest.get(), locale) : Map.of();
    }

    private Map<Integer, String> names(Reporter reporter, StationView station, ContestView contest, Locale locale) {
        Map<Integer, String> names = new LinkedHashMap<>();
        lines(reporter, station, contest, locale).stream().filter(l -> l.said() != null).forEach(l -> names.put(l.number(), l.said()));
        return names;
    }

    private List<BallotLine> lines(Reporter reporter, StationView station, ContestView contest, Locale locale) {
        long constituencyId = catalog.stationPoint(station.id()).orElseThrow().constituencyId();
        var numbers = catalog.ballotNumbers(reporter.electionId(), contest.code(), constituencyId);
        Map<Integer, BallotLine> named = new LinkedHashMap<>();
        if (contest.ballot() == BallotKind.CANDIDATE) {
            catalog.constituency(reporter.electionId(), station.constituency()).ifPresent(c -> {
                for (CandidateView candidate : c.candidates()) {
                    if (contest.code().equals(candidate.contest()) && station.constituency().equals(candidate.constituency())) {
                        named.put(candidate.ballotNumber(), new BallotLine(candidate.ballotNumber(), candidate.name(),
                                candidate.party() == null ? null : name(candidate.party().name(), locale)));
                    }
                }
            });
        } else {
            for (PartyView party : catalog.parties(reporter.electionId())) {
                if (party.ballotNumber() != null) {
                    named.put(party.ballotNumber(), new BallotLine(party.ballotNumber(), name(party.name(), locale), null));
                }
            }
        }
        return numbers.stream().map(n -> named.getOrDefault(n, new BallotLine(n, null, null))).toList();
    }

    private static String name(LocalizedName name, Locale locale) {
        return name == null ? null : name.in(locale);
    }
}
