package fi.tilannekuva.quality;

/** Input that was readable but failed a rule or check whose action is to stop the run. */
public class QualityGateException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public QualityGateException(String message) {
        super(message);
    }
}
