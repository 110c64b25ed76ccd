/**
 * Treatment records: grouting, check, curtain and monitoring boreholes with their directional surveys
 * (minimum-curvature path, surface trace on the map), and post-treatment QA tests judged against the
 * project's acceptance criteria; JSON CRUD and all-or-nothing CSV/XLSX imports.
 */
package com.goafwatch.treatment;
