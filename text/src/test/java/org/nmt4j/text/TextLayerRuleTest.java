package org.nmt4j.text;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The text layer (special tokens, scoring, file and line I/O) needs no deep-learning engine, so
 * that tokenising and {@code nmt score} run without loading libtorch, and it depends on no other
 * nmt4j module (they all depend on it).
 */
@AnalyzeClasses(packages = "org.nmt4j.text", importOptions = ImportOption.DoNotIncludeTests.class)
class TextLayerRuleTest {

    @ArchTest
    static final ArchRule textLayer_dependsOnNoDeepLearningLibrary =
            noClasses()
                    .that()
                    .resideInAPackage("org.nmt4j.text..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage("ai.djl..", "org.pytorch..", "com.fasterxml..")
                    .because("scoring and tokenising must run without loading an engine");

    @ArchTest
    static final ArchRule textLayer_dependsOnNoOtherNmt4jModule =
            noClasses()
                    .that()
                    .resideInAPackage("org.nmt4j.text..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(
                            "org.nmt4j.model..",
                            "org.nmt4j.data..",
                            "org.nmt4j.train..",
                            "org.nmt4j.translate..",
                            "org.nmt4j.cli..")
                    .because("every other module depends on the text layer");
}
