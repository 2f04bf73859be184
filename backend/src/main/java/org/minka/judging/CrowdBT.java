package org.minka.judging;

import org.apache.commons.math3.special.Beta;
import org.apache.commons.math3.special.Gamma;

/**
 * Crowd Bradley-Terry (Chen et al., WSDM 2013), as Gavel uses it for pairwise judging: each item
 * has a score N(mu, sigma^2) and each judge a reliability Beta(alpha, beta). Pure functions; all
 * updates read the values from before the decision.
 */
public final class CrowdBT {

    /** Weight of what is learnt about the judge in the expected information gain. */
    public static final double GAMMA = 0.1;

    /** Floor that keeps a variance positive. */
    public static final double KAPPA = 0.0001;

    public static final double MU_PRIOR = 0;
    public static final double SIGMA_SQ_PRIOR = 1;
    public static final double ALPHA_PRIOR = 10;
    public static final double BETA_PRIOR = 1;

    private CrowdBT() {}

    /** The judge's reliability and both items' scores after one decision. */
    public record Update(
            double alpha,
            double beta,
            double muWinner,
            double sigmaSqWinner,
            double muLoser,
            double sigmaSqLoser) {}

    /** The state after a judge with reliability (alpha, beta) says the winner beats the loser. */
    public static Update update(
            double alpha,
            double beta,
            double muWinner,
            double sigmaSqWinner,
            double muLoser,
            double sigmaSqLoser) {
        double ew = Math.exp(muWinner);
        double el = Math.exp(muLoser);
        double judged = alpha * ew + beta * el;
        double m = alpha * ew / judged - ew / (ew + el);
        double v = alpha * ew * beta * el / (judged * judged) - ew * el / square(ew + el);
        double c1 = rankedAbove(muWinner, sigmaSqWinner, muLoser, sigmaSqLoser);
        double c2 = 1 - c1;
        double c = (c1 * alpha + c2 * beta) / (alpha + beta);
        double s = alpha + beta;
        double e1 = (c1 * (alpha + 1) * alpha + c2 * alpha * beta) / (c * (s + 1) * s);
        double e2 =
                (c1 * (alpha + 2) * (alpha + 1) * alpha + c2 * (alpha + 1) * alpha * beta)
                        / (c * (s + 2) * (s + 1) * s);
        double spread = e2 - e1 * e1;
        return new Update(
                (e1 - e2) * e1 / spread,
                (e1 - e2) * (1 - e1) / spread,
                muWinner + sigmaSqWinner * m,
                sigmaSqWinner * Math.max(1 + sigmaSqWinner * v, KAPPA),
                muLoser - sigmaSqLoser * m,
                sigmaSqLoser * Math.max(1 + sigmaSqLoser * v, KAPPA));
    }

    /**
     * The probability, under the model and a judge of reliability (alpha, beta), that a judge
     * reports item a above item b.
     */
    public static double probabilityRankedAbove(
            double alpha, double beta, double muA, double sigmaSqA, double muB, double sigmaSqB) {
        double c1 = rankedAbove(muA, sigmaSqA, muB, sigmaSqB);
        return (c1 * alpha + (1 - c1) * beta) / (alpha + beta);
    }

    /** How much a judge's decision between a and b is expected to teach, in nats. */
    public static double expectedInformationGain(
            double alpha, double beta, double muA, double sigmaSqA, double muB, double sigmaSqB) {
        Update aWins = update(alpha, beta, muA, sigmaSqA, muB, sigmaSqB);
        Update bWins = update(alpha, beta, muB, sigmaSqB, muA, sigmaSqA);
        double c = probabilityRankedAbove(alpha, beta, muA, sigmaSqA, muB, sigmaSqB);
        double gainIfA =
                klNormal(aWins.muWinner(), aWins.sigmaSqWinner(), muA, sigmaSqA)
                        + klNormal(aWins.muLoser(), aWins.sigmaSqLoser(), muB, sigmaSqB)
                        + GAMMA * klBeta(aWins.alpha(), aWins.beta(), alpha, beta);
        double gainIfB =
                klNormal(bWins.muLoser(), bWins.sigmaSqLoser(), muA, sigmaSqA)
                        + klNormal(bWins.muWinner(), bWins.sigmaSqWinner(), muB, sigmaSqB)
                        + GAMMA * klBeta(bWins.alpha(), bWins.beta(), alpha, beta);
        return c * gainIfA + (1 - c) * gainIfB;
    }

    /** KL(N(mu1, s1) || N(mu2, s2)) with variances s1, s2. */
    static double klNormal(double mu1, double sigmaSq1, double mu2, double sigmaSq2) {
        double r = sigmaSq1 / sigmaSq2;
        return square(mu1 - mu2) / (2 * sigmaSq2) + (r - 1 - Math.log(r)) / 2;
    }

    /** KL(Beta(a1, b1) || Beta(a2, b2)). */
    static double klBeta(double a1, double b1, double a2, double b2) {
        return Beta.logBeta(a2, b2)
                - Beta.logBeta(a1, b1)
                + (a1 - a2) * Gamma.digamma(a1)
                + (b1 - b2) * Gamma.digamma(b1)
                + (a2 - a1 + b2 - b1) * Gamma.digamma(a1 + b1);
    }

    /** c1: the model's probability that w ranks above l, with the variance correction. */
    private static double rankedAbove(double muW, double sigmaSqW, double muL, double sigmaSqL) {
        double ew = Math.exp(muW);
        double el = Math.exp(muL);
        double sum = ew + el;
        return ew / sum + 0.5 * (sigmaSqW + sigmaSqL) * ew * el * (el - ew) / (sum * sum * sum);
    }

    private static double square(double x) {
        return x * x;
    }
}
