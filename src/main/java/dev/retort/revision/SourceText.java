package dev.retort.revision;

/**
 * A migration's source as it was read when its folder was scanned: the bytes its revision was parsed from, which
 * are also the bytes compiled and checksummed, so that the three agree (and a thousand files are read once, not
 * three times).
 */
public final class SourceText {

    private final byte[] bytes;

    SourceText(byte[] bytes) {
        this.bytes = bytes;
    }

    /** The bytes, shared: not to be modified. */
    public byte[] bytes() {
        return bytes;
    }

    @Override
    public String toString() {
        return bytes.length + " bytes";
    }
}
