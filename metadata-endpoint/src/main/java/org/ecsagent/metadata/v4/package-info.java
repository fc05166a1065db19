/** Task metadata endpoint v4 routes: {@code /v4/<endpointId>} and {@code /v4/<endpointId>/task}. */
package org.ecsagent.metadata.v4;
