package com.goafwatch.alert;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;

/** One entry of an alert's history: raised, escalated, lowered, acknowledged, comment, cleared. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlertEvent(long id, long alertId, OffsetDateTime at, String kind, String level, Double value, Double threshold,
        @JsonRawValue String evidence, String actor, String comment) {
}
