/**
 * The one message catalogue (messages.properties, messages_zh.properties) behind the report's words and the web page's
 * shared terms: statuses, levels, verdicts, criteria, units, QA terms.
 */
package com.goafwatch.i18n;
