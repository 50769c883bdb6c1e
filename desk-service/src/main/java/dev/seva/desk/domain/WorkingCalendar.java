package dev.seva.desk.domain;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Set;

/**
 * The state's working days: every day but the weekly days off and the public holidays (data, one file
 * a year). A service level of N working days promised on a date ends on the N-th working day after it.
 */
public final class WorkingCalendar {

    private final Set<DayOfWeek> weeklyOff;
    private final Set<LocalDate> holidays;

    public WorkingCalendar(Set<DayOfWeek> weeklyOff, Set<LocalDate> holidays) {
        if (weeklyOff.size() >= 7) {
            throw new IllegalArgumentException("A week needs at least one working day");
        }
        this.weeklyOff = Set.copyOf(weeklyOff);
        this.holidays = Set.copyOf(holidays);
    }

    public boolean isWorkingDay(LocalDate day) {
        return !weeklyOff.contains(day.getDayOfWeek()) && !holidays.contains(day);
    }

    /** The working day {@code days} working days after {@code from} (a day submitted counts from the next one). */
    public LocalDate addWorkingDays(LocalDate from, int days) {
        LocalDate day = from;
        int counted = 0;
        while (counted < Math.max(days, 0)) {
            day = day.plusDays(1);
            if (isWorkingDay(day)) {
                counted++;
            }
        }
        // Zero days (an instant service) is due the same day, or the next working day if that is a holiday.
        while (!isWorkingDay(day)) {
            day = day.plusDays(1);
        }
        return day;
    }
}
