package org.khanaen.volunteers;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** Keeps the registry's mails in memory, so tests can read the links in them. */
class RecordingMail implements RegistryMail {

    record Sent(String kind, String email, String link) {
    }

    final List<Sent> sent = new CopyOnWriteArrayList<>();

    @Override
    public void invitation(String email, Locale locale, String organisation, String link) {
        sent.add(new Sent("invitation", email, link));
    }

    @Override
    public void verification(String email, Locale locale, String name, String organisation, String link) {
        sent.add(new Sent("verification", email, link));
    }

    @Override
    public void joinConfirmation(String email, Locale locale, String name, String organisation, String link) {
        sent.add(new Sent("join", email, link));
    }

    @Override
    public void addedByOrganisation(String email, Locale locale, String name, String organisation, String link) {
        sent.add(new Sent("added", email, link));
    }

    @Override
    public void approval(String email, Locale locale, String name, String organisation) {
        sent.add(new Sent("approval", email, null));
    }

    Sent last(String email) {
        return sent.stream().filter(s -> s.email().equals(email)).reduce((a, b) -> b).orElseThrow();
    }

    String token(String email) {
        String link = last(email).link();
        return link.substring(link.indexOf("token=") + 6);
    }

    @TestConfiguration
    static class Config {
        @Bean
        @Primary
        RecordingMail recordingMail() {
            return new RecordingMail();
        }
    }
}
