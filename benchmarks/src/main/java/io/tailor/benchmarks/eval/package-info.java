/**
 * The offline quality evaluation: dataset readers, the leave-last-out split, Tailor and its peers (popularity, item
 * k-NN, LibRec), ranking metrics and the results files.
 * <p>
 * May depend on: scoring and LibRec.
 */
package io.tailor.benchmarks.eval;
