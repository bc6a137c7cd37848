package io.partnersettlement.reference;

import java.util.ArrayList;
import java.util.List;

import io.partnersettlement.reference.ReferenceModel.ManagerAssignment;

/**
 * A customer's account managers over time. A new manager's performance counts from the day <em>after</em> the
 * assignment (新分配的客户的业绩从此客户被分配给该客户经理的第二天算起), until the next assignment takes effect.
 */
public final class AccountManagerTimeline {

    private AccountManagerTimeline() {
    }

    /** @param assignments one customer's assignments, ordered by {@code assignedOn}, at most one per day */
    public static List<ManagerAssignment> effectiveRanges(List<ManagerAssignment> assignments) {
        List<ManagerAssignment> result = new ArrayList<>(assignments.size());
        for (int i = 0; i < assignments.size(); i++) {
            ManagerAssignment a = assignments.get(i);
            var until = i + 1 < assignments.size() ? assignments.get(i + 1).assignedOn().plusDays(1) : null;
            result.add(new ManagerAssignment(a.customerId(), a.managerId(), a.managerName(), a.assignedOn(),
                    a.assignedOn().plusDays(1), until, a.line()));
        }
        return result;
    }
}
