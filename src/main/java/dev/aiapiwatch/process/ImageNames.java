package dev.aiapiwatch.process;

/** Extracts process names from the image paths that Falcon reports. */
public final class ImageNames {

    private ImageNames() {}

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
