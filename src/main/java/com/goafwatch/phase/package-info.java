/** Phases of a remediation project: treated, tested and accepted one after another. */
package com.goafwatch.phase;
