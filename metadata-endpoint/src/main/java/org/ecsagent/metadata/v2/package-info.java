/**
 * Task metadata endpoint v2 routes: {@code /v2/metadata}, {@code /v2/metadata/<dockerId>},
 * {@code /v2/metadataWithTags}, {@code /v2/stats} and {@code /v2/stats/<dockerId>}, which find the
 * caller's task by its source address.
 */
package org.ecsagent.metadata.v2;
