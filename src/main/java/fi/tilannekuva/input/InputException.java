package fi.tilannekuva.input;

/**
 * Input that cannot be read as a whole: a missing or unreadable file, a missing column, a file that is not
 * in its source's format. The message names the file and, where it applies, the column.
 */
public class InputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InputException(String message) {
        super(message);
    }

    public InputException(String message, Throwable cause) {
        super(message, cause);
    }
}
