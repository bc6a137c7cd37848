package io.partnersettlement.reference;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import io.partnersettlement.reference.ReferenceModel.CustomerAssociation;

/**
 * Partner switch cooling-off: an association that follows one with a <em>different</em> partner, starting on or after
 * {@code from}, earns nothing on {@code [associated_on, associated_on + months)}. A first association is never a switch.
 * Month ends clamp: 03-31 + 6 months = 09-30 ({@link LocalDate#plusMonths} does exactly that).
 */
public final class PartnerSwitchCoolingOff {

    private final LocalDate from;
    private final int months;

    public PartnerSwitchCoolingOff(LocalDate from, int months) {
        this.from = from;
        this.months = months;
    }

    /** @param history one customer's associations, ordered by {@code associatedOn} */
    public List<CustomerAssociation> apply(List<CustomerAssociation> history) {
        List<CustomerAssociation> result = new ArrayList<>(history.size());
        CustomerAssociation previous = null;
        for (CustomerAssociation a : history) {
            boolean switched = previous != null && !previous.partnerId().equals(a.partnerId());
            boolean inForce = months > 0 && !a.associatedOn().isBefore(from);
            result.add(a.withCoolingOffUntil(switched && inForce ? a.associatedOn().plusMonths(months) : null));
            previous = a;
        }
        return result;
    }
}
