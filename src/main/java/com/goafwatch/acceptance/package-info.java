/**
 * Acceptance: the project's criteria (defaults from the codes in domain.md), QA test judgements,
 * per-parcel and per-phase verdicts with the numbers behind each criterion, and the explicit recorded
 * decision that alone moves a parcel or phase to accepted or rejected.
 */
package com.goafwatch.acceptance;
