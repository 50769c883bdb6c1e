package dev.seva.desk.service;

import dev.seva.desk.config.DeskConfig;
import dev.seva.desk.domain.WorkingCalendar;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.Set;

/** The working calendar from configuration and the holidays file, and the desk's clock (India time for dates). */
@ApplicationScoped
public class Calendar {

    public static final ZoneId INDIA = ZoneId.of("Asia/Kolkata");

    @Produces
    @ApplicationScoped
    @Startup
    WorkingCalendar workingCalendar(DeskConfig config) {
        return new WorkingCalendar(config.calendar().weeklyOff(), holidays(config.calendar().holidays()));
    }

    @Produces
    @ApplicationScoped
    Clock clock() {
        return Clock.systemUTC();
    }

    static Set<LocalDate> holidays(String location) {
        Set<LocalDate> days = new HashSet<>();
        try (InputStream in = open(location);
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                try {
                    days.add(LocalDate.parse(line.split(",", 2)[0].strip()));
                } catch (RuntimeException e) {
                    throw new IllegalStateException("Holidays file " + location + ", line " + number + ": not yyyy-MM-dd,name");
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the holidays file " + location, e);
        }
        return days;
    }

    private static InputStream open(String location) throws IOException {
        Path file = Path.of(location);
        if (Files.isRegularFile(file)) {
            return Files.newInputStream(file);
        }
        InputStream in = Calendar.class.getClassLoader().getResourceAsStream(location);
        if (in == null) {
            throw new IOException("not found");
        }
        return in;
    }
}
