package com.goafwatch.i18n;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import org.springframework.context.MessageSource;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * The catalogue in English (messages.properties, also the fallback) and Chinese (messages_zh.properties), read once from
 * the classpath in UTF-8. A Spring {@link MessageSource} over the same files answers {@link #get}; the whole catalogue of
 * a language is served to the page by {@link MessagesController}. Messages are returned raw (no MessageFormat), since the
 * report fills them with {@link String#format} and the page its {name} placeholders.
 */
public final class MessageCatalogue {

    public static final List<String> LANGUAGES = List.of("en", "zh");
    private static final String BASENAME = "messages";
    private static final MessageCatalogue SHARED = new MessageCatalogue();

    private final ResourceBundleMessageSource source;
    private final Map<String, Map<String, String>> byLanguage;

    private MessageCatalogue() {
        source = new ResourceBundleMessageSource();
        source.setBasename(BASENAME);
        source.setDefaultEncoding(StandardCharsets.UTF_8.name());
        // never the machine's locale: an English report stays English on a Chinese server
        source.setFallbackToSystemLocale(false);
        source.setAlwaysUseMessageFormat(false);
        Map<String, String> en = load(BASENAME + ".properties");
        Map<String, String> zh = new TreeMap<>(en);
        zh.putAll(load(BASENAME + "_zh.properties"));
        byLanguage = Map.of("en", Collections.unmodifiableMap(en), "zh", Collections.unmodifiableMap(zh));
    }

    public static MessageCatalogue shared() {
        return SHARED;
    }

    public MessageSource source() {
        return source;
    }

    /** The message of {@code key} in {@code language} (en or zh); the key itself when the catalogue has none. */
    public String get(String language, String key) {
        return source.getMessage(key, null, key, locale(language));
    }

    public boolean contains(String key) {
        return byLanguage.get("en").containsKey(key);
    }

    /** Every key and its message in {@code language}, sorted by key. */
    public Map<String, String> all(String language) {
        Map<String, String> m = byLanguage.get(language);
        if (m == null) {
            throw new IllegalArgumentException("language must be one of " + LANGUAGES + ", got '" + language + "'");
        }
        return m;
    }

    public static Locale locale(String language) {
        return "zh".equals(language) ? Locale.SIMPLIFIED_CHINESE : Locale.ROOT;
    }

    private static Map<String, String> load(String resource) {
        try (InputStream in = MessageCatalogue.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath");
            }
            Properties p = new Properties();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            Map<String, String> m = new TreeMap<>();
            p.forEach((k, v) -> m.put((String) k, (String) v));
            return m;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
