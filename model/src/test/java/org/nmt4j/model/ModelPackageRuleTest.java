package org.nmt4j.model;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The model module by concern: the network (this package: layers, masks, {@link
 * Seq2SeqTransformer}, the {@link IncrementalDecoder} contract) and the search ({@code
 * model.search}) compute on arrays only; the files of a model directory are {@code model.io}'s
 * concern and the devices, CPU settings and engine checks {@code model.runtime}'s.
 */
@AnalyzeClasses(packages = "org.nmt4j.model", importOptions = ImportOption.DoNotIncludeTests.class)
class ModelPackageRuleTest {
    private static final String[] NETWORK_AND_SEARCH = {
        "org.nmt4j.model", "org.nmt4j.model.search"
    };

    @ArchTest
    static final ArchRule networkAndSearch_touchNoFile =
            noClasses()
                    .that()
                    .resideInAnyPackage(NETWORK_AND_SEARCH)
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage("java.io..", "java.nio.file..")
                    .because("reading and writing model directories is model.io's concern");

    @ArchTest
    static final ArchRule networkAndSearch_knowNeitherTheFormatNorTheRuntime =
            noClasses()
                    .that()
                    .resideInAnyPackage(NETWORK_AND_SEARCH)
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage("org.nmt4j.model.io..", "org.nmt4j.model.runtime..")
                    .because(
                            "the network is built from its config and bound to a manager; files"
                                    + " and devices are decided outside it");
}
