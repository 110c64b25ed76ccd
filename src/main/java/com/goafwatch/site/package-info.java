/** The synthetic sample site in gis-data/sample-site, loaded idempotently for demos. */
package com.goafwatch.site;
