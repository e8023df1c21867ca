namespace OpenAeo.Domain.Registry;

/// <summary>
/// When repeated sign-in failures lock a door: <see cref="MaxFailures"/> failures within <see cref="Window"/> lock
/// it for <see cref="Lockout"/> from the failure that reached the limit. One policy is applied per account name
/// and another per client address, so guessing one account's password and trying one password on many accounts
/// are both slowed down.
/// </summary>
public sealed record ThrottlePolicy(int MaxFailures, TimeSpan Window, TimeSpan Lockout)
{
    /// <summary>Five wrong passwords in 15 minutes lock the account for 15 minutes: a person who mistypes is not stopped, a guesser gets 20
    /// tries an hour.</summary>
    public static ThrottlePolicy AccountDefault { get; } = new(5, TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(15));

    /// <summary>Higher than per account, because one address can be a whole office behind one gateway.</summary>
    public static ThrottlePolicy AddressDefault { get; } = new(20, TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(15));

    /// <summary>How far back failures can still matter: those older than this can be forgotten.</summary>
    public TimeSpan Memory => Window + Lockout;

    public IReadOnlyList<DomainError> Check(string name)
    {
        var errors = new List<DomainError>();
        if (MaxFailures < 1)
        {
            errors.Add(new("signin.policy", $"{name}: the number of failures before a lockout is at least 1.", name));
        }

        if (Window <= TimeSpan.Zero || Lockout <= TimeSpan.Zero)
        {
            errors.Add(new("signin.policy", $"{name}: the window and the lockout are longer than zero.", name));
        }

        return errors;
    }
}

/// <summary>Which door a lockout closed: the account named in the attempt, or the address the attempt came from.</summary>
public enum ThrottleScope
{
    Account,
    Address,
}

/// <summary>The pure lockout rule over the failures recorded for one door (an account name or an address).</summary>
public static class SignInThrottle
{
    /// <summary>
    /// The instant until which the door is locked at <paramref name="now"/>, or null when it is open. Failures are
    /// read in time order: a failure counts when it is less than <see cref="ThrottlePolicy.Window"/> older than
    /// the newest one; the failure that brings the count to <see cref="ThrottlePolicy.MaxFailures"/> locks the
    /// door until that failure plus <see cref="ThrottlePolicy.Lockout"/> (exclusive). The failures that caused a
    /// lockout are spent: after it ends, counting starts again, so a lockout shorter than the window does not turn
    /// the next single mistake into another one. Failures stamped while the door was locked (another node recorded
    /// them in the same instant) neither count nor extend the lockout.
    /// </summary>
    public static DateTimeOffset? LockedUntil(IEnumerable<DateTimeOffset> failures, ThrottlePolicy policy, DateTimeOffset now)
    {
        DateTimeOffset? until = null;
        var counted = new Queue<DateTimeOffset>();
        foreach (var failure in failures.Where(f => f <= now).Order())
        {
            if (until is { } locked && failure < locked)
            {
                continue;
            }

            while (counted.Count > 0 && counted.Peek() <= failure - policy.Window)
            {
                counted.Dequeue();
            }

            counted.Enqueue(failure);
            if (counted.Count >= policy.MaxFailures)
            {
                until = failure + policy.Lockout;
                counted.Clear();
            }
        }

        return until is { } end && end > now ? end : null;
    }

    /// <summary>True when one more failure at <paramref name="now"/> starts a lockout (so it can be announced in the audit
    /// trail).</summary>
    public static bool FailureLocks(IEnumerable<DateTimeOffset> failures, ThrottlePolicy policy, DateTimeOffset now) =>
        LockedUntil(failures.Append(now), policy, now) is not null;
}

/// <summary>What a sign-in attempt may do before its password is even looked at.</summary>
public abstract record SignInGate
{
    private SignInGate() { }

    public sealed record Open : SignInGate;

    /// <summary>Refused without checking the password, until <paramref name="Until"/>.</summary>
    public sealed record Locked(ThrottleScope Scope, DateTimeOffset Until) : SignInGate;

    /// <summary>The account's door and the address's door, each with its own policy; the later lockout wins.</summary>
    public static SignInGate Decide(
        IEnumerable<DateTimeOffset> accountFailures,
        ThrottlePolicy accountPolicy,
        IEnumerable<DateTimeOffset> addressFailures,
        ThrottlePolicy addressPolicy,
        DateTimeOffset now
    )
    {
        var account = SignInThrottle.LockedUntil(accountFailures, accountPolicy, now);
        var address = SignInThrottle.LockedUntil(addressFailures, addressPolicy, now);
        return (account, address) switch
        {
            (null, null) => new Open(),
            ({ } a, { } b) when b > a => new Locked(ThrottleScope.Address, b),
            ({ } a, _) => new Locked(ThrottleScope.Account, a),
            (null, { } b) => new Locked(ThrottleScope.Address, b),
        };
    }
}
