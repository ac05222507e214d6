package org.khanaen.web.security;

import org.khanaen.accounts.SignInThrottle;
import org.khanaen.results.LiveResults;
import org.khanaen.results.MediaOutlets;
import org.khanaen.results.ReportIntake;
import org.khanaen.volunteers.PartnerOrganisations;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import jakarta.servlet.DispatcherType;

/**
 * Two doors. {@code /api/**}: stateless, no session cookie, so no CSRF; answers in problem details.
 * Everything else: pages with form sign-in, a session, CSRF tokens on every form.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET) // not for ./khanaen import
@EnableConfigurationProperties(ClusterSize.class)
class SecurityConfiguration {

    /** Same-origin everything: no inline scripts or styles, no framing, no plugins. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; object-src 'none'; "
            + "base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /** The coverage map may also load OpenStreetMap tiles; only that page, so no other page leaks visits to a third party. */
    static final String MAP_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace("img-src 'self' data: blob:",
            "img-src 'self' data: blob: https://tile.openstreetmap.org");

    /** The photo bucket as a source of images and a place to connect to (presigned links). */
    static String withBucket(String policy, String bucketOrigin) {
        return policy.replace("img-src 'self' data: blob:", "img-src 'self' data: blob: " + bucketOrigin)
                .replace("connect-src 'self'", "connect-src 'self' " + bucketOrigin);
    }

    private static final RequestMatcher MAP_PAGES = PathPatternRequestMatcher.withDefaults().matcher("/admin/elections/*/coverage/map");

    /**
     * No observation around each security filter, authentication and authorization: even switched off by property,
     * the filters stayed wrapped, which cost ~4% of the reports API's CPU on election night. HTTP request metrics stay.
     */
    @Bean
    static SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * The only way to sign in with a password: through the throttle. As the one {@link AuthenticationProvider} bean it
     * is the whole global authentication manager, so no other provider can be asked after a refusal.
     */
    @Bean
    AuthenticationProvider throttledSignIn(AccountUserDetailsService accounts, PasswordEncoder passwordEncoder, SignInThrottle throttle) {
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(accounts);
        passwords.setPasswordEncoder(passwordEncoder);
        return new ThrottledSignIn(passwords, throttle);
    }

    /**
     * The ECT-compatible feed: public files for anyone and any CDN, read only; no session, no cookie, and the feed's own
     * caching headers (not Spring Security's no-store).
     */
    @Bean
    @Order(0)
    SecurityFilterChain ectFeedChain(HttpSecurity http) throws Exception {
        http.securityMatcher("/ect/**")
                .authorizeHttpRequests(requests -> requests.requestMatchers(HttpMethod.GET, "/ect/**").permitAll().anyRequest().denyAll())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .headers(headers -> headers.cacheControl(cache -> cache.disable())
                        .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'none'; frame-ancestors 'none'")));
        return http.build();
    }

    /**
     * The public results stream: tens of thousands open it at once on election night (issue 23). Read only and the
     * same for everyone, so stateless: a reader's session cookie is not looked up (with shared sessions that was a
     * database read per opening), no CSRF token, no saved request; the async dispatch that ends a stream passes.
     */
    @Bean
    @Order(0)
    SecurityFilterChain resultsStreamChain(HttpSecurity http) throws Exception {
        http.securityMatcher("/results/*/stream")
                .authorizeHttpRequests(requests -> requests.dispatcherTypeMatchers(DispatcherType.ASYNC).permitAll()
                        .requestMatchers(HttpMethod.GET, "/results/*/stream").permitAll().anyRequest().denyAll())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .logout(logout -> logout.disable())
                .servletApi(servlet -> servlet.disable())
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'none'; frame-ancestors 'none'")));
        return http.build();
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, ProblemDetailSecurityHandlers problems, PartnerOrganisations organisations,
            ReportIntake intake, MediaOutlets mediaOutlets, LiveResults live, ClusterSize cluster)
            throws Exception {
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(requests -> requests
                        // the dispatch that ends a stream (a media client's SSE gone): its request was authorised when it
                        // came, and the token filters do not run again (stateless); authorised again it was refused, on a
                        // response long committed, and each disconnect logged two ERRORs with stack traces
                        .dispatcherTypeMatchers(DispatcherType.ASYNC).permitAll()
                        // media outlets' keys (khm_), read only; nothing else answers to a media key
                        .requestMatchers(HttpMethod.GET, MediaKeyFilter.PATHS).hasRole("MEDIA")
                        .requestMatchers(MediaKeyFilter.PATHS).denyAll()
                        .requestMatchers(HttpMethod.GET, "/api/v1/elections", "/api/v1/elections/**").permitAll()
                        // Stripe's webhook: no sign-in; the event's signature is checked by the donations module
                        .requestMatchers(HttpMethod.POST, "/api/stripe/webhook").permitAll()
                        .requestMatchers("/api/v1/org/**").hasRole("ORGANISATION_API")
                        // a volunteer's own token (khv_), for the partner app that sends their station's reports
                        .requestMatchers("/api/v1/stations/*/reports", "/api/v1/stations/*/reports/*", "/api/v1/photos", "/api/v1/photos/uploads").hasRole("REPORTER_API")
                        .anyRequest().authenticated())
                .addFilterBefore(new OrganisationTokenFilter(organisations), AuthorizationFilter.class)
                .addFilterBefore(new ReporterTokenFilter(intake), AuthorizationFilter.class)
                .addFilterBefore(new MediaKeyFilter(mediaOutlets, problems, live, cluster), AuthorizationFilter.class)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                // no sign-out and no servlet-API request wrapper: tokens are not signed out of, the API reads its principal
                // as an argument; one wrapper less for every call of election night's busiest path
                .logout(logout -> logout.disable())
                .servletApi(servlet -> servlet.disable())
                .exceptionHandling(errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'none'; frame-ancestors 'none'")));
        return http.build();
    }

    static AuthorizationManager<RequestAuthorizationContext> machineItselfOrAdministrator() {
        AuthorizationManager<RequestAuthorizationContext> administrator = AuthorityAuthorizationManager.hasRole("ADMIN");
        return (authentication, context) -> fromThisMachine(context.getRequest()) ? new AuthorizationDecision(true)
                : administrator.authorize(authentication, context);
    }

    private static boolean fromThisMachine(jakarta.servlet.http.HttpServletRequest request) {
        try { // a literal address: no name is looked up
            return java.net.InetAddress.getByName(request.getRemoteAddr()).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    @Bean
    @Order(2)
    SecurityFilterChain pages(HttpSecurity http, org.khanaen.results.Photos photos) throws Exception {
        // photos are shown from, and the phone's page puts them into, the bucket's own address
        String bucket = photos.bucketOrigin().orElse("https://*.amazonaws.com");
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/", "/login", "/error", "/css/**", "/js/**", "/img/**", "/webjars/**", "/favicon.ico").permitAll()
                        .requestMatchers("/join/**", "/invitation/**", "/organisations/*/logo").permitAll()
                        .requestMatchers(HttpMethod.GET, "/results", "/results/**").permitAll() // the public results
                        .requestMatchers(HttpMethod.GET, "/verify", "/verify/**").permitAll() // the public record, checked by anyone
                        // the campaign and its ledger are public; the local payment page exists only in development mode
                        .requestMatchers("/campaign", "/campaign/**", "/ledger", "/ledger/**", "/ledger.csv").permitAll()
                        // the assignment mail's links work without signing in: the signed token is the key (forms keep CSRF)
                        .requestMatchers("/assignment/**").permitAll()
                        // leads sign in as volunteers; whether they lead a constituency is checked by the controller
                        .requestMatchers("/lead", "/lead/**").authenticated()
                        // verifiers: administrators, war-room accounts and volunteers in a war-room shift (checked by the controller)
                        .requestMatchers("/war-room", "/war-room/**").authenticated()
                        .requestMatchers("/org/**").hasAnyRole("ORG_COORDINATOR", "ADMIN")
                        .requestMatchers("/me", "/me/**").hasRole("VOLUNTEER")
                        // a donor's coupon wallet: the signed link mailed to them is the key
                        .requestMatchers("/wallet/**").permitAll()
                        .requestMatchers("/sponsor", "/sponsor/**").hasRole("SPONSOR")
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                        // development mode only (404 when the dev mail server is off): its links open accounts, so it answers
                        // the machine itself (whoever is trying Khanaen on it) and administrators, never anyone on the network
                        .requestMatchers("/dev/inbox/**").access(machineItselfOrAdministrator())
                        .requestMatchers("/admin/**", "/actuator/**").hasRole("ADMIN")
                        .anyRequest().authenticated())
                .formLogin(form -> form.loginPage("/login").successHandler(new RoleLanding()).failureHandler(new SignInFailures()).permitAll())
                .logout(logout -> logout.logoutSuccessUrl("/?signed-out"))
                .addFilterAfter(new PasswordChangeRequiredFilter(), AuthorizationFilter.class)
                .headers(headers -> headers
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(MAP_PAGES,
                                new ContentSecurityPolicyHeaderWriter(withBucket(MAP_CONTENT_SECURITY_POLICY, bucket))))
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(new NegatedRequestMatcher(MAP_PAGES),
                                new ContentSecurityPolicyHeaderWriter(withBucket(CONTENT_SECURITY_POLICY, bucket))))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
                        .permissionsPolicyHeader(permissions -> permissions.policy("camera=(self), geolocation=(self), microphone=()")));
        return http.build();
    }
}
