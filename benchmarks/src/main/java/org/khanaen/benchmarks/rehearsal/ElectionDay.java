package org.khanaen.benchmarks.rehearsal;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The app's "today" on the 2023 election day, for a rehearsal. The app has no setting for it: its one {@link Clock} bean
 * (assignment's {@code AssignmentConfiguration}, {@code @ConditionalOnMissingBean}, the hook its tests use) decides when
 * check-in opens (election day from 05:00, Bangkok). This initializer gives the app, before it starts, the real clock
 * moved to that day: it ticks at the real pace, nothing else in the app is changed. Without it, check-in is closed and
 * the set-up says so.
 */
public final class ElectionDay {

    public static final LocalDate DAY_2566 = LocalDate.of(2023, 5, 14);

    private ElectionDay() {
    }

    /** The app's clock at {@code at} (Bangkok) of {@code day} when the app starts, ticking on from there. */
    public static ApplicationContextInitializer<ConfigurableApplicationContext> at(LocalDate day, LocalTime at) {
        return context -> context.getBeanFactory().registerSingleton("rehearsalClock", clock(day, at));
    }

    /**
     * The default: election day at 17:00, as the polls close. Check-in is open (from 05:00, with no end); the day's
     * reminders (06:00–17:00, every 10 minutes, to everyone placed) stay quiet, as they would have gone out that morning:
     * a set-up at 07:00 had the app mail a reminder to all 100,000 during the set-up and the night; and the app's hours
     * then run close to the night's own clock.
     */
    public static ApplicationContextInitializer<ConfigurableApplicationContext> of2566() {
        return at(DAY_2566, LocalTime.of(17, 0));
    }

    static Clock clock(LocalDate day, LocalTime at) {
        Clock real = Clock.systemUTC();
        return Clock.offset(real, Duration.between(real.instant(), day.atTime(at).atZone(ZoneId.of("Asia/Bangkok")).toInstant()));
    }
}
