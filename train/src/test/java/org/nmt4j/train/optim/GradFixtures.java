package org.nmt4j.train.optim;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import ai.djl.training.GradientCollector;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;

/** Parameters with chosen values and gradients, for optimiser and clipping tests. */
final class GradFixtures {
    private GradFixtures() {}

    static Parameter parameter(NDManager m, String name, float[] values, Shape shape) {
        NDArray array = m.create(values, shape);
        array.setRequiresGradient(true);
        return Parameter.builder()
                .setName(name)
                .setType(Parameter.Type.WEIGHT)
                .optShape(shape)
                .optArray(array)
                .build();
    }

    static ParameterList list(Parameter... params) {
        List<Pair<String, Parameter>> pairs = new ArrayList<>();
        for (Parameter p : params) {
            pairs.add(new Pair<>(p.getName(), p));
        }
        return new ParameterList(pairs);
    }

    /**
     * Back-propagates {@code sum_i sum(w_i * g_i)}, so that each parameter's gradient becomes
     * (accumulates) exactly {@code g_i}.
     */
    static void setGradients(NDManager m, Parameter[] params, float[][] grads) {
        try (NDScope scope = new NDScope();
                GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            scope.suppressNotUsedWarning();
            NDArray total = null;
            for (int i = 0; i < params.length; i++) {
                NDArray w = params[i].getArray();
                NDArray term = w.mul(m.create(grads[i], w.getShape())).sum();
                total = total == null ? term : total.add(term);
            }
            gc.backward(total);
        }
    }

    static float[] grad(Parameter p) {
        return p.getArray().getGradient().toFloatArray();
    }
}
