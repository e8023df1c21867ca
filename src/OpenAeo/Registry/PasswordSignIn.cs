using System.Net;
using System.Net.Sockets;
using OpenAeo.Domain.Registry;

namespace OpenAeo.Registry;

/// <summary>Sign-in throttling, section <c>SignIn</c> (defaults in <see cref="ThrottlePolicy"/>).</summary>
internal sealed class SignInOptions
{
    /// <summary>Failures within the window that lock an account name.</summary>
    public int AccountMaxFailures { get; set; } = ThrottlePolicy.AccountDefault.MaxFailures;

    /// <summary>Failures within the window that lock a client address (an IPv6 address counts by its /64).</summary>
    public int AddressMaxFailures { get; set; } = ThrottlePolicy.AddressDefault.MaxFailures;

    public double WindowMinutes { get; set; } = ThrottlePolicy.AccountDefault.Window.TotalMinutes;

    public double LockoutMinutes { get; set; } = ThrottlePolicy.AccountDefault.Lockout.TotalMinutes;

    /// <summary>
    /// How long a node may trust what it read about an account (API key, session) before reading it again; a change
    /// made on another node or by the command line counts there within this time. 0 reads the account on every request.
    /// </summary>
    public double AccountCacheSeconds { get; set; } = 5;

    public ThrottlePolicy Account => new(AccountMaxFailures, TimeSpan.FromMinutes(WindowMinutes), TimeSpan.FromMinutes(LockoutMinutes));

    public ThrottlePolicy Address => new(AddressMaxFailures, TimeSpan.FromMinutes(WindowMinutes), TimeSpan.FromMinutes(LockoutMinutes));

    public IReadOnlyList<DomainError> Check() =>
        [
            .. Account.Check("SignIn:AccountMaxFailures, WindowMinutes, LockoutMinutes"),
            .. Address.Check("SignIn:AddressMaxFailures"),
            .. AccountCacheSeconds is >= 0 and <= 300
                ? []
                : new[] { new DomainError("signIn.accountCacheSeconds", "SignIn:AccountCacheSeconds is between 0 and 300.") },
        ];
}

/// <summary>
/// One failed (or still undecided) sign-in attempt against a door: <c>account:&lt;name&gt;</c> or
/// <c>address:&lt;client address&gt;</c>. Kept only as long as <see cref="ThrottlePolicy.Memory"/>; the audit trail
/// keeps the history.
/// </summary>
internal sealed class SignInFailure
{
    public long Id { get; private set; }

    public string Door { get; private set; } = "";

    public DateTimeOffset At { get; private set; }

    public static SignInFailure Of(string door, DateTimeOffset at) => new() { Door = door, At = at };
}

/// <summary>
/// Password sign-in with lockout (issue #11 item 6): load the recent failures of the account name and of the client
/// address, let <see cref="SignInGate"/> decide whether the password may be checked at all, then check it and record
/// the outcome in the audit trail. Unknown names are throttled exactly like real ones, so a lockout says nothing about
/// which accounts exist. The attempt is recorded as a failure before its password is checked and withdrawn when the
/// password is right, so concurrent attempts (or nodes) cannot slip past the limit together.
/// </summary>
internal static class PasswordSignIn
{
    public const string FailedCode = "signin.failed";
    public const string LockedCode = "signin.locked";

