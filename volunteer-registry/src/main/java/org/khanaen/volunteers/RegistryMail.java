package org.khanaen.volunteers;

import java.util.Locale;

/** The mails the registry sends; each is queued in the caller's transaction, sent once. */
interface RegistryMail {

    void invitation(String email, Locale locale, String organisation, String link);

    void verification(String email, Locale locale, String name, String organisation, String link);

    /** Someone signed up with an address we know: ask its owner to confirm joining this organisation. */
    void joinConfirmation(String email, Locale locale, String name, String organisation, String link);

    /** A partner organisation named a person already known to Khanaen: they are asked, and nothing is shown to it. */
    void addedByOrganisation(String email, Locale locale, String name, String organisation, String link);

    void approval(String email, Locale locale, String name, String organisation);
}
