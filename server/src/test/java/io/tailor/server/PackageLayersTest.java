package io.tailor.server;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packages of server form layers, listed top first below (the empty name is the module's top package, its
 * composition root): a class may use its own package and the packages of lower layers, never a package of its own
 * layer or of one above. Checked over the compiled main classes, so a package cycle or a dependency that points up
 * fails the build; a new package must be given a layer here (and say in its {@code package-info.java} what it may
 * depend on).
 */
class PackageLayersTest
{
    private static final String ROOT = "io.tailor.server";
    private static final List<List<String>> LAYERS = List.of(
        List.of("cli"),
        List.of(""),
        List.of("api"),
        List.of("feed"),
        List.of("json", "metrics", "demo"),
        List.of("config"),
        List.of("security"));

    private static final JavaClasses CLASSES = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages(ROOT);

    @Test
    void shouldHaveNoCycleBetweenPackages()
    {
        slices().matching("io.tailor.(**)").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void shouldDependOnlyOnOwnPackageAndLowerLayers()
    {
        final List<String> violations = new ArrayList<>();
        final List<String> sameOrAbove = new ArrayList<>();
        for (final List<String> layer : LAYERS)
        {
            layer.forEach(name -> sameOrAbove.add(qualified(name)));
            for (final String name : layer)
            {
                final String[] forbidden = sameOrAbove.stream()
                    .filter(other -> !other.equals(qualified(name)))
                    .toArray(String[]::new);
                violations.addAll(noClasses().that().resideInAPackage(qualified(name))
                    .should().dependOnClassesThat().resideInAnyPackage(forbidden)
                    .evaluate(CLASSES).getFailureReport().getDetails());
            }
        }
        assertThat(violations).as("dependencies on a package of the same layer or one above").isEmpty();
    }

    @Test
    void shouldPlaceEveryPackageInALayer()
    {
        final String[] placed = LAYERS.stream().flatMap(List::stream).map(PackageLayersTest::qualified)
            .toArray(String[]::new);
        classes().should().resideInAnyPackage(placed).because("every package has a layer").check(CLASSES);
    }

    private static String qualified(final String name)
    {
        return name.isEmpty() ? ROOT : ROOT + "." + name;
    }
}
