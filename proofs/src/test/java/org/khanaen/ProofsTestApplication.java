package org.khanaen;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Boots the public record with the modules it needs; at {@code org.khanaen} so Spring Modulith sees the module layout. */
@SpringBootApplication
class ProofsTestApplication {
}
