package fi.tilannekuva.source;

import java.util.ArrayList;
import java.util.List;

/**
 * A source and the sources whose rows are checked against it or take their area from it: loaded one after the other,
 * the dependents evaluated again when the first one's files changed. Chains are independent of each other and are
 * loaded at the same time.
 */
public record SourceChain(InputSource first, List<InputSource> dependents) {

    public SourceChain {
        dependents = List.copyOf(dependents);
    }

    /** The chain's sources in the order they load. */
    public List<InputSource> sources() {
        List<InputSource> all = new ArrayList<>(List.of(first));
        all.addAll(dependents);
        return List.copyOf(all);
    }

    public static SourceChain of(InputSource first, InputSource... dependents) {
        return new SourceChain(first, List.of(dependents));
    }
}
