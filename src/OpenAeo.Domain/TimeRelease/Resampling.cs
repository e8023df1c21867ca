namespace OpenAeo.Domain.TimeRelease;

/// <summary>
/// Durations on a log scale of 0.5 % steps (ADR 0021): bin 0 is [0, 1 s), bin k &gt; 0 is [1.005^(k−1), 1.005^k)
/// seconds, and a negative duration (signed stages) falls in bin −1 − (the bin of its absolute value). A quantile read
/// off the bins is within 0.5 % of the exact one; a 90-day stage needs about 3,200 bins, whatever the row count.
/// </summary>
public static class DurationBins
{
    public const double Step = 1.005;
    private static readonly double LogStep = Math.Log(Step);

    public static int Of(long micros)
    {
        if (micros < 0)
        {
            return -1 - Of(micros == long.MinValue ? long.MaxValue : -micros);
        }

        var seconds = micros / Statistics.MicrosPerSecond;
        return seconds < 1 ? 0 : 1 + (int)Math.Floor(Math.Log(seconds) / LogStep);
    }

    /// <summary>The bin's lower edge in seconds (for a negative bin, the edge nearer −∞).</summary>
    public static double Lower(int bin) =>
        bin < 0 ? -Upper(-1 - bin)
        : bin == 0 ? 0
        : Math.Pow(Step, bin - 1);

    /// <summary>The bin's upper edge in seconds.</summary>
    public static double Upper(int bin) => bin < 0 ? -Lower(-1 - bin) : Math.Pow(Step, bin);
}

/// <summary>
/// The independent units the bootstrap resamples (ADR 0021). Declarations of one importer are not independent, so
/// with an <c>importer_tin</c> column the unit is the importer; without one, the declaration. Units are then dealt
/// into <see cref="Count"/> random groups by a fixed hash: a group of whole importers is still independent of the
/// others, so resampling groups is a valid cluster bootstrap whose cost does not grow with the rows (the random-group
/// method). The DuckDB engine calls this same function, so both place every declaration in the same group.
/// </summary>
public static class BootstrapUnits
{
    public const int Count = 256;

    public const string ClusterColumn = "importer_tin";

    /// <param name="cluster">The importer, or null: then the declaration's own start and duration identify it.</param>
    public static int Of(string? cluster, long startMicros, long durationMicros)
    {
        ulong hash;
        if (cluster is not null)
        {
            // FNV-1a over the UTF-16 code units, then a mix so nearby TINs spread across the groups.
            hash = 14695981039346656037UL;
            foreach (var c in cluster)
            {
                hash = unchecked((hash ^ c) * 1099511628211UL);
            }
        }
        else
        {
            hash = unchecked((ulong)startMicros * 0x9E3779B97F4A7C15UL ^ (ulong)durationMicros);
        }

        return (int)(SplitMix.Mix(hash) % Count);
    }
}

/// <summary>SplitMix64: a small, fully specified generator, so a seed gives the same intervals on every platform and runtime.</summary>
public sealed class SplitMix(long seed)
{
    private ulong state = (ulong)seed;

    public static ulong Mix(ulong z)
    {
        // Wrapping multiplication is the algorithm (the project checks arithmetic overflow elsewhere).
        unchecked
        {
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    public ulong Next()
    {
        state = unchecked(state + 0x9E3779B97F4A7C15UL);
        return Mix(state);
    }

    /// <summary>Uniform in [0, n) (Lemire's multiply-shift; the bias for n ≤ 2^16 is below 2^−48).</summary>
    public int Below(int n) => (int)((Next() >> 32) * (ulong)n >> 32);
}

/// <summary>Distribution-free confidence intervals for a quantile from order statistics (the binomial argument).</summary>
public static class OrderStatistics
{
    /// <summary>
    /// The 1-based ranks (l, u) with P(X(l) ≤ ξ_q ≤ X(u)) ≥ level for any continuous distribution; exact binomial
    /// up to 20,000 values, the normal approximation beyond. Null when n is too small for the level.
    /// </summary>
    public static (long Lower, long Upper)? Ranks(long n, double q, double level)
    {
        if (n < 1)
        {
            return null;
        }

        var tail = (1 - level) / 2;
        if (n > 20_000)
        {
            var z = Normal.Quantile(1 - tail);
            var spread = z * Math.Sqrt(n * q * (1 - q));
            var l = (long)Math.Floor(n * q - spread);
            var u = (long)Math.Ceiling(n * q + spread) + 1;
            return l < 1 || u > n ? null : (l, u);
        }

        // B = #values below ξ_q ~ Binomial(n, q); X(l) ≤ ξ_q ⇔ B ≥ l, and ξ_q ≤ X(u) ⇔ B ≤ u − 1.
        var cdf = new double[n + 1];
        var logP = Math.Log(q);
        var log1P = Math.Log(1 - q);
        var logPmf = n * log1P;
        var sum = 0.0;
        for (long k = 0; k <= n; k++)
        {
            sum += Math.Exp(logPmf);
            cdf[k] = sum;
            logPmf += Math.Log((double)(n - k) / (k + 1)) + logP - log1P;
        }

        long lower = 0;
        for (long k = 1; k <= n; k++)
        {
            if (cdf[k - 1] <= tail)
            {
                lower = k;
            }
        }

        long upper = 0;
        for (var k = n; k >= 1; k--)
        {
            if (1 - cdf[k - 1] <= tail)
            {
                upper = k;
            }
        }

        return lower < 1 || upper < 1 ? null : (lower, upper);
    }
}

/// <summary>The standard normal's quantile (Acklam's rational approximation, relative error below 1.2e−9).</summary>
public static class Normal
{
    /// <summary>The standard normal's distribution function (erfc by Numerical Recipes' Chebyshev fit, error below 1.2e−7).</summary>
    public static double Cdf(double x)
    {
        var z = Math.Abs(x) / Math.Sqrt(2);
        var t = 1 / (1 + 0.5 * z);
        var erfc =
            t
            * Math.Exp(
                -z * z
                    - 1.26551223
                    + t
                        * (
                            1.00002368
                            + t
                                * (
                                    0.37409196
                                    + t
                                        * (
                                            0.09678418
                                            + t
                                                * (
                                                    -0.18628806
                                                    + t
                                                        * (
                                                            0.27886807
                                                            + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))
                                                        )
                                                )
                                        )
                                )
                        )
            );
        return x >= 0 ? 1 - erfc / 2 : erfc / 2;
    }

    public static double Quantile(double p)
    {
        if (p is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(p), "p must be in (0, 1).");
        }

        double[] a =
        [
            -3.969683028665376e+01,
            2.209460984245205e+02,
            -2.759285104469687e+02,
            1.383577518672690e+02,
            -3.066479806614716e+01,
            2.506628277459239e+00,
        ];
        double[] b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01];
        double[] c =
        [
            -7.784894002430293e-03,
            -3.223964580411365e-01,
            -2.400758277161838e+00,
            -2.549732539343734e+00,
            4.374664141464968e+00,
            2.938163982698783e+00,
        ];
        double[] d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00];
        const double Low = 0.02425;
        if (p < Low)
        {
            var q = Math.Sqrt(-2 * Math.Log(p));
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }

        if (p > 1 - Low)
        {
            return -Quantile(1 - p);
        }

        var r = p - 0.5;
        var s = r * r;
        return (((((a[0] * s + a[1]) * s + a[2]) * s + a[3]) * s + a[4]) * s + a[5])
            * r
            / (((((b[0] * s + b[1]) * s + b[2]) * s + b[3]) * s + b[4]) * s + 1);
    }
}
