package org.khanaen.benchmarks.rehearsal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a person reads off a station contest's page (the war room's or the lead's): which station contest it is (the
 * page's data- attributes), the reports listed with their status, the decision forms it offers (approve or confirm
 * a report, whether as written, the correction form's fields) and the photos.
 */
record ItemPage(Ledger.Key key, Map<Long, String> reports, List<Long> finals, List<Choice> choices, List<String> correctFields,
        List<String> photos) {

    /** A form that decides by one report: approve (war room) or confirm (lead). */
    record Choice(long report, boolean asWritten) {
    }

    private static final Pattern KEY = Pattern.compile("data-station-id=\"(\\d+)\"\\s+data-contest=\"([^\"]+)\"");
    private static final Pattern REPORT = Pattern.compile(
            "data-report-id=\"(\\d+)\"\\s+data-report-status=\"(\\w+)\"\\s+data-report-final=\"(true|false)\"");
    private static final Pattern FORM = Pattern.compile("<form[^>]*action=\"[^\"]*/(approve|confirm)\"[^>]*>(.*?)</form>", Pattern.DOTALL);
    private static final Pattern AS_WRITTEN = Pattern.compile("data-as-written=\"true\"");
    private static final Pattern HIDDEN_REPORT = Pattern.compile("name=\"report\"\\s+value=\"(\\d+)\"");
    private static final Pattern CORRECT_FORM = Pattern.compile("<form[^>]*id=\"correct-form\"[^>]*>(.*?)</form>", Pattern.DOTALL);
    private static final Pattern INPUT_NAME = Pattern.compile("<input type=\"number\"[^>]*name=\"(\\w+)\"");
    /** A photo in the page's photo lists: a presigned link into the bucket, or (pages before those) the app's address. */
    private static final Pattern PHOTOS = Pattern.compile("<ul class=\"photos\">(.*?)</ul>", Pattern.DOTALL);
    private static final Pattern PHOTO = Pattern.compile("<img src=\"([^\"]+)\"");

    /** Null when the page is no station contest's page. */
    static ItemPage read(String page) {
        Matcher key = KEY.matcher(page);
        if (!key.find()) {
            return null;
        }
        Map<Long, String> reports = new LinkedHashMap<>();
        List<Long> finals = new ArrayList<>();
        for (Matcher m = REPORT.matcher(page); m.find();) {
            reports.put(Long.parseLong(m.group(1)), m.group(2));
            if (m.group(3).equals("true")) {
                finals.add(Long.parseLong(m.group(1)));
            }
        }
        List<Choice> choices = new ArrayList<>();
        for (Matcher m = FORM.matcher(page); m.find();) {
            Matcher report = HIDDEN_REPORT.matcher(m.group(2));
            if (report.find()) {
                choices.add(new Choice(Long.parseLong(report.group(1)), AS_WRITTEN.matcher(m.group(0)).find()));
            }
        }
        List<String> fields = new ArrayList<>();
        Matcher correct = CORRECT_FORM.matcher(page);
        if (correct.find()) {
            for (Matcher m = INPUT_NAME.matcher(correct.group(1)); m.find();) {
                fields.add(m.group(1));
            }
        }
        List<String> photos = new ArrayList<>();
        for (Matcher list = PHOTOS.matcher(page); list.find();) {
            for (Matcher m = PHOTO.matcher(list.group(1)); m.find();) {
                photos.add(m.group(1).replace("&amp;", "&"));
            }
        }
        return new ItemPage(new Ledger.Key(Long.parseLong(key.group(1)), key.group(2)), reports, finals, choices, fields, photos);
    }

    /** The page offers its decisions to this person (a war-room item they hold). */
    boolean decidable() {
        return !correctFields.isEmpty();
    }

    /**
     * Every final count listed is one the ledger has recorded (the sender records its answer a moment after the app
     * stored it); running tallies decide nothing.
     */
    boolean known(Ledger ledger) {
        var sent = ledger.sentFor(key).stream().map(Ledger.Sent::reportId).toList();
        return sent.containsAll(finals);
    }
}
