package io.meshkit.core.landing;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A file being written into a landing zone. Nothing is visible under the file's name until
 * {@link #commit()} returns: a local implementation writes a temporary file and renames it, GCS
 * finishes the upload. {@link #close()} without a commit, or {@link #abort()}, discards what was written,
 * so a crash or an error never leaves half a file behind the real name.
 */
public abstract class LandingOutput extends OutputStream {
    /** Makes the file visible under its name, replacing any file of that name. Closes the stream. */
    public abstract void commit() throws IOException;

    /** Discards what was written. Does nothing after a commit. */
    public abstract void abort();

    /** Discards the file unless it was committed. */
    @Override
    public void close() {
        abort();
    }
}
