package fi.tilannekuva.method;

/**
 * The two interval levels of every comparison (METHODS.md §3): 95 % for <em>higher / lower</em>, 99.8 % for
 * <em>much higher / much lower</em>; each as its two-sided normal quantile and tail probability.
 */
public enum ConfidenceLevel {
    P95(1.959964, 0.05, "95"),
    P998(3.090232, 0.002, "998");

    private final double z;
    private final double alpha;
    private final String suffix;

    ConfidenceLevel(double z, double alpha, String suffix) {
        this.z = z;
        this.alpha = alpha;
        this.suffix = suffix;
    }

    public double z() {
        return z;
    }

    public double alpha() {
        return alpha;
    }

    /** Column name of this level's lower limit, e.g. {@code lower_95}. */
    public String lower() {
        return "lower_" + suffix;
    }

    /** Column name of this level's upper limit, e.g. {@code upper_998}. */
    public String upper() {
        return "upper_" + suffix;
    }
}
