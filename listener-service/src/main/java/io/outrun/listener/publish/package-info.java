/**
 * Every run request the listener publishes is built here, one factory per trigger type: what the
 * run sees as {@code $trigger}, its source, and the parts its event id (and so its run id) is
 * derived from, so that a repeated delivery, tick, change or completion names the same run.
 */
package io.outrun.listener.publish;
