/** Remediation projects: the top of the project → phase → parcel hierarchy. */
package com.goafwatch.project;
