/** GoafWatch: monitoring service for mining-subsidence (goaf) remediation projects. */
package com.goafwatch;
