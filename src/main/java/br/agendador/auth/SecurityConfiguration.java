package br.agendador.auth;

import java.time.Clock;
import java.time.Duration;

import br.agendador.platform.security.Claims;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.DelegatingAuthenticationEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.savedrequest.CookieRequestCache;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.RequestHeaderRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcherEntry;

/**
 * Three doors: the API (stateless, bearer JWT, problem+json errors), operations and API docs
 * (open), and the web UI (session, form login on our own page, CSRF, a strict content security
 * policy).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    /** Tokens from clocks a little ahead of ours are still accepted. */
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(5);

    /** The sign-in form's field for the e-mail (Spring's default calls it "username"). */
    static final String SIGN_IN_EMAIL = "email";

    /**
     * Pages run only our own scripts, from our own origin (no inline scripts, no eval); styles
     * may be inline because htmx and FullCalendar set element styles.
     */
    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; object-src 'none'; "
            + "base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    @Bean
    @Order(1)
    SecurityFilterChain apiSecurity(HttpSecurity http, ApiAuthenticationProblems problems, JwtDecoder decoder) throws Exception {
        JwtGrantedAuthoritiesConverter authorities = new JwtGrantedAuthoritiesConverter();
        authorities.setAuthoritiesClaimName(Claims.ROLES);
        authorities.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(authorities);
        return http
                .securityMatcher("/api/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/api/v1/auth/**").permitAll()
                        .requestMatchers("/api/v1/admin/**").hasRole("ADMIN")
                        .anyRequest().authenticated())
                .oauth2ResourceServer(resource -> resource
                        .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(converter))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain operationsSecurity(HttpSecurity http) throws Exception {
        return http
                .securityMatcher("/actuator/**", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain webSecurity(HttpSecurity http, FormLoginProvider logins, RememberMeLogins rememberMe)
            throws Exception {
        SessionExpiry expiry = new SessionExpiry();
        RequestMatcher htmx = new RequestHeaderRequestMatcher(SessionExpiry.HX_REQUEST);
        // The page to return to after signing in, and the CSRF token, are kept in cookies rather than
        // in a session: sessions are rows in PostgreSQL, and anonymous visitors (a flood of GET
        // /login) must not create one each.
        CookieRequestCache pagesToReturnTo = new CookieRequestCache();
        // Only whole pages are worth returning to after signing in, never an htmx fragment.
        pagesToReturnTo.setRequestMatcher(new AndRequestMatcher(
                request -> HttpMethod.GET.matches(request.getMethod()), new NegatedRequestMatcher(htmx)));
        return http
                .authenticationProvider(logins)
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/error", "/webjars/**", "/css/**", "/js/**", "/images/**", "/favicon.ico",
                                "/favicon.svg")
                        .permitAll()
                        .requestMatchers(WebPaths.SIGN_IN, WebPaths.SIGN_UP, WebPaths.LANGUAGE).permitAll()
                        .requestMatchers(WebPaths.ADMIN, WebPaths.ADMIN + "/**").hasRole("ADMIN")
                        .anyRequest().authenticated())
                .requestCache(cache -> cache.requestCache(pagesToReturnTo))
                .csrf(csrf -> csrf.csrfTokenRepository(csrfCookie()))
                .formLogin(form -> form
                        .loginPage(WebPaths.SIGN_IN)
                        .usernameParameter(SIGN_IN_EMAIL)
                        .failureHandler(new SignInFailureHandler(SIGN_IN_EMAIL)))
                .rememberMe(remember -> remember.rememberMeServices(rememberMe).key(rememberMe.getKey()))
                .logout(logout -> logout
                        .logoutUrl(WebPaths.SIGN_OUT)
                        .logoutSuccessUrl(WebPaths.SIGN_IN + "?signedOut"))
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint(new DelegatingAuthenticationEntryPoint(
                                new LoginUrlAuthenticationEntryPoint(WebPaths.SIGN_IN),
                                new RequestMatcherEntry<>(htmx, expiry)))
                        .accessDeniedHandler(expiry))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)))
                .build();
    }

    /** HttpOnly and SameSite=Lax: pages carry the token in their forms and meta tags, scripts never read the cookie. */
    private static CookieCsrfTokenRepository csrfCookie() {
        CookieCsrfTokenRepository repository = new CookieCsrfTokenRepository();
        repository.setCookieCustomizer(cookie -> cookie.sameSite("Lax").path("/"));
        return repository;
    }

    @Bean
    JwtDecoder jwtDecoder(SigningKey key, Clock clock) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(key.key()).macAlgorithm(MacAlgorithm.HS256).build();
        JwtTimestampValidator timestamps = new JwtTimestampValidator(CLOCK_SKEW);
        timestamps.setClock(clock);
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(timestamps,
                new JwtIssuerValidator(AuthProperties.ISSUER)));
        return decoder;
    }
}
