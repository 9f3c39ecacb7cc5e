package dev.atelier;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class AtelierApplication {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Starts the web application, or runs a command-line tool ({@link Commands}) and exits with its code. */
    public static void main(String[] args) {
        if (Commands.handles(args)) {
            // Exit explicitly: a library's non-daemon thread must not keep a finished command alive.
            System.exit(Commands.run(args, System.getenv(), System.out, System.err));
        }
        SpringApplication.run(AtelierApplication.class, args);
    }
}
