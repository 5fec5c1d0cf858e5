package dev.aiapiwatch.allowlist;

import java.util.regex.Pattern;

/**
 * Host-name patterns in which {@code *} stands for any characters, none included, and every other
 * character for itself. A pattern matches the whole host name, ignoring case: {@code ds-*} matches
 * {@code DS-LAB-04} but not {@code web-ds-01}.
 */
final class HostNameGlob {

    private HostNameGlob() {}

    static Pattern compile(String glob) {
        StringBuilder regex = new StringBuilder();
        int start = 0;
        for (int star = glob.indexOf('*'); star >= 0; star = glob.indexOf('*', start)) {
            if (star > start) {
                regex.append(Pattern.quote(glob.substring(start, star)));
            }
            regex.append(".*");
            start = star + 1;
        }
        if (start < glob.length()) {
            regex.append(Pattern.quote(glob.substring(start)));
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    }
}
