package io.partnersettlement.incentive;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The rate choice of SPEC 6.1: the policy rate for the partner's tier and the association type, both as in effect for
 * the period; products of the no-rebate list (有业绩无返点) earn 0.
 */
final class IncentiveRates {

    private final Map<String, String> tiers;
    private final Map<String, BigDecimal> policy;
    private final Set<String> noRebate;

    /**
     * @param tiers    each partner's tier in effect for the period
     * @param policy   the rates in effect for the period, by {@link #policyKey}
     * @param noRebate the service type codes that count for performance with rate 0
     */
    IncentiveRates(Map<String, String> tiers, Map<String, BigDecimal> policy, Set<String> noRebate) {
        this.tiers = tiers;
        this.policy = policy;
        this.noRebate = noRebate;
    }

    static String policyKey(String tier, String associationType) {
        return tier + "/" + associationType;
    }

    String tier(String partnerId) {
        return tiers.get(partnerId);
    }

    BigDecimal rate(String partnerId, String associationType, String service) {
        if (noRebate.contains(service)) {
            return BigDecimal.ZERO;
        }
        return Objects.requireNonNull(policy.get(policyKey(tiers.get(partnerId), associationType)),
                () -> "no incentive rate for partner " + partnerId + " " + associationType);
    }
}
