/**
 * Subsidence prediction by the probability-integral method with a Knothe time function, and the demo
 * simulator built on it. Pure computation: no HTTP, no database. Units: subsidence W in mm, positive
 * downward; tilt i in mm/m; curvature K in 1/km (= 10⁻³/m); horizontal displacement U in mm; horizontal
 * strain ε in mm/m, tension positive; distances in metres.
 */
package com.goafwatch.subsidence;
