/** 3-D survey readings of settlement markers (easting, northing, height) and their horizontal displacement. */
package com.goafwatch.survey;
