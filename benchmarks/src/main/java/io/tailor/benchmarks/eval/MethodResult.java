package io.tailor.benchmarks.eval;

import java.util.Map;

/**
 * What one method scored on one split.
 *
 * @param method       method name.
 * @param settings     the settings that produced the numbers.
 * @param cases        held-out cases evaluated.
 * @param hitRate      HR@k, full ranking.
 * @param ndcg         NDCG@k, full ranking.
 * @param coverage     catalog coverage@k.
 * @param sampledHitRate HR@k among the target and the sampled negatives.
 * @param sampledNdcg  NDCG@k among the target and the sampled negatives.
 * @param trainSeconds time to learn, seconds.
 * @param evalSeconds  time to answer every case (both protocols), seconds.
 * @param diagnostics  method-specific observations.
 */
public record MethodResult(String method, Map<String, String> settings, long cases, double hitRate, double ndcg,
    double coverage, double sampledHitRate, double sampledNdcg, double trainSeconds, double evalSeconds,
    Map<String, Object> diagnostics)
{
}
