package com.goafwatch.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/** Links of OGC API documents, as the tests follow them. */
public final class OgcLinks {

    private OgcLinks() {
    }

    /** The path of an absolute link, from {@code /ogcapi} on, to request it from the test's own client. */
    public static String local(String href) {
        return href.substring(href.indexOf("/ogcapi"));
    }

    /** The one link with {@code rel} in the links array at JSONPath {@code path} of the response. */
    public static String href(HttpApi.Response r, String path, String rel) {
        List<String> hrefs = r.json(path + "[?(@.rel == '" + rel + "')].href");
        assertThat(hrefs).as(rel + " link in " + r.body()).hasSize(1);
        return hrefs.get(0);
    }
}
