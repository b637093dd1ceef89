package dev.sluice.client;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SDK's public surface, member by member, against the snapshot in {@code public-api.txt}: every
 * public type of the package with its public constructors, fields and methods (inherited ones
 * included, with generic signatures). Callers compile and link against exactly this, so a change to
 * it is a change to the SDK's contract (docs/architecture.md, "Modules and packages"): add to it on purpose, never remove or
 * alter a line. Each run writes what it saw to {@code target/public-api.actual.txt}: when the surface
 * grows on purpose, review that file and copy it over the snapshot.
 */
class PublicApiTest {

    @Test
    void publicSurfaceIsTheSnapshot() throws Exception {
        List<String> actual = surface();
        Path written = Path.of("target", "public-api.actual.txt");
        Files.createDirectories(written.getParent());
        Files.write(written, actual, StandardCharsets.UTF_8);
        List<String> expected;
        try (var in = Objects.requireNonNull(PublicApiTest.class.getResourceAsStream("/public-api.txt"),
                "public-api.txt")) {
            expected = List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"));
        }
        assertThat(actual).as("the public API; what this build has is in %s", written.toAbsolutePath())
                .containsExactlyElementsOf(expected);
    }

    @Test
    void everyPublicMethodLinksThroughItsOwnPublicType() throws Exception {
        // A public method that a package-private base declares must also be declared (as javac's
        // bridge) on the public type, so that reflection and old class files find it there: then
        // getMethods() answers that declaration, never the base's.
        for (Class<?> type : publicTypes()) {
            for (Method m : type.getMethods()) {
                assertThat(Modifier.isPublic(m.getDeclaringClass().getModifiers()))
                        .as("%s.%s comes from the non-public %s", type.getName(), m.getName(), m.getDeclaringClass())
                        .isTrue();
            }
        }
    }

    private static List<String> surface() throws IOException, URISyntaxException, ClassNotFoundException {
        TreeSet<String> lines = new TreeSet<>();
        for (Class<?> type : publicTypes()) {
            String owner = type.getName();
            lines.add(owner + " " + kind(type) + supertypes(type));
            for (Constructor<?> c : type.getConstructors()) {
                lines.add(owner + " <init>(" + types(c.getGenericParameterTypes()) + ")");
            }
            for (Field f : type.getFields()) {
                lines.add(owner + " field " + f.getGenericType().getTypeName() + " " + f.getName());
            }
            for (Method found : type.getMethods()) {
                Method m = declared(found);
                if (m.getDeclaringClass() != Object.class) {
                    lines.add(owner + " " + (Modifier.isStatic(m.getModifiers()) ? "static " : "")
                            + m.getGenericReturnType().getTypeName() + " " + m.getName()
                            + "(" + types(m.getGenericParameterTypes()) + ")");
                }
            }
        }
        return new ArrayList<>(lines);
    }

    /**
     * The method a caller compiles against: for javac's bridge on a public class (erased, as the JVM
     * links it), the generic method of the package-private base it forwards to.
     */
    private static Method declared(Method m) {
        if (!m.isBridge()) {
            return m;
        }
        for (Class<?> s = m.getDeclaringClass().getSuperclass(); s != null; s = s.getSuperclass()) {
            try {
                Method inherited = s.getDeclaredMethod(m.getName(), m.getParameterTypes());
                if (!inherited.isBridge()) {
                    return inherited;
                }
            } catch (NoSuchMethodException e) {
                // declared further up
            }
        }
        return m;
    }

    private static List<Class<?>> publicTypes() throws IOException, URISyntaxException, ClassNotFoundException {
        Path classes = Path.of(SluiceClient.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path dir = classes.resolve("dev/sluice/client");
        List<Class<?>> types = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                String name = f.getFileName().toString();
                if (name.endsWith(".class")) {
                    Class<?> type = Class.forName("dev.sluice.client." + name.substring(0, name.length() - 6));
                    if (isPublic(type)) {
                        types.add(type);
                    }
                }
            }
        }
        return types;
    }

    /** Public, and so are the types it is nested in. */
    private static boolean isPublic(Class<?> type) {
        for (Class<?> t = type; t != null; t = t.getEnclosingClass()) {
            if (!Modifier.isPublic(t.getModifiers()) || t.isAnonymousClass() || t.isSynthetic()) {
                return false;
            }
        }
        return true;
    }

    private static String kind(Class<?> type) {
        String kind = type.isRecord() ? "record" : type.isEnum() ? "enum" : type.isInterface() ? "interface" : "class";
        return (Modifier.isFinal(type.getModifiers()) && !type.isRecord() && !type.isEnum() ? "final " : "") + kind;
    }

    /** The public supertypes a caller can name: a package-private base is an implementation detail. */
    private static String supertypes(Class<?> type) {
        List<String> names = new ArrayList<>();
        for (Class<?> s = type.getSuperclass(); s != null && s != Object.class && s != Record.class
                && s != Enum.class; s = s.getSuperclass()) {
            if (Modifier.isPublic(s.getModifiers())) {
                names.add(s.getName());
            }
        }
        Arrays.stream(type.getInterfaces()).filter(i -> Modifier.isPublic(i.getModifiers()))
                .forEach(i -> names.add(i.getName()));
        return names.isEmpty() ? "" : " : " + String.join(", ", names);
    }

    private static String types(Type[] types) {
        return String.join(", ", Arrays.stream(types).map(Type::getTypeName).toList());
    }
}
