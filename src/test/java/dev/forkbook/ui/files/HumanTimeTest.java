package dev.forkbook.ui.files;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class HumanTimeTest {

    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final Instant NOW = Instant.parse("2026-11-25T15:18:00Z");

    @Test
    void recent_work_reads_as_today_with_minutes_ago() {
        assertEquals("today 15:15, 3 min ago", HumanTime.of(Instant.parse("2026-11-25T15:15:00Z"),
                NOW, UTC));
        assertEquals("today 15:17, just now", HumanTime.of(Instant.parse("2026-11-25T15:17:30Z"),
                NOW, UTC));
        assertEquals("today 12:00, 3 hours ago", HumanTime.of(Instant.parse("2026-11-25T12:00:00Z"),
                NOW, UTC));
    }

    @Test
    void older_work_names_the_day() {
        assertEquals("yesterday 09:02, 1 day ago", HumanTime.of(
                Instant.parse("2026-11-24T09:02:00Z"), NOW, UTC));
        assertEquals("Nov 20 14:00, 5 days ago", HumanTime.of(
                Instant.parse("2026-11-20T14:00:00Z"), NOW, UTC));
    }
}
