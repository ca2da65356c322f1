package org.nmt4j.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.regex.Pattern;

/**
 * The command line and the translation library see a trained model only through {@code
 * org.nmt4j.model.IncrementalDecoder} (one network, an ensemble, or a scripted test model alike):
 * only the network, the training code and the code that loads a model from its files name the
 * Transformer class. The Spark job has the same rule ({@code DecoderContractRuleTest} of spark).
 */
@AnalyzeClasses(
        packages = "org.nmt4j",
        importOptions = {
            ImportOption.DoNotIncludeTests.class,
            DecoderContractRuleTest.NoTestJars.class
        })
class DecoderContractRuleTest {

    /**
     * Leaves out the other modules' test jars (their fixtures may build a Transformer), which
     * {@link ImportOption.DoNotIncludeTests} does not recognise when {@code verify} puts the
     * packaged jars on the class path instead of the modules' {@code target/test-classes}.
     */
    static final class NoTestJars implements ImportOption {
        private static final Pattern TEST_JAR = Pattern.compile(".*-tests\\.jar.*");

        @Override
        public boolean includes(Location location) {
            return !location.matches(TEST_JAR);
        }
    }

    @ArchTest
    static final ArchRule cliAndTranslate_neverNameTheTransformer =
            noClasses()
                    .that()
                    .resideInAnyPackage("org.nmt4j.cli..", "org.nmt4j.translate..")
                    .should()
                    .dependOnClassesThat()
                    .haveFullyQualifiedName("org.nmt4j.model.Seq2SeqTransformer")
                    .because(
                            "translation sees a model only as an IncrementalDecoder, so that"
                                    + " ensembles and other models are translated the same way");
}
