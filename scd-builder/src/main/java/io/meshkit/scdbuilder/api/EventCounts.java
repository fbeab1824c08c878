package io.meshkit.scdbuilder.api;

/**
 * What a build from change events read.
 *
 * @param events events read (all of them in a full rollup; those loaded since the last build otherwise)
 * @param late of those, events at or before the time already applied (they rebuild their keys)
 * @param keysRebuilt keys whose history was rolled up again (every key in a full rollup)
 */
public record EventCounts(long events, long late, long keysRebuilt) {}
