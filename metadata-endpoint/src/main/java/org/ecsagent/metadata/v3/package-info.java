/** Task metadata endpoint v3 routes: {@code /v3/<endpointId>} and {@code /v3/<endpointId>/task}. */
package org.ecsagent.metadata.v3;
