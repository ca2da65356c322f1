package org.nmt4j.train;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.AccessTarget.MethodCallTarget;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Set;

/**
 * Differentiable code never calls a DJL {@code NDArray} arithmetic overload that takes a Java
 * {@code Number} ({@code x.mul(2)}, {@code x.div(n)}, {@code NDArrays.add(x, 1)}, ...): the scalar
 * it wraps can be garbage-collected before backward reads it, which silently corrupts gradients
 * (docs/training.md; use {@link org.nmt4j.model.NativeScalars}).
 *
 * <p>Differentiable code here is the model (package {@code org.nmt4j.model}: layers, attention,
 * masks, positions), the loss ({@code org.nmt4j.train.loss}) and the training step (package {@code
 * org.nmt4j.train}: loop, validation). Search ({@code org.nmt4j.model.search}, autograd off) and
 * the optimizer ({@code org.nmt4j.train.optim}, in-place updates outside autograd) may use them.
 * Comparisons ({@code eq}, {@code gt}, ...) give boolean arrays without gradient and are allowed.
 */
@AnalyzeClasses(
        packages = {"org.nmt4j.model", "org.nmt4j.train"},
        importOptions = {
            ImportOption.DoNotIncludeTests.class,
            NumberOverloadRuleTest.DoNotIncludeTestJars.class
        })
class NumberOverloadRuleTest {

    /**
     * Leaves out other modules' test-jars (the model's test fixtures are on this module's test
     * class path); {@link ImportOption.DoNotIncludeTests} only recognises test-classes folders.
     */
    static final class DoNotIncludeTestJars implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.contains("-tests.jar");
        }
    }

    /** Overloads with a Number parameter that create no gradient path through the scalar. */
    private static final Set<String> ALLOWED =
            Set.of(
                    "eq",
                    "neq",
                    "gt",
                    "gte",
                    "lt",
                    "lte",
                    "contentEquals",
                    "set",
                    "setScalar",
                    "percentile",
                    "toArray");

    private static final DescribedPredicate<JavaMethodCall> NUMBER_ARITHMETIC =
            DescribedPredicate.describe(
                    "an NDArray arithmetic overload taking a java.lang.Number"
                            + " (use org.nmt4j.model.NativeScalars)",
                    NumberOverloadRuleTest::isNumberArithmetic);

    private static boolean isNumberArithmetic(JavaMethodCall call) {
        MethodCallTarget target = call.getTarget();
        JavaClass owner = target.getOwner();
        boolean ndarray =
                owner.isAssignableTo(NDArray.class) || owner.isEquivalentTo(NDArrays.class);
        return ndarray
                && !ALLOWED.contains(target.getName())
                && target.getRawParameterTypes().stream()
                        .anyMatch(type -> type.isEquivalentTo(Number.class));
    }

    @ArchTest
    static final ArchRule differentiableCode_neverCallsNumberOverloadsOfNDArray =
            noClasses()
                    .that()
                    .resideInAPackage("org.nmt4j.model")
                    .or()
                    .resideInAPackage("org.nmt4j.train.loss..")
                    .or()
                    .resideInAPackage("org.nmt4j.train")
                    .should()
                    .callMethodWhere(NUMBER_ARITHMETIC)
                    .because(
                            "the Java scalar such an overload wraps can be garbage-collected before"
                                    + " backward reads it, corrupting gradients (docs/training.md)");
}
