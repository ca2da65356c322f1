package org.nmt4j.train.optim;

import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import ai.djl.util.Pair;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The trainable parameters of a block, each once: a parameter shared by two blocks (tied
 * embeddings) appears under its first name only, so it is neither updated twice nor counted twice
 * in a norm.
 */
public final class TrainableParameters {
    private TrainableParameters() {}

    /**
     * Returns the initialised parameters that require a gradient, by first name, in order.
     *
     * @param params e.g. {@code block.getParameters()}
     * @return name to parameter
     */
    public static Map<String, Parameter> of(ParameterList params) {
        Map<String, Parameter> unique = new LinkedHashMap<>();
        Map<Parameter, Boolean> seen = new IdentityHashMap<>();
        for (Pair<String, Parameter> pair : params) {
            Parameter p = pair.getValue();
            if (p.requiresGradient() && p.isInitialized() && seen.put(p, Boolean.TRUE) == null) {
                unique.put(pair.getKey(), p);
            }
        }
        return unique;
    }
}
