package dev.seva.desk.domain;

import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkingCalendarTest {

    final WorkingCalendar calendar = new WorkingCalendar(Set.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY),
            Set.of(LocalDate.of(2026, 12, 25), LocalDate.of(2026, 10, 2)));

    @Test
    void workingDaysSkipWeekendsAndPublicHolidays() {
        // Submitted Tuesday 22 Dec 2026, 3 working days: Wed 23, Thu 24, (Fri 25 Christmas, weekend) Mon 28.
        assertThat(calendar.addWorkingDays(LocalDate.of(2026, 12, 22), 3)).isEqualTo(LocalDate.of(2026, 12, 28));
        // Submitted Thursday 1 Oct, one working day: Friday 2 Oct is Gandhi Jayanti, so Monday 5 Oct.
        assertThat(calendar.addWorkingDays(LocalDate.of(2026, 10, 1), 1)).isEqualTo(LocalDate.of(2026, 10, 5));
    }

    @Test
    void anInstantServiceSubmittedOnAHolidayIsDueTheNextWorkingDay() {
        assertThat(calendar.addWorkingDays(LocalDate.of(2026, 12, 25), 0)).isEqualTo(LocalDate.of(2026, 12, 28));
        assertThat(calendar.addWorkingDays(LocalDate.of(2026, 12, 24), 0)).isEqualTo(LocalDate.of(2026, 12, 24));
    }

    @Test
    void aWeekWithoutWorkingDaysIsRefused() {
        assertThatThrownBy(() -> new WorkingCalendar(Set.of(DayOfWeek.values()), Set.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
