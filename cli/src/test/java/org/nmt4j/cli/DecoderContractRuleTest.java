package org.nmt4j.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The command line and the translation library see a trained model only through {@code
 * org.nmt4j.model.IncrementalDecoder} (one network, an ensemble, or a scripted test model alike):
 * only the network, the training code and the code that loads a model from its files name the
 * Transformer class. The Spark job has the same rule ({@code DecoderContractRuleTest} of spark).
 */
@AnalyzeClasses(packages = "org.nmt4j", importOptions = ImportOption.DoNotIncludeTests.class)
class DecoderContractRuleTest {

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
