package com.goafwatch.system;

import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * The configuration keys the service's {@code @ConfigurationProperties} records bind (including keys that
 * have only a code default and no line in application.yml), in relaxed form: lower case, no dots, dashes
 * or underscores, as an environment variable name also reduces to.
 */
final class ConfigurationKeys {

    private ConfigurationKeys() {
    }

    static Set<String> relaxedKeys(String basePackage) throws ClassNotFoundException {
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
        Set<String> keys = new HashSet<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents(basePackage)) {
            Class<?> type = ClassUtils.forName(candidate.getBeanClassName(), ConfigurationKeys.class.getClassLoader());
            ConfigurationProperties annotation = type.getAnnotation(ConfigurationProperties.class);
            String prefix = annotation.prefix().isEmpty() ? annotation.value() : annotation.prefix();
            collect(relaxed(prefix), type, keys);
        }
        return keys;
    }

    /** The {@code @DefaultValue}s of a properties record, by component name. */
    static Map<String, String> defaults(Class<? extends Record> type) {
        Map<String, String> defaults = new HashMap<>();
        Parameter[] parameters = type.getDeclaredConstructors()[0].getParameters();
        RecordComponent[] components = type.getRecordComponents();
        for (int i = 0; i < components.length; i++) {
            DefaultValue d = parameters[i].getAnnotation(DefaultValue.class);
            if (d != null && d.value().length > 0) {
                defaults.put(components[i].getName(), String.join(",", d.value()));
            }
        }
        return defaults;
    }

    private static void collect(String prefix, Class<?> type, Set<String> keys) {
        if (!type.isRecord()) {
            return;
        }
        for (RecordComponent c : type.getRecordComponents()) {
            String key = prefix + relaxed(c.getName());
            keys.add(key);
            if (c.getType().isRecord() && c.getType().getName().startsWith("com.goafwatch")) {
                collect(key, c.getType(), keys);
            }
        }
    }

    private static String relaxed(String name) {
        return name.replace(".", "").replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
    }
}
