package io.tailor.server.security;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The signature of a webhook delivery, sent as {@value #HEADER}: {@code t=UNIX_SECONDS,v1=HEX} where {@code HEX} is
 * HMAC-SHA256, keyed with the webhook's secret (its UTF-8 bytes), over {@code t + "." + body}. A receiver recomputes
 * it over the raw body, compares in constant time, and refuses a {@code t} too far from its own clock (replay).
 */
public final class WebhookSignature
{
    /** The header carrying the signature. */
    public static final String HEADER = "Tailor-Signature";

    private WebhookSignature()
    {
    }

    /**
     * The header value for a body.
     *
     * @param secret      the webhook's secret.
     * @param unixSeconds the signing time.
     * @param body        the exact body bytes sent.
     * @return {@code t=...,v1=...}.
     */
    public static String sign(final String secret, final long unixSeconds, final byte[] body)
    {
        return "t=" + unixSeconds + ",v1=" + HexFormat.of().formatHex(mac(secret, unixSeconds, body));
    }

    /**
     * Checks a header value against a body.
     *
     * @param secret the webhook's secret.
     * @param header the received header value.
     * @param body   the received body bytes.
     * @return true when the signature is well-formed and matches.
     */
    public static boolean verify(final String secret, final String header, final byte[] body)
    {
        if (header == null)
        {
            return false;
        }
        long t = -1;
        byte[] v1 = null;
        for (final String part : header.split(","))
        {
            try
            {
                if (part.startsWith("t="))
                {
                    t = Long.parseLong(part.substring(2));
                }
                else if (part.startsWith("v1="))
                {
                    v1 = HexFormat.of().parseHex(part.substring(3));
                }
            }
            catch (final IllegalArgumentException ex)
            {
                return false;
            }
        }
        return t >= 0 && v1 != null && MessageDigest.isEqual(v1, mac(secret, t, body));
    }

    private static byte[] mac(final String secret, final long unixSeconds, final byte[] body)
    {
        try
        {
            final Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((unixSeconds + ".").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(body);
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("HmacSHA256 is not available", ex);
        }
    }
}
