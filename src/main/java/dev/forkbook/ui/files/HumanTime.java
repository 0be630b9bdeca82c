package dev.forkbook.ui.files;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** A past moment as people say it: "today 15:15, 3 min ago", "yesterday 09:02, 1 day ago". */
final class HumanTime {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM d", Locale.ENGLISH);

    private HumanTime() {
    }

    static String of(Instant then, Instant now, ZoneId zone) {
        ZonedDateTime at = then.atZone(zone);
        LocalDate today = now.atZone(zone).toLocalDate();
        String day = at.toLocalDate().equals(today) ? "today"
                : at.toLocalDate().equals(today.minusDays(1)) ? "yesterday" : DAY.format(at);
        return day + " " + CLOCK.format(at) + ", " + ago(Duration.between(then, now));
    }

    private static String ago(Duration elapsed) {
        long minutes = elapsed.toMinutes();
        if (elapsed.isNegative() || minutes < 1) {
            return "just now";
        }
        if (minutes < 60) {
            return minutes + " min ago";
        }
        long hours = elapsed.toHours();
        if (hours < 24) {
            return hours + (hours == 1 ? " hour ago" : " hours ago");
        }
        long days = elapsed.toDays();
        return days + (days == 1 ? " day ago" : " days ago");
    }
}
