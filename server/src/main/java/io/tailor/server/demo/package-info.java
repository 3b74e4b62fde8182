/**
 * The demo store: a seeded, believable catalog and a week of synthetic shoppers' events, the same for the same
 * seed so that documented ids exist. Pure data generation, no I/O; used by {@code tailor demo}.
 * <p>
 * May depend on: scoring (catalog and event types) only; no server or grid package.
 */
package io.tailor.server.demo;
