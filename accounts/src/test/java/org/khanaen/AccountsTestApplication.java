package org.khanaen;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Boots the accounts module on its own; at {@code org.khanaen} so Spring Modulith sees the module layout. */
@SpringBootApplication
class AccountsTestApplication {
}
