/**
 * The profiles map: ProfileStore and its entry processors, the owner-local ProfileReplica, the MemberContext
 * processors read on the member, customer data across profiles and identity links, erasure purges and the retention
 * sweeper.
 * <p>
 * May depend on: grid.persist, grid.model, grid.identity, grid.support, grid.serialization, and scoring.
 */
package io.tailor.grid.profile;
