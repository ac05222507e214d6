package org.khanaen;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Khanaen: unofficial, real-time election results from every polling station. */
@SpringBootApplication
@EnableScheduling
public class KhanaenApplication {

    public static void main(String[] args) {
        SpringApplication.run(KhanaenApplication.class, args);
    }
}
