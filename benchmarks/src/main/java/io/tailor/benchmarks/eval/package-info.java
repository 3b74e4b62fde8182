/**
 * The offline quality evaluation: dataset readers, the leave-last-out split, Tailor and its peers (popularity, item
 * k-NN, LibRec), ranking metrics and the results files; and the session evaluation of the session-based literature
 * (its text splits, P@20 and MRR@20, POP, S-POP, S-KNN and V-SKNN beside Tailor replaying sessions as anonymous
 * shoppers).
 * <p>
 * May depend on: scoring and LibRec.
 */
package io.tailor.benchmarks.eval;
