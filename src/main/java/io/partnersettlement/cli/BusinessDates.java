package io.partnersettlement.cli;

import java.time.Clock;
import java.time.LocalDate;

import org.springframework.context.ApplicationContext;

import io.partnersettlement.workspace.EngineSettings;

/** The business date a command acts for. */
final class BusinessDates {

    private BusinessDates() {
    }

    /** The date given, or today by the engine's clock minus the data lag ({@code settlement.data-lag-days}). */
    static LocalDate orDefault(LocalDate given, ApplicationContext context) {
        return given != null ? given
                : LocalDate.now(context.getBean(Clock.class)).minusDays(context.getBean(EngineSettings.class).dataLagDays());
    }
}
