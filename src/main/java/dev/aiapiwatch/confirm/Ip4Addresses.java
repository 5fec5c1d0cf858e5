package dev.aiapiwatch.confirm;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * IPv4 addresses as Falcon writes them: {@code RemoteAddressIP4} contains one, {@code IP4Records} a
 * list separated by {@code ;}, with a trailing {@code ;}. Both are compared in dotted-decimal form.
 */
public final class Ip4Addresses {

    private static final String[] NONE = new String[0];

    private Ip4Addresses() {}

    /**
     * Returns {@code text} as four decimal numbers from 0 to 255 joined by dots, without leading
     * zeros or surrounding spaces, or null when it is not an IPv4 address in dotted-decimal form.
     */
    public static String canonical(String text) {
        if (text == null) {
            return null;
        }
        String[] parts = text.strip().split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        StringBuilder address = new StringBuilder(15);
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !isDigits(part)) {
                return null;
            }
            int octet = Integer.parseInt(part);
            if (octet > 255) {
                return null;
            }
            address.append(address.length() == 0 ? "" : ".").append(octet);
        }
        return address.toString();
    }

    /**
     * Returns the distinct valid addresses of an {@code IP4Records} value in their order, in
     * canonical form. Empty entries and entries that are not IPv4 addresses are skipped.
     */
    public static String[] ofRecords(String ip4Records) {
        if (ip4Records == null || ip4Records.isBlank()) {
            return NONE;
        }
        Set<String> addresses = new LinkedHashSet<>();
        for (String record : ip4Records.split(";")) {
            String address = canonical(record);
            if (address != null) {
                addresses.add(address);
            }
        }
        return addresses.toArray(NONE);
    }

    private static boolean isDigits(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
