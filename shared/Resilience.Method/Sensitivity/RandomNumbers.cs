namespace Resilience.Method.Sensitivity;

/// <summary>SplitMix64 (Steele, Lea &amp; Flood 2014): a 64-bit generator used here to seed <see cref="Xoshiro256StarStar"/>.</summary>
public struct SplitMix64(ulong seed)
{
    private ulong _state = seed;

    public ulong Next()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}

/// <summary>
/// xoshiro256** 1.0 (Blackman &amp; Vigna 2018). Our own generator, so that a seed gives the same numbers on every
/// platform and .NET version (System.Random's algorithm is an implementation detail).
/// </summary>
public struct Xoshiro256StarStar
{
    private ulong _s0, _s1, _s2, _s3;

    /// <summary>A generator whose state is given directly (not all zero).</summary>
    public Xoshiro256StarStar(ulong s0, ulong s1, ulong s2, ulong s3)
    {
        if ((s0 | s1 | s2 | s3) == 0) throw new ArgumentException("The state of xoshiro256** must not be all zero.");
        (_s0, _s1, _s2, _s3) = (s0, s1, s2, s3);
    }

    /// <summary>The generator of one stream (e.g. one Monte Carlo run): its state is four SplitMix64 outputs of a seed mixed with the stream number.</summary>
    public static Xoshiro256StarStar ForStream(ulong seed, long stream)
    {
        var seeder = new SplitMix64(seed ^ (0xD1B54A32D192ED03UL * (ulong)(stream + 1)));
        return new Xoshiro256StarStar(seeder.Next(), seeder.Next(), seeder.Next(), seeder.Next());
    }

    public ulong Next()
    {
        var result = RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A uniform double in [0, 1): the top 53 bits of <see cref="Next"/> × 2⁻⁵³.</summary>
    public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));
}