    public static async Task<Result<IReadOnlyList<Claim>>> Execute(
        string? name,
        string? password,
        IPAddress? address,
        OpenAeoDb db,
        Accounts accounts,
        SignInOptions options,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        var now = clock.GetUtcNow();
        var login = Login(name);
        var client = AddressDoor(address);
        var accountDoor = AccountDoor(login);
        var addressDoor = "address:" + client;
        var actor = "address:" + client;

        var pending = new[] { SignInFailure.Of(accountDoor, now), SignInFailure.Of(addressDoor, now) };
        db.SignInFailures().AddRange(pending);
        await db.SaveChangesAsync(ct);

        var since = now - Max(options.Account.Memory, options.Address.Memory);
        var recent = await db.SignInFailures()
            .AsNoTracking()
            .Where(f => (f.Door == accountDoor || f.Door == addressDoor) && f.At > since && f.Id != pending[0].Id && f.Id != pending[1].Id)
            .Select(f => new { f.Door, f.At })
            .ToListAsync(ct);
        var accountFailures = recent.Where(f => f.Door == accountDoor).Select(f => f.At).ToList();
        var addressFailures = recent.Where(f => f.Door == addressDoor).Select(f => f.At).ToList();

        if (SignInGate.Decide(accountFailures, options.Account, addressFailures, options.Address, now) is SignInGate.Locked locked)
        {
            // Refused without looking at the password; the attempt is not counted, so it does not extend the lockout.
            db.SignInFailures().RemoveRange(pending);
            db.Audit(
                now,
                actor,
                "user.sign-in-refused",
                $"user:{login}",
                "locked out",
                new
                {
                    address = client,
                    lockedBy = locked.Scope.ToString(),
                    until = locked.Until,
                }
            );
            await db.SaveChangesAsync(ct);
            return Locked(locked);
        }

        var (account, failure) = await accounts.VerifyPasswordAsync(login, password ?? "", ct);
        if (account is null)
        {
            db.Audit(now, actor, "user.sign-in-failed", $"user:{login}", failure, new { address = client });
            SignInGate.Locked? lockout = null;
            if (SignInThrottle.FailureLocks(accountFailures, options.Account, now))
            {
                lockout = new SignInGate.Locked(ThrottleScope.Account, now + options.Account.Lockout);
                db.Audit(
                    now,
                    actor,
                    "user.locked-out",
                    $"user:{login}",
                    $"{options.Account.MaxFailures} failed sign-ins within {options.Account.Window.TotalMinutes:0.#} minutes",
                    new { address = client, until = lockout.Until }
                );
            }

            if (SignInThrottle.FailureLocks(addressFailures, options.Address, now))
            {
                lockout = new SignInGate.Locked(ThrottleScope.Address, now + options.Address.Lockout);
                db.Audit(
                    now,
                    actor,
                    "user.locked-out",
                    addressDoor,
                    $"{options.Address.MaxFailures} failed sign-ins within {options.Address.Window.TotalMinutes:0.#} minutes",
                    new { address = client, until = lockout.Until }
                );
            }

            await db.SaveChangesAsync(ct);
            await db.SignInFailures().Where(f => f.At <= since).ExecuteDeleteAsync(ct);
            return lockout is null ? new DomainError(FailedCode, "The user name or password is not right.") : Locked(lockout);
        }

        // A right password ends the account's count (not the address's: one good account must not reset a guesser's address).
        db.SignInFailures().RemoveRange(pending.Skip(1));
        await db.SignInFailures().Where(f => f.Door == accountDoor).ExecuteDeleteAsync(ct);
        account.SignedIn(now);
        db.Audit(now, account.Name, "user.signed-in", $"user:{account.Name}", null, new { address = client });
        await db.SaveChangesAsync(ct);
        return Result<IReadOnlyList<Claim>>.Ok(Actor.Claims(account));
    }

    /// <summary>The sign-in name as accounts store it; a long one is cut, so an attacker cannot bloat the tables.</summary>
    public static string Login(string? name)
    {
        var login = (name ?? "").Trim().ToLowerInvariant();
        return login.Length > 64 ? login[..64] : login;
    }

    public static string AccountDoor(string login) => "account:" + login;

    /// <summary>
    /// The address an attempt is counted against: an IPv4 address as it is, an IPv6 address by its /64 (one
    /// subscriber usually holds a whole /64, so single addresses would be free to rotate).
    /// </summary>
    public static string AddressDoor(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    private static DomainError Locked(SignInGate.Locked locked) =>
        new(
            LockedCode,
            locked.Scope == ThrottleScope.Account
                ? $"Too many failed sign-ins for this account. Try again after {locked.Until.UtcDateTime:HH:mm} UTC, "
                    + "or ask an administrator to unlock it."
                : $"Too many failed sign-ins from your address. Try again after {locked.Until.UtcDateTime:HH:mm} UTC."
        );

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
