package io.partnersettlement.incentive;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What one incentive detail gathers (SPEC 6.1): a partner's records of one customer, association type, service type,
 * order, funding ({@code CASH} or {@code CREDIT}) and currency; late records form details of their own.
 */
record DetailKey(String partnerId, String customerId, String associationType, String serviceTypeCode, String orderId,
        String funding, String currency, boolean late) {

    /**
     * The id of the key's detail: stable, so a recomputation gives the same ids and a statement can name them.
     * {@code D-<YYYYMM>-<partner>-<hash of the key>}, {@code -L} for late details; a batch-unfrozen child adds
     * {@code -M<milestone no>}.
     */
    String detailId(String period) {
        String key = String.join("\u0001", period, partnerId, customerId, associationType, serviceTypeCode, orderId,
                funding, currency, late ? "late" : "");
        byte[] digest = SHA_256.get().digest(key.getBytes(StandardCharsets.UTF_8));
        return "D-" + period.replace("-", "") + "-" + partnerId + "-" + HexFormat.of().formatHex(digest, 0, 6)
                + (late ? "-L" : "");
    }

    /** One digest per thread: looking the algorithm up for each of a period's half a million details costs more. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });
}
