/** Cross-cutting web concerns: RFC 9457 problem responses, request-size limits, health. */
package com.goafwatch.system;
