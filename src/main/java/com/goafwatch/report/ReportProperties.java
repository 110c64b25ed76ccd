package com.goafwatch.report;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param fontRegular font file for the PDF text (a TrueType/OpenType file, or a collection with {@code ,index}); the
 *                    default is Debian's Noto Sans CJK, index 2 = Simplified Chinese
 * @param fontBold    its bold weight
 */
@ConfigurationProperties("goafwatch.report")
public record ReportProperties(
        @DefaultValue("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc,2") String fontRegular,
        @DefaultValue("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc,2") String fontBold) {
}
