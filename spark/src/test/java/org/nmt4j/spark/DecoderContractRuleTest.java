package org.nmt4j.spark;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The Spark job sees a trained model only through {@code org.nmt4j.model.IncrementalDecoder}, by
 * way of {@code TrainedModel}: it never names the Transformer class (as the command line and the
 * translation library do not, checked by cli's {@code DecoderContractRuleTest}).
 */
@AnalyzeClasses(packages = "org.nmt4j", importOptions = ImportOption.DoNotIncludeTests.class)
class DecoderContractRuleTest {

    @ArchTest
    static final ArchRule spark_neverNamesTheTransformer =
            noClasses()
                    .that()
                    .resideInAnyPackage("org.nmt4j.spark..")
                    .should()
                    .dependOnClassesThat()
                    .haveFullyQualifiedName("org.nmt4j.model.Seq2SeqTransformer")
                    .because("the job translates through TrainedModel and IncrementalDecoder");
}
