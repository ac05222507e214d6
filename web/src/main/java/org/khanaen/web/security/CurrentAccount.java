package org.khanaen.web.security;

import org.khanaen.accounts.AccountDirectory;
import org.khanaen.accounts.AccountId;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/** The account behind a request. */
@Component
public class CurrentAccount {

    private final AccountDirectory accounts;

    CurrentAccount(AccountDirectory accounts) {
        this.accounts = accounts;
    }

    public AccountId of(Authentication authentication) {
        if (authentication == null || !authentication.isAuthenticated()) {
            throw new AccessDeniedException("not signed in");
        }
        if (authentication.getPrincipal() instanceof SignedIn signedIn) {
            return signedIn.account();
        }
        return accounts.findForLogin(authentication.getName()).map(a -> a.id())
                .orElseThrow(() -> new AccessDeniedException("no account " + authentication.getName()));
    }

    public static boolean isAdmin(Authentication authentication) {
        return authentication != null && authentication.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_ADMIN"));
    }
}
