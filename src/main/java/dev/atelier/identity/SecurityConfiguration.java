package dev.atelier.identity;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * Two filter chains. The APIs, {@code /api/**} and the OpenAI-compatible {@code /v1/**}, are stateless: they never
 * read or create a session, so they accept only explicit credentials (an API key as Bearer, or HTTP Basic) and need
 * no CSRF token. Everything else is the browser application: form sign-in, a session whose id changes at sign-in,
 * CSRF tokens and strict headers. Which role may call what is declared on the controllers with {@code @PreAuthorize}.
 * Verifying provenance needs no account: {@code POST /api/verify} and the public signing key.
 */
@Configuration
@EnableMethodSecurity
class SecurityConfiguration {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
            + "form-action 'self'; frame-ancestors 'none'";

    @Bean
    PasswordEncoder passwordEncoder(IdentitySettings settings) {
        return new BCryptPasswordEncoder(settings.bcryptStrength());
    }

    @Bean
    UserDetailsService userDetailsService(AccountRepository accounts) {
        return email -> accounts.findForSignIn(email)
                .orElseThrow(() -> new UsernameNotFoundException("no account for that email"));
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, ApiKeys keys, LoginThrottle throttle, AuditLog audit,
                            FilterProblems problems) {
        http.securityMatcher("/api/**", "/v1/**")
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.POST, "/api/accounts", "/api/setup", "/api/verify").permitAll()
                        .anyRequest().authenticated())
                .httpBasic(basic -> basic.authenticationEntryPoint((request, response, e) ->
                        unauthorized(problems, response)))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .securityContext(context -> context
                        .securityContextRepository(new RequestAttributeSecurityContextRepository()))
                .csrf(csrf -> csrf.disable())
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'none'; frame-ancestors 'none'")))
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, e) -> unauthorized(problems, response))
                        .accessDeniedHandler((request, response, e) -> problems.write(response, HttpStatus.FORBIDDEN,
                                "Forbidden", "Your account may not do this.")))
                .addFilterBefore(new SignInThrottleFilter(throttle, problems), BasicAuthenticationFilter.class)
                .addFilterBefore(new ApiKeyAuthenticationFilter(keys, throttle, audit, problems),
                        BasicAuthenticationFilter.class);
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain web(HttpSecurity http, LoginThrottle throttle, FilterProblems problems) {
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/", "/signup", "/login", "/setup", "/error", "/error/**", "/css/**",
                                "/js/**", "/img/**", "/webjars/**", "/favicon.ico", "/favicon.svg",
                                "/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus",
                                "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**",
                                "/.well-known/atelier-signing-key")
                        .permitAll()
                        .anyRequest().authenticated())
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/dashboard", true).permitAll())
                .logout(logout -> logout.logoutSuccessUrl("/?signed-out"))
                .sessionManagement(session -> session.sessionFixation(fixation -> fixation.changeSessionId()))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .frameOptions(frame -> frame.deny())
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN)))
                .addFilterBefore(new SignInThrottleFilter(throttle, problems),
                        UsernamePasswordAuthenticationFilter.class);
        return http.build();
    }

    private static void unauthorized(FilterProblems problems, jakarta.servlet.http.HttpServletResponse response)
            throws java.io.IOException {
        response.setHeader("WWW-Authenticate", "Bearer realm=\"atelier\"");
        problems.write(response, HttpStatus.UNAUTHORIZED, "Authentication required",
                "Send an API key as 'Authorization: Bearer atl_…' or your email and password with HTTP Basic.");
    }
}
