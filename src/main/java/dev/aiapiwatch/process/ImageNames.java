package dev.aiapiwatch.process;

import java.util.List;
import java.util.Locale;

/** Extracts process names from the image paths that Falcon reports. */
public final class ImageNames {

    /** Folders that ordinary users can write to, anywhere in a Windows path. */
    private static final List<String> WINDOWS_USER_WRITABLE =
            List.of("/users/", "/windows/temp/", "/programdata/", "/$recycle.bin/", "/perflogs/");

    /** Folders that ordinary users can write to, at the start of a Linux or macOS path. */
    private static final List<String> UNIX_USER_WRITABLE =
            List.of(
                    "/tmp/",
                    "/var/tmp/",
                    "/dev/shm/",
                    "/home/",
                    "/run/user/",
                    "/users/",
                    "/private/tmp/",
                    "/private/var/folders/");

    private ImageNames() {}

    /**
     * Whether a process image lies in a folder that ordinary users can write to: a user profile
     * (which contains AppData, Downloads and Temp), the Windows temporary folder, ProgramData, a
     * home directory or a temporary folder on Linux and macOS. Tools installed by an administrator
     * live elsewhere; a tool run from such a folder may have been dropped there.
     */
    public static boolean inUserWritableFolder(String imageFileName) {
        if (imageFileName == null) {
            return false;
        }
        String path = imageFileName.replace('\\', '/').toLowerCase(Locale.ROOT);
        if (path.startsWith("/") && !path.startsWith("/device/")) {
            return UNIX_USER_WRITABLE.stream().anyMatch(path::startsWith);
        }
        return WINDOWS_USER_WRITABLE.stream().anyMatch(path::contains);
    }

    /**
     * Returns the base name of a process image: {@code fileName} when the event carries one, else
     * the last segment of {@code imageFileName}, which may be an NT device path ({@code
     * \Device\HarddiskVolume3\Windows\System32\curl.exe}), a Windows path or a Unix path. Returns
     * null when neither gives a name.
     */
    public static String baseName(String imageFileName, String fileName) {
        String name = lastSegment(fileName);
        if (name == null) {
            name = lastSegment(imageFileName);
        }
        return name;
    }

    private static String lastSegment(String path) {
        if (path == null) {
            return null;
        }
        int separator = Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/'));
        String segment = path.substring(separator + 1).strip();
        return segment.isEmpty() ? null : segment;
    }
}
