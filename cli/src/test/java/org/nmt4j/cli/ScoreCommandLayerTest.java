package org.nmt4j.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** {@code nmt score} runs on the text layer alone: nothing it reaches loads DJL or libtorch. */
@AnalyzeClasses(packages = "org.nmt4j", importOptions = ImportOption.DoNotIncludeTests.class)
class ScoreCommandLayerTest {

    @ArchTest
    static final ArchRule scoreCommand_reachesNoDeepLearningCode =
            noClasses()
                    .that()
                    .haveFullyQualifiedName(ScoreCommand.class.getName())
                    .should()
                    .transitivelyDependOnClassesThat()
                    .resideInAnyPackage(
                            "ai.djl..",
                            "org.nmt4j.model..",
                            "org.nmt4j.data..",
                            "org.nmt4j.train..",
                            "org.nmt4j.translate..")
                    .because("scoring must not need libtorch");
}
